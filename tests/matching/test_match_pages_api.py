"""/api/v1/matching/: a posting's match and the ranking, for alice; 404 for bob and charlie."""

from __future__ import annotations

import pytest
from django.test import Client

from pmpath.accounts.services import create_token
from pmpath.matching import ranking
from tests.matching.match_factories import FAR, fresh_matching, make_resume, pm_posting


@pytest.fixture(autouse=True)
def _fresh(settings, tmp_path, monkeypatch):
    yield from fresh_matching(settings, tmp_path, monkeypatch)


def api_client(user) -> Client:
    _, raw = create_token(user, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_it_answers_a_postings_match_with_its_parts_and_evidence(alice):
    make_resume(alice)
    posting = pm_posting(alice)
    data = api_client(alice).get(f"/api/v1/matching/postings/{posting.pk}/score").json()
    assert data["posting_id"] == posting.pk and 0 < data["score"] <= 100
    assert round(sum(p["points"] for p in data["parts"])) == data["score"]
    assert any("A/B tests" in s["line"]["text"] for s in data["shown"])
    assert {"skill", "name", "required", "posting_text"} <= set(data["missing"][0])


def test_it_ranks_postings_with_reasons_and_filters(alice):
    make_resume(alice)
    strong = pm_posting(alice, 1, workplace="remote")
    pm_posting(alice, 2, title="Product Manager, Robotics", workplace="onsite",
               description_text=FAR)  # fmt: skip
    client = api_client(alice)
    rows = client.get("/api/v1/matching/rank?top=5").json()
    assert rows[0]["posting_id"] == strong.pk and rows[0]["reasons"]
    assert rows[0]["score"] >= rows[1]["score"]
    remote = client.get("/api/v1/matching/rank?remote=true").json()
    assert [r["posting_id"] for r in remote] == [strong.pk]


def test_without_a_resume_it_says_so(alice):
    posting = pm_posting(alice)
    response = api_client(alice).get(f"/api/v1/matching/postings/{posting.pk}/score")
    assert response.status_code == 409 and "resume" in response.json()["detail"]
    assert api_client(alice).get("/api/v1/matching/rank").status_code == 409


def test_a_bad_filter_is_refused_with_the_field_named(alice):
    make_resume(alice)
    response = api_client(alice).get("/api/v1/matching/rank?top=0")
    assert response.status_code == 422 and "top" in response.content.decode()


def test_bob_and_charlie_get_404_for_alices_posting(alice, bob):
    make_resume(alice)
    make_resume(bob)
    posting = pm_posting(alice)
    url = f"/api/v1/matching/postings/{posting.pk}/score"
    assert api_client(bob).get(url).status_code == 404
    assert Client().get(url).status_code == 401
    assert Client().get("/api/v1/matching/rank").status_code == 401


def test_bobs_ranking_never_shows_alices_postings(alice, bob):
    make_resume(alice)
    make_resume(bob)
    pm_posting(alice)
    assert api_client(bob).get("/api/v1/matching/rank").json() == []


def test_while_a_first_big_index_is_built_it_answers_503(alice, monkeypatch):
    make_resume(alice)
    posting = pm_posting(alice)
    monkeypatch.setattr(ranking, "INLINE_BUILD_MAX", 0)
    monkeypatch.setattr(ranking, "_queue_build", lambda user_id: None)
    client = api_client(alice)
    response = client.get(f"/api/v1/matching/postings/{posting.pk}/score")
    assert response.status_code == 503 and "try again" in response.json()["detail"]
    assert client.get("/api/v1/matching/rank").status_code == 503
