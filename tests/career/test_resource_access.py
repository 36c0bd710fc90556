"""alice owns her resources and enrolments; bob (another user) and charlie (anonymous) get 404
for them, on read and on write."""

import pytest
from django.urls import reverse

from pmpath.career.models import Enrolment, Resource
from tests.career.learning_factories import make_enrolment, make_resource


@pytest.fixture
def alices(alice):
    resource = make_resource(alice, name="Alice's private course")
    return {"resource": resource, "enrolment": make_enrolment(alice, resource, progress=30)}


READS = [
    ("career:resource", "resource"),
    ("career:resource_edit", "resource"),
    ("career:enrolment", "enrolment"),
]
WRITES = [
    ("career:resource_edit", "resource"),
    ("career:resource_delete", "resource"),
    ("career:resource_enrol", "resource"),
    ("career:enrolment", "enrolment"),
    ("career:enrolment_delete", "enrolment"),
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
    response = client.post(
        reverse(name, args=[alices[kind].pk]),
        {"name": "hijacked", "kind": "book", "status": "done", "progress": 100},
    )
    assert response.status_code == 404
    resource = Resource.objects.get(pk=alices["resource"].pk)
    enrolment = Enrolment.objects.get(pk=alices["enrolment"].pk)
    assert (resource.name, resource.owner) == ("Alice's private course", alice)
    assert (enrolment.status, enrolment.progress) == ("planned", 30)
    assert Enrolment.objects.filter(resource=resource).count() == 1


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
def test_alices_resource_is_not_in_anyone_elses_catalogue_or_export(alices, request, who):
    client = request.getfixturevalue(who)
    assert "Alice" not in client.get("/career/resources/?q=private").content.decode()
    export = client.get(reverse("career:resources_export") + "?format=json").content.decode()
    assert "Alice" not in export


def test_bob_cannot_enrol_alice_in_anything(alice, bob, bob_client):
    shipped = Resource.objects.get(key="the-mom-test")
    bob_client.post(reverse("career:resource_enrol", args=[shipped.pk]), {"user": alice.pk})
    assert list(Enrolment.objects.values_list("user__username", flat=True)) == ["bob"]


def test_bobs_plan_and_alices_plan_are_their_own(alices, bob, bob_client, alice_client):
    make_enrolment(bob, Resource.objects.get(key="empowered"))
    bobs = bob_client.get(reverse("career:plan")).content.decode()
    assert "Alice&#39;s private course" not in bobs and "Empowered" in bobs
    alices_page = alice_client.get(reverse("career:plan")).content.decode()
    assert "Alice&#39;s private course" in alices_page and "Empowered: Ordinary" not in alices_page


def test_charlie_may_browse_shared_resources_but_not_enrol(charlie_client):
    shipped = Resource.objects.get(key="the-mom-test")
    assert charlie_client.get(reverse("career:resource", args=[shipped.pk])).status_code == 200
    response = charlie_client.post(reverse("career:resource_enrol", args=[shipped.pk]))
    assert response.status_code == 404
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize("name", ["career:plan", "career:resource_new", "career:resources_import"])
def test_personal_pages_ask_charlie_to_log_in(charlie_client, name):
    response = charlie_client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
