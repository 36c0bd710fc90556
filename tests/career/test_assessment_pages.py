"""The self-assessment, proof and readiness pages: alice owns, bob is another user, charlie is
anonymous; reads and writes; a fixed number of SQL statements whatever the data size."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from pmpath.career import assessments as services
from pmpath.career.models import Assessment, BehaviourRating, Evidence
from tests.career.growth_factories import (
    behaviours,
    bulk_assessments,
    bulk_experiences,
    make_story,
    rated_assessment,
)
from tests.perf import assert_constant_queries


@pytest.fixture
def alices(alice, alice_client):
    pm = behaviours("pm")
    return rated_assessment(
        alice, {pm[0]: "consistently", pm[1]: "sometimes"}, evidence_for=(pm[0],)
    )


def test_the_assessment_page_offers_to_start_when_there_is_none(alice_client):
    body = alice_client.get(reverse("career:assessment")).content.decode()
    assert "Start my self-assessment" in body
    assert "Product Manager" in body


def test_starting_an_assessment_shows_the_behaviours_of_three_levels_as_radio_buttons(
    alice, alice_client
):
    response = alice_client.post(reverse("career:assessment_new"))
    assert response.status_code == 302
    body = alice_client.get(reverse("career:assessment")).content.decode()
    for level in ["Associate Product Manager", "Product Manager", "Senior Product Manager"]:
        assert f">{level}" in body
    assert "Director of Product" not in body.split('id="sheet"')[1]
    # The behaviour text comes from the ladder, with three choices each and no number scale.
    first = behaviours("apm", "communication")[0]
    assert f'name="b-{first}" value="not_yet"' in body
    assert f'name="b-{first}" value="consistently"' in body
    assert "Writes clear one-page specs" in body
    assert len(re.findall(r'type="radio" name="b-\d+"', body)) == 54 * 3


def test_alice_rates_behaviours_with_a_normal_form_post(alice, alice_client):
    assessment = services.new_assessment(alice)
    pm = behaviours("pm")
    response = alice_client.post(
        reverse("career:assessment_detail", args=[assessment.pk]),
        {f"b-{pm[0]}": "consistently", f"b-{pm[1]}": "sometimes", "other": "x"},
    )
    assert response.status_code == 302
    assert dict(assessment.ratings.values_list("behaviour_id", "status")) == {
        pm[0]: "consistently",
        pm[1]: "sometimes",
    }


def test_ratings_save_as_she_clicks_through_htmx(alice, alice_client):
    assessment = services.new_assessment(alice)
    b = behaviours("pm")[0]
    response = alice_client.post(
        reverse("career:assessment_detail", args=[assessment.pk]),
        {f"b-{b}": "sometimes"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Saved" in response.content.decode()
    # The counters at the top of the page follow, out of band.
    assert 'id="rated-total" hx-swap-oob="true">1<' in response.content.decode()
    assert 'id="rated-communication" hx-swap-oob="true">1/9<' in response.content.decode()
    bad = alice_client.post(
        reverse("career:assessment_detail", args=[assessment.pk]),
        {f"b-{b}": "often"},
        headers={"HX-Request": "true"},
    )
    assert "is not one of" in bad.content.decode()
    assert assessment.ratings.get().status == "sometimes"


def test_the_page_marks_evidence_and_claims(alices, alice_client):
    body = alice_client.get(reverse("career:assessment")).content.decode()
    assert "Launch note" in body
    assert "claim, no proof yet" in body


def test_an_old_assessment_is_shown_read_only(alice, alices, alice_client):
    services.new_assessment(alice)
    body = alice_client.get(reverse("career:assessment_detail", args=[alices.pk])).content.decode()
    assert "history: read only" in body
    assert "disabled" in body
    response = alice_client.post(
        reverse("career:assessment_detail", args=[alices.pk]),
        {f"b-{behaviours('pm')[0]}": "not_yet"},
    )
    assert response.status_code == 302
    assert alices.ratings.get(behaviour_id=behaviours("pm")[0]).status == "consistently"


def test_alice_attaches_her_story_on_the_proof_page(alice, alices, alice_client):
    story = make_story(alice, title="Onboarding rescue")
    b = behaviours("pm")[1]
    url = reverse("career:evidence", args=[alices.pk, b])
    page = alice_client.get(url).content.decode()
    assert f'value="story:{story.pk}"' in page and "Your stories" in page
    response = alice_client.post(url, {"item": f"story:{story.pk}"})
    assert response.status_code == 302
    ev = Evidence.objects.get(rating__behaviour_id=b)
    assert (
        ev.kind == "story" and ev.object_id == story.pk and ev.label == "Story: Onboarding rescue"
    )


def test_alice_attaches_a_link_and_a_bad_one_gets_a_message(alices, alice_client):
    url = reverse("career:evidence", args=[alices.pk, behaviours("pm")[2]])
    bad = alice_client.post(url, {"label": "Doc", "url": "ftp://x"})
    assert bad.status_code == 400 and "full web address" in bad.content.decode()
    empty = alice_client.post(url, {})
    assert empty.status_code == 400 and "Choose something of yours" in empty.content.decode()
    good = alice_client.post(url, {"label": "Roadmap review deck", "url": "https://d.test/x"})
    assert good.status_code == 302
    assert Evidence.objects.filter(label="Roadmap review deck").exists()


def test_bob_cannot_attach_alices_story_through_the_form(alice, alices, bob, bob_client):
    story = make_story(alice)
    assessment = services.new_assessment(bob)
    url = reverse("career:evidence", args=[assessment.pk, behaviours("pm")[0]])
    response = bob_client.post(url, {"item": f"story:{story.pk}"})
    assert response.status_code == 400
    assert f"no story {story.pk} of yours" in response.content.decode()
    assert not Evidence.objects.filter(user=bob).exists()


def test_removing_evidence_from_the_proof_page(alices, alice_client):
    ev = Evidence.objects.get()
    response = alice_client.post(reverse("career:evidence_delete", args=[ev.pk]))
    assert response.status_code == 302
    assert not Evidence.objects.exists()


OBJECT_READS = ["career:assessment_detail", "career:evidence"]


def _url(name, assessment):
    if name == "career:evidence":
        return reverse(name, args=[assessment.pk, behaviours("pm")[0]])
    return reverse(name, args=[assessment.pk])


@pytest.mark.parametrize("name", OBJECT_READS)
def test_alice_reads_her_assessment(alices, alice_client, name):
    assert alice_client.get(_url(name, alices)).status_code == 200


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
@pytest.mark.parametrize("name", OBJECT_READS)
def test_others_cannot_read_alices_assessment(alices, request, who, name):
    client = request.getfixturevalue(who)
    assert client.get(_url(name, alices)).status_code == 404


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
def test_others_cannot_rate_on_alices_assessment(alices, request, who):
    client = request.getfixturevalue(who)
    pm = behaviours("pm")
    response = client.post(_url("career:assessment_detail", alices), {f"b-{pm[0]}": "not_yet"})
    assert response.status_code == 404
    assert alices.ratings.get(behaviour_id=pm[0]).status == "consistently"


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
def test_others_cannot_attach_or_remove_alices_evidence(alices, request, who):
    client = request.getfixturevalue(who)
    response = client.post(_url("career:evidence", alices), {"label": "hijack"})
    assert response.status_code == 404
    ev = Evidence.objects.get()
    assert client.post(reverse("career:evidence_delete", args=[ev.pk])).status_code == 404
    assert Evidence.objects.count() == 1


@pytest.mark.parametrize(
    "name", ["career:assessment", "career:readiness", "career:experience", "career:goals"]
)
def test_the_career_growth_pages_ask_charlie_to_log_in(charlie_client, name):
    response = charlie_client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_charlie_cannot_start_an_assessment(charlie_client):
    response = charlie_client.post(reverse("career:assessment_new"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Assessment.objects.exists()


def test_bobs_pages_never_show_alices_ratings(alices, bob_client):
    body = bob_client.get(reverse("career:readiness")).content.decode()
    assert "Rate yourself against the ladder" in body
    assert "Launch note" not in bob_client.get(reverse("career:assessment")).content.decode()


def test_the_readiness_page_shows_levels_gaps_charts_and_tables(alice, alice_client):
    apm, pm = behaviours("apm"), behaviours("pm")
    rated_assessment(
        alice,
        {**dict.fromkeys(apm, "consistently"), **dict.fromkeys(pm[:12], "consistently")},
        evidence_for=tuple(apm + pm[:6]),
    )
    body = alice_client.get(reverse("career:readiness")).content.decode()
    assert "You operate at" in body and "Associate Product Manager</p>" in body
    # Target, below and above.
    for name in ["Associate Product Manager", "Product Manager", "Senior Product Manager"]:
        assert f"<dt>{name}" in body
    assert "Your largest gaps for Product Manager" in body
    assert "Customer focus" in body and "not rated yet" in body
    assert "claimed, no proof" in body
    assert 'id="radar-canvas"' in body and 'class="readiness-table"' in body
    assert 'id="history-canvas"' in body and 'class="history-table"' in body
    data = json.loads(re.search(r'id="readiness-data"[^>]*>(.*?)</script>', body, re.S).group(1))
    assert data["radar"]["target"] == [2] * 6
    assert data["radar"]["labels"][0] == "Communication"
    # Communication and strategy backed (2 + 2), technical and delivery claimed (1 + 1), of 10.
    assert data["history"]["overall"] == [60]


def test_the_readiness_page_answers_for_another_level(alices, alice_client):
    body = alice_client.get(reverse("career:readiness") + "?level=director").content.decode()
    assert "Readiness for Director of Product" in body
    assert "<dt>Lead / Principal Product Manager" in body
    body = alice_client.get(reverse("career:readiness") + "?level=nope").content.decode()
    assert "Readiness for Product Manager" in body


def test_chart_data_is_safe_json(alice, alice_client):
    story = make_story(alice, title="</script><script>alert(1)</script>")
    assessment = rated_assessment(alice, {behaviours("pm")[0]: "consistently"})
    services.attach_evidence(
        alice,
        assessment=assessment,
        behaviour_id=behaviours("pm")[0],
        kind="story",
        object_id=story.pk,
    )
    for url in [reverse("career:readiness"), reverse("career:assessment")]:
        assert "<script>alert(1)" not in alice_client.get(url).content.decode()


def test_the_assessment_page_runs_a_fixed_number_of_queries(alice, alice_client):
    def grow(n):
        bulk_assessments(alice, max(2, n // 100))
        bulk_experiences(alice, n)

    assert_constant_queries(alice_client, reverse("career:assessment"), grow, small=100, large=1000)


def test_the_readiness_page_runs_a_fixed_number_of_queries(alice, alice_client):
    assert_constant_queries(
        alice_client,
        reverse("career:readiness"),
        lambda n: bulk_assessments(alice, n),
        small=2,
        large=30,
    )


def test_the_proof_page_runs_a_fixed_number_of_queries(alice, alice_client):
    bulk_assessments(alice, 1)
    assessment = Assessment.objects.get()
    url = reverse("career:evidence", args=[assessment.pk, behaviours("pm")[0]])

    def grow(n):
        bulk_experiences(alice, n)
        for i in range(n // 50):
            make_story(alice, title=f"Story {n}-{i}")

    assert_constant_queries(alice_client, url, grow, small=10, large=400)


def test_every_rating_page_and_proof_link_works_for_a_full_window(alice, alice_client):
    """Every behaviour of the window has a working proof page."""
    assessment = services.new_assessment(alice)
    for b in behaviours("pm")[:3]:
        url = reverse("career:evidence", args=[assessment.pk, b])
        assert alice_client.get(url).status_code == 200
    assert (
        alice_client.get(reverse("career:evidence", args=[assessment.pk, 999999])).status_code
        == 404
    )
    assert BehaviourRating.objects.count() == 0
