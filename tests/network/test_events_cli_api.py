"""`pmpath network events` / `import-ics`, and /api/v1/network/events."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from django.test import Client
from django.utils import timezone
from typer.testing import CliRunner

from pmpath.accounts.services import create_token
from pmpath.cli._django import CLIError
from pmpath.cli.main import app
from pmpath.jobs import fetching
from pmpath.network import events
from pmpath.network.models import Event
from tests.conftest import make_user
from tests.network.factories import make_contact

DATA = Path(__file__).parent / "data" / "ics"
runner = CliRunner()


def make_event(user, *, days=10, **values):
    start = (timezone.now() + timedelta(days=days)).replace(second=0, microsecond=0)
    defaults = {"name": "ProductTank Example City", "time_zone": "Europe/Berlin"}
    local = start.astimezone(ZoneInfo("Europe/Berlin")).replace(tzinfo=None)
    return events.create_event(user, local_start=local, **{**defaults, **values})


# --- CLI ------------------------------------------------------------------------------------


def test_import_ics_then_events_as_json(alice):
    result = runner.invoke(
        app, ["network", "import-ics", str(DATA / "recurring.ics"), "--user", "alice"]
    )
    assert result.exit_code == 0, result.output
    assert "recurring.ics: 2 added, 0 updated." in result.output
    again = runner.invoke(
        app, ["network", "import-ics", str(DATA / "recurring.ics"), "--user", "alice", "--json"]
    )
    assert json.loads(again.output)["added"] == 0
    listed = runner.invoke(app, ["network", "events", "--user", "alice", "--json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert [r["name"] for r in rows] == ["ProductTank Example City"]
    assert rows[0]["time_zone"] == "Europe/Berlin"
    assert rows[0]["local_start"].endswith("+01:00") or rows[0]["local_start"].endswith("+02:00")
    past = json.loads(
        runner.invoke(app, ["network", "events", "--user", "alice", "--past", "--json"]).output
    )
    assert [r["name"] for r in past] == ["Three-week course"]


def test_without_user_the_only_user_is_meant_and_with_two_users_it_asks(alice):
    make_event(alice, name="Solo meetup")
    result = runner.invoke(app, ["network", "events"])
    assert result.exit_code == 0, result.output
    assert "Solo meetup" in result.output
    make_user("bob")
    refused = runner.invoke(app, ["network", "events"])
    # `pmpath` turns a CLIError into one line on standard error (tests/cli/test_errors.py).
    assert isinstance(refused.exception, CLIError) and "--user" in str(refused.exception)


def test_a_broken_calendar_gives_one_line_and_exit_status_1(alice):
    result = runner.invoke(
        app, ["network", "import-ics", str(DATA / "broken.ics"), "--user", "alice"]
    )
    assert isinstance(result.exception, CLIError)
    assert str(result.exception) == (
        "broken.ics: the calendar is cut short (it has no END:VCALENDAR line)"
    )
    missing = runner.invoke(app, ["network", "import-ics", "/no/such.ics", "--user", "alice"])
    assert isinstance(missing.exception, CLIError)
    assert str(missing.exception).startswith("/no/such.ics: cannot read")
    assert not Event.objects.exists()


def test_import_ics_fetches_an_address_through_the_guard(alice):
    def answer(request):
        return httpx.Response(200, content=(DATA / "conferences.ics").read_bytes())

    with fetching.replaying(httpx.MockTransport(answer), resolver=lambda h, p: ["93.184.216.34"]):
        result = runner.invoke(
            app,
            ["network", "import-ics", "webcal://calendar.example/c.ics", "--user", "alice"],
        )
    assert result.exit_code == 0, result.output
    assert Event.objects.filter(user=alice).count() == 3


def test_events_refuses_an_unknown_status(alice):
    result = runner.invoke(app, ["network", "events", "--user", "alice", "--status", "maybe"])
    assert isinstance(result.exception, CLIError) and "--status" in str(result.exception)


# --- API ------------------------------------------------------------------------------------


@pytest.fixture
def alice_api(alice):
    _, raw = create_token(alice, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def bob_api(bob):
    _, raw = create_token(bob, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_the_api_creates_an_event_in_local_time_and_lists_it(alice, alice_api):
    created = alice_api.post(
        "/api/v1/network/events",
        {
            "name": "Product Leaders Summit",
            "kind": "conference",
            "local_start": "2030-07-15T09:00",
            "time_zone": "Europe/London",
            "cost": "120.00",
            "currency": "GBP",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    data = created.json()
    assert datetime.fromisoformat(data["starts_at"]) == datetime(2030, 7, 15, 8, 0, tzinfo=UTC)
    assert data["local_start"].startswith("2030-07-15T09:00:00+01:00")
    listed = alice_api.get("/api/v1/network/events").json()
    assert [e["name"] for e in listed] == ["Product Leaders Summit"]


def test_the_api_shows_an_event_with_the_people_met(alice, alice_api):
    event = make_event(alice)
    met = make_contact(alice)
    event.contacts_met.add(met)
    data = alice_api.get(f"/api/v1/network/events/{event.pk}").json()
    assert (data["contacts_met"], data["people_met"]) == ([met.pk], 1)


def test_the_api_names_the_field_of_a_bad_event(alice_api):
    response = alice_api.post(
        "/api/v1/network/events",
        {"name": "Night", "local_start": "2030-07-15T09:00", "time_zone": "Nowhere/Special"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "time_zone" in response.content.decode()


def test_bob_and_charlie_cannot_see_alices_events_through_the_api(alice, bob_api, client):
    event = make_event(alice, name="Alice's meetup")
    assert bob_api.get(f"/api/v1/network/events/{event.pk}").status_code == 404
    assert bob_api.get("/api/v1/network/events").json() == []
    assert client.get(f"/api/v1/network/events/{event.pk}").status_code == 401
    assert client.get("/api/v1/network/events").status_code == 401


def test_bob_cannot_create_an_event_in_alices_group(alice, bob_api):
    from pmpath.network.groups import create_group

    group = create_group(alice, name="Alice's circle")
    response = bob_api.post(
        "/api/v1/network/events",
        {
            "name": "Mine",
            "local_start": "2030-07-15T09:00",
            "time_zone": "UTC",
            "group_id": group.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Event.objects.exists()


def test_the_events_api_runs_the_same_queries_at_10_and_300_events(alice, alice_api):
    from tests.network.test_event_pages import bulk_events
    from tests.perf import assert_constant_queries

    def grow(n):
        bulk_events(alice, n)
        Event.objects.filter(user=alice).update(goals="Meet two CPOs", notes="Bring cards")

    assert_constant_queries(alice_api, "/api/v1/network/events", grow, large=300)
    data = alice_api.get("/api/v1/network/events").json()
    assert data and {(e["goals"], e["notes"]) for e in data} == {("Meet two CPOs", "Bring cards")}
