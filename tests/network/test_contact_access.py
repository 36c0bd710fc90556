"""alice owns; bob (another user) and charlie (anonymous) get 404 for her contacts,
interactions, positions, tags, templates and companies, on read and on write."""

import pytest
from django.urls import reverse

from pmpath.network import contacts, outreach, services
from pmpath.network.models import Contact, Interaction, OutreachTemplate, Position, Tag
from tests.jobs.factories import make_application
from tests.network.factories import make_contact


@pytest.fixture
def alices(alice):
    application = make_application(alice, company_name="Acme")
    contact = contacts.save_contact(alice, first_name="Jane", company="Acme", tags="bridge-club")
    twin = make_contact(alice, first_name="Jane", last_name="Twin")
    return {
        "contact": contact,
        "twin": twin,
        "interaction": services.log_interaction(alice, contact_id=contact.pk),
        "position": contacts.add_position(alice, contact_id=contact.pk, company="Initech"),
        "tag": Tag.objects.get(user=alice),
        "template": outreach.ensure_templates(alice)[0],
        "company": application.company,
        "application": application,
    }


READS = [
    ("network:contact", "contact"),
    ("network:contact_edit", "contact"),
    ("network:contact_delete", "contact"),
    ("network:contact_merge", "contact"),
    ("network:outreach", "contact"),
    ("network:template", "template"),
    ("jobs:company", "company"),
]
WRITES = [
    ("network:contact_edit", "contact"),
    ("network:contact_delete", "contact"),
    ("network:contact_log", "contact"),
    ("network:contact_touch", "contact"),
    ("network:position_add", "contact"),
    ("network:outreach_sent", "contact"),
    ("network:position_delete", "position"),
    ("network:interaction_delete", "interaction"),
    ("network:interaction_replied", "interaction"),
    ("network:tag_edit", "tag"),
    ("network:tag_delete", "tag"),
    ("network:template", "template"),
    ("network:template_delete", "template"),
]
FORM = {
    "first_name": "Hijacked",
    "name": "Hijacked",
    "kind": "referral",
    "body": "Hijacked {first_name}",
    "occurred_on": "2026-01-01",
    "channel": "email",
    "direction": "outbound",
    "summary": "hijacked",
    "text": "hijacked",
    "company": "Hijacked Inc",
    "cadence_days": "1",
    "strength": "1",
}


def _unchanged(alices):
    contact = Contact.objects.get(pk=alices["contact"].pk)
    assert contact.first_name == "Jane"
    assert Interaction.objects.filter(contact=contact).count() == 1
    assert Position.objects.filter(contact=contact).count() == 1
    tag = Tag.objects.get(pk=alices["tag"].pk)
    assert tag.name == "bridge-club" and tag.cadence_days is None
    template = OutreachTemplate.objects.get(pk=alices["template"].pk)
    assert template.name == alices["template"].name
    assert Interaction.objects.get(pk=alices["interaction"].pk).replied_on is None
    assert Contact.objects.filter(pk=alices["twin"].pk).exists()


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
def test_others_cannot_write_alices(alices, request, who, name, kind):
    client = request.getfixturevalue(who)
    response = client.post(reverse(name, args=[alices[kind].pk]), FORM)
    assert response.status_code == 404
    _unchanged(alices)


def test_bob_cannot_draft_with_alices_template_or_application(alices, bob_client, bob):
    mine = make_contact(bob)
    url = reverse("network:outreach", args=[mine.pk])
    assert bob_client.get(url, {"template": alices["template"].pk}).status_code == 404
    assert bob_client.get(url, {"application": alices["application"].pk}).status_code == 404
    sent = reverse("network:outreach_sent", args=[mine.pk])
    response = bob_client.post(sent, {"text": "hi", "template": alices["template"].pk})
    assert response.status_code == 404
    assert not Interaction.objects.filter(user=bob).exists()


def test_bob_cannot_merge_alices_contacts_and_charlie_must_log_in(
    alices, bob_client, charlie_client
):
    data = {"keep": alices["contact"].pk, "contacts": [alices["contact"].pk, alices["twin"].pk]}
    assert bob_client.post(reverse("network:merge"), data).status_code == 404
    response = charlie_client.post(reverse("network:merge"), data)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    _unchanged(alices)


def test_bob_cannot_fold_alices_contact_into_his_own(alices, bob, bob_client):
    mine = make_contact(bob)
    data = {"keep": mine.pk, "contacts": [mine.pk, alices["contact"].pk]}
    assert bob_client.post(reverse("network:merge"), data).status_code == 404
    _unchanged(alices)


def test_bob_cannot_log_against_alices_application(alices, bob, bob_client):
    mine = make_contact(bob)
    url = reverse("network:contact_log", args=[mine.pk])
    data = {**FORM, "application": alices["application"].pk}
    assert bob_client.post(url, data).status_code == 404
    assert not Interaction.objects.filter(user=bob).exists()


def test_bob_sees_nothing_of_alices_in_his_lists(alices, bob_client):
    for name in ("network:contacts", "network:duplicates", "network:tags", "network:templates"):
        body = bob_client.get(reverse(name)).content.decode()
        assert "Jane" not in body and "bridge-club" not in body


@pytest.mark.parametrize(
    "name",
    [
        "network:contacts",
        "network:contact_new",
        "network:duplicates",
        "network:tags",
        "network:templates",
        "network:template_new",
    ],
)
def test_list_pages_ask_charlie_to_log_in(charlie_client, name):
    response = charlie_client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
