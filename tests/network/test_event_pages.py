"""The events pages: what alice sees and does; bob and charlie get 404 for her events, on read
and on write; SQL statements per page do not grow with the number of events or people met."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pmpath.jobs import fetching
from pmpath.network import events
from pmpath.network.models import Contact, Event, Interaction
from tests.network.factories import make_contact
from tests.perf import assert_constant_queries

DATA = Path(__file__).parent / "data" / "ics"


def make_event(user, *, days=10, **values):
    start = (timezone.now() + timedelta(days=days)).replace(microsecond=0, second=0)
    defaults = {
        "name": "ProductTank Example City",
        "local_start": start.replace(tzinfo=None),
        "time_zone": "UTC",
    }
    return events.create_event(user, **{**defaults, **values})


def bulk_events(user, n):
    """Bring the user to n events, half upcoming and half past, each with a person met."""
    have = Event.objects.filter(user=user).count()
    now = timezone.now()
    rows = [
        Event(
            user=user,
            name=f"Event {i}",
            starts_at=now + timedelta(days=((i % 2 and 1) or -1) * (1 + i % 40), hours=i),
            time_zone="Europe/Berlin",
            status=["interested", "registered", "attended"][i % 3],
            group=None,
        )
        for i in range(have, n)
    ]
    Event.objects.bulk_create(rows)
    contact = make_contact(user, first_name="Met", last_name=f"Many {n}")
    for event in Event.objects.filter(user=user, contacts_met__isnull=True):
        event.contacts_met.add(contact)


# --- what alice does ------------------------------------------------------------------------


def test_the_events_page_lists_upcoming_and_past_and_filters_by_status(alice, alice_client):
    make_event(alice, name="Coming meetup", status="registered")
    make_event(alice, name="Old conference", days=-30, status="attended")
    page = alice_client.get(reverse("network:events")).content.decode()
    assert "Coming meetup" in page and "Old conference" in page
    assert page.index("Coming meetup") < page.index("Old conference")
    filtered = alice_client.get(reverse("network:events") + "?status=attended").content.decode()
    assert "Old conference" in filtered and "Coming meetup" not in filtered


def test_an_empty_events_page_says_what_to_do(alice_client):
    page = alice_client.get(reverse("network:events")).content.decode()
    assert "No events yet" in page


def test_alice_adds_an_event_in_her_local_time_and_zone(alice, alice_client):
    response = alice_client.post(
        reverse("network:event_new"),
        {
            "name": "Product Leaders Summit",
            "kind": "conference",
            "status": "registered",
            "date": "2026-07-15",
            "time": "09:00",
            "time_zone": "europe/london",
            "end_time": "17:30",
            "location": "Riverside Hall, London",
            "cost": "120",
            "currency": "gbp",
            "goals": "Meet two heads of product",
            "follow_up_on": "2026-07-17",
        },
    )
    event = Event.objects.get(user=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("network:event", args=[event.pk])
    assert event.starts_at == datetime(2026, 7, 15, 8, 0, tzinfo=UTC)
    assert event.ends_at == datetime(2026, 7, 15, 16, 30, tzinfo=UTC)
    assert (event.time_zone, event.currency) == ("Europe/London", "GBP")


def test_a_bad_zone_and_a_skipped_hour_are_shown_next_to_their_fields(alice, alice_client):
    fields = {"name": "Night", "kind": "meetup", "status": "interested", "date": "2026-03-29"}
    page = alice_client.post(
        reverse("network:event_new"), {**fields, "time": "18:00", "time_zone": "Mars/Base"}
    ).content.decode()
    assert "is not a time zone name" in page
    page = alice_client.post(
        reverse("network:event_new"), {**fields, "time": "01:30", "time_zone": "Europe/London"}
    ).content.decode()
    assert "does not exist in Europe/London" in page
    assert not Event.objects.filter(user=alice).exists()


def test_alice_edits_her_event(alice, alice_client):
    event = make_event(alice)
    form = alice_client.get(reverse("network:event_edit", args=[event.pk]))
    assert form.status_code == 200 and "ProductTank Example City" in form.content.decode()
    response = alice_client.post(
        reverse("network:event_edit", args=[event.pk]),
        {
            "name": "ProductTank (moved)",
            "kind": "meetup",
            "status": "interested",
            "date": "2026-12-02",
            "time": "18:30",
            "time_zone": "Europe/London",
        },
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.name == "ProductTank (moved)"
    assert event.starts_at == datetime(2026, 12, 2, 18, 30, tzinfo=UTC)


def test_the_event_page_shows_the_people_met_and_quick_add_logs_the_meeting(alice, alice_client):
    event = make_event(alice, days=-1, follow_up_on=timezone.localdate() + timedelta(days=2))
    response = alice_client.post(
        reverse("network:event_contact_add", args=[event.pk]),
        {"name": "Ada Lovelace", "company": "Acme", "role": "Head of Product", "note": "Hiring"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#met")
    contact = Contact.objects.get(user=alice)
    assert contact.source == "event"
    interaction = Interaction.objects.get(contact=contact)
    assert interaction.follow_up_on == event.follow_up_on
    page = alice_client.get(reverse("network:event", args=[event.pk])).content.decode()
    assert "Ada Lovelace" in page and "Head of Product" in page


def test_a_quick_add_without_a_name_shows_the_error_and_keeps_what_was_typed(alice, alice_client):
    event = make_event(alice)
    response = alice_client.post(
        reverse("network:event_contact_add", args=[event.pk]),
        {"name": "", "company": "Acme Robotics"},
    )
    assert response.status_code == 400
    assert "Acme Robotics" in response.content.decode()
    assert not Contact.objects.exists()


def test_marking_attended_shows_the_follow_up_proposal_and_sending_it_sets_them(
    alice, alice_client
):
    event = make_event(alice, days=-2)
    met = make_contact(alice, first_name="Grace", last_name="Hopper")
    event.contacts_met.add(met)
    alice_client.post(reverse("network:event_status", args=[event.pk]), {"status": "attended"})
    page = alice_client.get(reverse("network:event", args=[event.pk])).content.decode()
    assert "Follow up with the people you met" in page
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    alice_client.post(
        reverse("network:event_follow_ups", args=[event.pk]),
        {"contacts": [met.pk], "follow_up_on": due},
    )
    interaction = Interaction.objects.get(contact=met)
    assert interaction.follow_up_on == date.fromisoformat(due)
    page = alice_client.get(reverse("network:event", args=[event.pk])).content.decode()
    assert "Follow up with the people you met" not in page


def test_alice_links_a_contact_she_already_has_found_by_name(alice, alice_client):
    event = make_event(alice)
    known = make_contact(alice, first_name="Katherine", last_name="Johnson")
    page = alice_client.get(reverse("network:event", args=[event.pk]) + "?q=kath").content
    assert b"Katherine Johnson" in page
    link = reverse("network:event_contact_link", args=[event.pk])
    assert f'action="{link}"'.encode() in page and b"csrfmiddlewaretoken" in page
    alice_client.post(reverse("network:event_contact_link", args=[event.pk]), {"contact": known.pk})
    assert list(event.contacts_met.all()) == [known]
    alice_client.post(reverse("network:event_contact_unlink", args=[event.pk, known.pk]))
    assert not event.contacts_met.exists()


def test_alice_deletes_an_event_and_keeps_the_people_met(alice, alice_client):
    event = make_event(alice)
    event.contacts_met.add(make_contact(alice))
    response = alice_client.post(reverse("network:event_delete", args=[event.pk]))
    assert response.status_code == 302
    assert not Event.objects.exists() and Contact.objects.count() == 1


def test_alice_imports_a_calendar_file_and_gets_one_message_for_a_broken_one(alice, alice_client):
    upload = SimpleUploadedFile("conf.ics", (DATA / "conferences.ics").read_bytes())
    response = alice_client.post(reverse("network:event_import"), {"file": upload})
    assert response.status_code == 302
    assert Event.objects.filter(user=alice).count() == 3
    broken = SimpleUploadedFile("broken.ics", (DATA / "broken.ics").read_bytes())
    page = alice_client.post(reverse("network:event_import"), {"file": broken}).content.decode()
    assert "broken.ics: the calendar is cut short" in page
    assert "Traceback" not in page


def test_an_import_with_left_out_entries_lists_them(alice, alice_client):
    upload = SimpleUploadedFile("mixed.ics", (DATA / "mixed_times.ics").read_bytes())
    page = alice_client.post(reverse("network:event_import"), {"file": upload}).content.decode()
    assert "Date to be announced" in page and "no start time" in page


def test_alice_imports_a_calendar_from_an_address(alice, alice_client):
    def answer(request):
        return httpx.Response(200, content=(DATA / "recurring.ics").read_bytes())

    with fetching.replaying(httpx.MockTransport(answer), resolver=lambda h, p: ["93.184.216.34"]):
        response = alice_client.post(
            reverse("network:event_import"), {"url": "https://calendar.example/tank.ics"}
        )
    assert response.status_code == 302
    assert Event.objects.filter(user=alice).count() == 2


def test_the_import_form_wants_a_file_or_an_address(alice_client):
    page = alice_client.post(reverse("network:event_import"), {}).content.decode()
    assert "Choose a file or give an address" in page


def test_the_calendar_download_has_upcoming_events_that_parse(alice, alice_client):
    make_event(alice, name="Coming meetup", location="Loft, Berlin", time_zone="Europe/Berlin")
    make_event(alice, name="Old meetup", days=-5)
    make_event(alice, name="Skipped meetup", status="skipped")
    response = alice_client.get(reverse("network:event_calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Coming meetup"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    for name in ("UID", "DTSTAMP", "ORGANIZER", "LOCATION"):
        assert name in event
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_the_network_overview_shows_the_next_events(alice, alice_client):
    make_event(alice, name="Soonest meetup", days=1)
    make_event(alice, name="Skipped talk", days=2, status="skipped")
    page = alice_client.get(reverse("network:index")).content.decode()
    assert "Upcoming events" in page and "Soonest meetup" in page
    assert "Skipped talk" not in page


# --- bob and charlie ------------------------------------------------------------------------


@pytest.fixture
def alices_event(alice):
    event = make_event(alice, name="Alice's meetup")
    event.contacts_met.add(make_contact(alice, first_name="Known"))
    return event


READS = ["network:event", "network:event_edit"]
WRITES = [
    "network:event_edit",
    "network:event_delete",
    "network:event_status",
    "network:event_contact_add",
    "network:event_contact_link",
    "network:event_follow_ups",
]


@pytest.mark.parametrize("name", READS)
def test_alice_reads_her_event(alices_event, alice_client, name):
    assert alice_client.get(reverse(name, args=[alices_event.pk])).status_code == 200


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
@pytest.mark.parametrize("name", READS)
def test_others_cannot_read_alices_event(alices_event, request, who, name):
    client = request.getfixturevalue(who)
    assert client.get(reverse(name, args=[alices_event.pk])).status_code == 404


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
@pytest.mark.parametrize("name", WRITES)
def test_others_cannot_write_alices_event(alice, alices_event, request, who, name):
    client = request.getfixturevalue(who)
    known = Contact.objects.get(user=alice)
    response = client.post(
        reverse(name, args=[alices_event.pk]),
        {
            "name": "Mallory",
            "status": "attended",
            "contact": known.pk,
            "contacts": [known.pk],
            "follow_up_on": "2030-01-01",
            "kind": "meetup",
            "date": "2030-01-01",
            "time": "10:00",
            "time_zone": "UTC",
        },
    )
    assert response.status_code == 404
    alices_event.refresh_from_db()
    assert (alices_event.name, alices_event.status) == ("Alice's meetup", "interested")
    assert list(Contact.objects.values_list("first_name", flat=True)) == ["Known"]
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
def test_others_cannot_unlink_from_alices_event(alice, alices_event, request, who):
    client = request.getfixturevalue(who)
    known = Contact.objects.get(user=alice)
    url = reverse("network:event_contact_unlink", args=[alices_event.pk, known.pk])
    assert client.post(url).status_code == 404
    assert alices_event.contacts_met.count() == 1


def test_bob_cannot_link_alices_contact_to_his_event(alice, bob, bob_client):
    bobs = make_event(bob)
    alices_contact = make_contact(alice)
    response = bob_client.post(
        reverse("network:event_contact_link", args=[bobs.pk]), {"contact": alices_contact.pk}
    )
    assert response.status_code == 404
    assert not bobs.contacts_met.exists()


def test_bobs_lists_and_calendar_do_not_show_alices_events(alices_event, bob_client):
    assert b"Alice's meetup" not in bob_client.get(reverse("network:events")).content
    assert b"Alice" not in bob_client.get(reverse("network:event_calendar")).content
    assert b"Alice's meetup" not in bob_client.get(reverse("network:index")).content


@pytest.mark.parametrize(
    "name",
    ["network:events", "network:event_new", "network:event_import", "network:event_calendar"],
)
def test_list_pages_ask_charlie_to_log_in(charlie_client, name):
    response = charlie_client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_charlie_cannot_import_or_add(charlie_client):
    upload = SimpleUploadedFile("conf.ics", (DATA / "conferences.ics").read_bytes())
    response = charlie_client.post(reverse("network:event_import"), {"file": upload})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Event.objects.exists()


# --- constant queries -----------------------------------------------------------------------


def test_the_events_page_runs_the_same_queries_at_10_and_500_events(alice, alice_client):
    assert_constant_queries(
        alice_client, reverse("network:events"), lambda n: bulk_events(alice, n), large=500
    )


def test_a_filtered_and_paged_events_page_runs_constant_queries(alice, alice_client):
    url = reverse("network:events") + "?status=attended&page=2"
    assert_constant_queries(alice_client, url, lambda n: bulk_events(alice, n), small=60, large=500)


def test_the_event_page_runs_the_same_queries_whoever_was_met(alice, alice_client):
    event = make_event(alice, days=-3, status="attended")

    def meet(n):
        have = event.contacts_met.count()
        people = Contact.objects.bulk_create(
            [Contact(user=alice, first_name=f"P{i}", last_name="Met") for i in range(have, n)]
        )
        event.contacts_met.add(*people)

    url = reverse("network:event", args=[event.pk]) + "?q=met"
    assert_constant_queries(alice_client, url, meet, small=5, large=300)


def test_the_overview_runs_the_same_queries_at_10_and_500_events(alice, alice_client):
    assert_constant_queries(
        alice_client, reverse("network:index"), lambda n: bulk_events(alice, n), large=500
    )
