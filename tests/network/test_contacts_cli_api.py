"""`pmpath network contacts` and `pmpath network due`, and /api/v1/network/contacts."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from typer.testing import CliRunner

from pmpath.accounts.services import create_token
from pmpath.cli.main import app
from pmpath.jobs.models import Company
from pmpath.network import contacts, services
from pmpath.network.models import Contact, Interaction
from tests.conftest import make_user
from tests.jobs.factories import make_application
from tests.network.factories import make_contact

runner = CliRunner()


# --- CLI ------------------------------------------------------------------------------------


def test_contacts_at_a_company_as_json(alice):
    Company.objects.create(user=alice, name="Google")
    contacts.save_contact(alice, first_name="Jane", company="Alphabet Inc.", tags="mentor")
    contacts.save_contact(alice, first_name="Sam", company="Initech")
    result = runner.invoke(
        app, ["network", "contacts", "--company", "Google", "--json", "--user", "alice"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["first_name"], r["company"], r["tags"]) for r in rows] == [
        ("Jane", "Alphabet Inc.", ["mentor"])
    ]
    table = runner.invoke(app, ["network", "contacts", "--user", "alice"])
    assert "Jane" in table.output and "Sam" in table.output


def test_contacts_without_user_on_a_one_person_install(alice):
    make_contact(alice, first_name="Solo")
    result = runner.invoke(app, ["network", "contacts"])
    assert result.exit_code == 0 and "Solo" in result.output
    make_user("bob")
    refused = runner.invoke(app, ["network", "contacts"])
    assert refused.exit_code != 0 and "--user" in str(refused.exception)


def test_due_lists_overdue_and_this_week(alice):
    today = timezone.localdate()
    late = make_contact(alice, first_name="Late", cadence_days=30)
    services.log_interaction(alice, contact_id=late.pk, occurred_on=today - timedelta(days=40))
    soon = make_contact(alice, first_name="Soon", cadence_days=30)
    services.log_interaction(alice, contact_id=soon.pk, occurred_on=today - timedelta(days=27))
    data = json.loads(runner.invoke(app, ["network", "due", "--json", "--user", "alice"]).output)
    assert [r["name"] for r in data["overdue"]] == ["Late Doe"]
    assert [r["name"] for r in data["this_week"]] == ["Soon Doe"]
    assert data["overdue_total"] == 1
    text = runner.invoke(app, ["network", "due", "--user", "alice"]).output
    assert "Overdue (1)" in text and "Late Doe" in text


def test_due_says_when_nobody_is_due(alice):
    result = runner.invoke(app, ["network", "due", "--user", "alice"])
    assert result.exit_code == 0 and "Nobody is due" in result.output


# --- API ------------------------------------------------------------------------------------


@pytest.fixture
def alice_api(alice):
    _, raw = create_token(alice, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def bob_api(bob):
    _, raw = create_token(bob, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_the_api_creates_lists_and_reads_contacts(alice, alice_api):
    application = make_application(alice, company_name="Acme")
    created = alice_api.post(
        "/api/v1/network/contacts",
        {
            "first_name": "Jane",
            "last_name": "Doe",
            "company": "Acme Inc.",
            "tags": ["mentor"],
            "strength": 4,
            "cadence_days": 30,
            "linkedin_url": "https://www.linkedin.com/in/jane-doe",
            "can_open": [application.company_id],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["company"] == "Acme Inc." and body["company_id"] == application.company_id
    assert body["tags"] == ["mentor"] and body["can_open"] == [application.company_id]
    listed = alice_api.get("/api/v1/network/contacts", {"company": "acme"}).json()
    assert [c["id"] for c in listed] == [body["id"]]
    detail = alice_api.get(f"/api/v1/network/contacts/{body['id']}").json()
    assert detail["next_due_on"] == timezone.localdate().isoformat()


def test_the_api_says_which_field_is_wrong(alice_api, alice):
    response = alice_api.post(
        "/api/v1/network/contacts",
        {"first_name": "Jane", "linkedin_url": "https://example.com/x"},
        content_type="application/json",
    )
    assert response.status_code == 422 and "linkedin_url:" in response.json()["detail"]
    assert not Contact.objects.filter(user=alice).exists()


def test_the_api_logs_and_lists_a_contacts_interactions(alice, alice_api):
    contact = make_contact(alice, cadence_days=10)
    created = alice_api.post(
        f"/api/v1/network/contacts/{contact.pk}/interactions",
        {"channel": "coffee", "direction": "inbound", "summary": "Coffee in town"},
        content_type="application/json",
    )
    assert created.status_code == 201
    listed = alice_api.get(f"/api/v1/network/contacts/{contact.pk}/interactions").json()
    assert [(i["channel"], i["summary"]) for i in listed] == [("coffee", "Coffee in town")]
    contact.refresh_from_db()
    assert contact.last_touched_on == timezone.localdate()
    bad = alice_api.post(
        f"/api/v1/network/contacts/{contact.pk}/interactions",
        {"channel": "pigeon"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "channel:" in bad.json()["detail"]


def test_bob_gets_404_for_alices_contact_and_interactions(alice, bob_api, bob):
    contact = make_contact(alice)
    application = make_application(alice)
    mine = make_contact(bob)
    base = f"/api/v1/network/contacts/{contact.pk}"
    assert bob_api.get(base).status_code == 404
    assert bob_api.get(f"{base}/interactions").status_code == 404
    posted = bob_api.post(f"{base}/interactions", {}, content_type="application/json")
    assert posted.status_code == 404
    about_hers = bob_api.post(
        f"/api/v1/network/contacts/{mine.pk}/interactions",
        {"application_id": application.pk},
        content_type="application/json",
    )
    assert about_hers.status_code == 404
    assert not Interaction.objects.exists()
    assert [c["id"] for c in bob_api.get("/api/v1/network/contacts").json()] == [mine.pk]


def test_charlie_gets_401_from_the_contacts_api(alice, client):
    contact = make_contact(alice)
    assert client.get("/api/v1/network/contacts").status_code == 401
    assert client.get(f"/api/v1/network/contacts/{contact.pk}").status_code == 401
    posted = client.post(
        "/api/v1/network/contacts", {"first_name": "X"}, content_type="application/json"
    )
    assert posted.status_code == 401
    assert Contact.objects.count() == 1
