"""alice owns her watches and inbox; bob (another user) and charlie (anonymous) get 404 on
every object route, read and write, and the list pages show each person only their own."""

import pytest
from django.test import Client
from django.urls import reverse

from pmpath.jobs import watches
from pmpath.jobs.models import Posting, Watch
from tests.jobs.boardfakes import greenhouse_jobs, greenhouse_url, json_answer
from tests.jobs.boardfakes import replay as replaying


@pytest.fixture
def alices(alice):
    watch = watches.add_watch(
        alice, company_name="Acme", board_kind="greenhouse", board_name="acme"
    )
    answer = json_answer(greenhouse_jobs("Product Manager, Secret Project"))
    with replaying({greenhouse_url("acme"): answer}):
        watches.poll(watch)
    return {"watch": watch, "posting": Posting.objects.get(user=alice)}


WRITES = [
    ("jobs:watch_poll", "watch"),
    ("jobs:watch_pause", "watch"),
    ("jobs:watch_remove", "watch"),
    ("jobs:inbox_dismiss", "posting"),
]


@pytest.mark.parametrize("name, kind", WRITES)
def test_alice_acts_on_her_own(alices, alice_client, name, kind):
    answer = json_answer(greenhouse_jobs("Product Manager, Secret Project"))
    with replaying({greenhouse_url("acme"): answer}):
        response = alice_client.post(reverse(name, args=[alices[kind].pk]))
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
@pytest.mark.parametrize("name, kind", WRITES)
def test_others_cannot_act_on_alices(alices, request, who, name, kind):
    client = request.getfixturevalue(who)
    with replaying({}) as recorder:  # a poll that got through would ask for the board
        response = client.post(reverse(name, args=[alices[kind].pk]), {"paused": "1"})
    assert response.status_code == 404 and recorder.requests == []
    watch = Watch.objects.get(pk=alices["watch"].pk)
    assert watch.active and watch.last_polled_at == alices["watch"].last_polled_at
    assert Posting.objects.get(pk=alices["posting"].pk).inbox_dismissed is False


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
@pytest.mark.parametrize("name", [n for n, _ in WRITES])
def test_object_routes_do_not_answer_reads(alices, alice_client, request, who, name):
    for client in (alice_client, request.getfixturevalue(who)):
        kind = dict(WRITES)[name]
        assert client.get(reverse(name, args=[alices[kind].pk])).status_code in (404, 405)


def test_bob_sees_neither_alices_watches_nor_her_inbox(alices, bob_client):
    page = bob_client.get(reverse("jobs:watchlist")).content.decode()
    assert "greenhouse:acme" not in page and "Secret Project" not in page
    overview = bob_client.get(reverse("jobs:index")).content.decode()
    assert "<strong>0</strong> new roles in your inbox" in overview


def test_bob_cannot_add_a_watch_to_alices_list(alices, bob, bob_client):
    bob_client.post(
        reverse("jobs:watchlist"),
        {"company_name": "Acme", "board_kind": "lever", "board_name": "acme"},
    )
    assert Watch.objects.filter(user=bob).count() == 1
    assert Watch.objects.filter(user=alices["watch"].user).count() == 1


@pytest.mark.parametrize("name", ["jobs:watchlist"])
def test_charlie_is_asked_to_log_in_to_read(charlie_client, name):
    response = charlie_client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", ["jobs:watchlist", "jobs:bookmarklet_create"])
def test_charlie_is_asked_to_log_in_to_write(charlie_client, name):
    response = charlie_client.post(
        reverse(name), {"company_name": "Acme", "board_kind": "lever", "board_name": "acme"}
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Watch.objects.exists()


@pytest.mark.parametrize("token", [None, "pmp_not-a-real-token"])
def test_charlie_cannot_save_a_page_without_a_valid_token(db, token):
    charlie = Client(enforce_csrf_checks=True)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = charlie.post(
        "/api/v1/jobs/postings/import-page",
        {"url": "", "html": "<h1>Product Manager</h1>"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code in (401, 403) and not Posting.objects.exists()
