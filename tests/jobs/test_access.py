"""alice owns; bob (another user) and charlie (anonymous) get 404 on read and on write."""

import pytest
from django.urls import reverse

from pmpath.jobs.services import ensure_stages
from tests.jobs.factories import make_application, make_posting


@pytest.fixture
def alices(alice):
    return {"application": make_application(alice), "posting": make_posting(alice)}


READS = [("jobs:application", "application"), ("jobs:posting", "posting")]
WRITES = [
    ("jobs:application", "application"),
    ("jobs:application_move", "application"),
    ("jobs:application_archive", "application"),
    ("jobs:posting_track", "posting"),
]


@pytest.mark.parametrize("name, kind", READS)
def test_alice_reads_her_own(alices, alice_client, name, kind):
    assert alice_client.get(reverse(name, args=[alices[kind].pk])).status_code == 200


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
@pytest.mark.parametrize("name, kind", READS)
def test_others_cannot_read_alices(alices, request, who, name, kind):
    client = request.getfixturevalue(who)
    assert client.get(reverse(name, args=[alices[kind].pk])).status_code == 404


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
@pytest.mark.parametrize("name, kind", WRITES)
def test_others_cannot_write_alices(alices, alice, request, who, name, kind):
    client = request.getfixturevalue(who)
    stage = ensure_stages(alice)[2]
    response = client.post(
        reverse(name, args=[alices[kind].pk]), {"stage": stage.pk, "role_title": "hijacked"}
    )
    assert response.status_code == 404
    alices["application"].refresh_from_db()
    assert alices["application"].role_title != "hijacked"
    assert alices["application"].stage.name == "Saved"


@pytest.mark.parametrize(
    "name", ["jobs:index", "jobs:board", "jobs:applications", "jobs:postings", "jobs:import"]
)
def test_list_pages_ask_charlie_to_log_in(charlie_client, name):
    response = charlie_client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
