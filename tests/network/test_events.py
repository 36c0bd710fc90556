"""Industry events: time zones, the people met there, follow-ups, calendar import."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from django.http import Http404
from django.utils import timezone

from pmpath.jobs import fetching
from pmpath.network import events
from pmpath.network.models import Contact, Event, ImportRun, Interaction
from pmpath.network.services import NetworkError
from tests.network.factories import make_contact

DATA = Path(__file__).parent / "data" / "ics"
NOW = datetime(2026, 9, 15, 12, 0, tzinfo=UTC)


def make_event(user, **overrides):
    values = {
        "name": "ProductTank Example City",
        "local_start": datetime(2026, 7, 2, 18, 30),
        "time_zone": "Europe/London",
    }
    values.update(overrides)
    return events.create_event(user, **values)


def test_a_local_time_and_zone_are_stored_in_utc_on_either_side_of_the_clock_change(alice):
    # London is on summer time (UTC+1) in July and on GMT in December.
    summer = make_event(alice, local_start=datetime(2026, 7, 2, 18, 30))
    winter = make_event(alice, local_start=datetime(2026, 12, 2, 18, 30))
    assert summer.starts_at == datetime(2026, 7, 2, 17, 30, tzinfo=UTC)
    assert winter.starts_at == datetime(2026, 12, 2, 18, 30, tzinfo=UTC)


def test_an_hour_that_happens_twice_means_the_first_of_the_two(alice):
    # 01:30 on 25 Oct 2026 happens twice in London; the first is still summer time.
    event = make_event(alice, local_start=datetime(2026, 10, 25, 1, 30))
    assert event.starts_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_a_time_the_clocks_skip_is_refused_with_the_field_named(alice):
    with pytest.raises(NetworkError, match=r"^local_start: 01:30 on 29 Mar 2026 does not exist"):
        make_event(alice, local_start=datetime(2026, 3, 29, 1, 30))


def test_an_unknown_zone_and_an_end_before_the_start_are_refused(alice):
    with pytest.raises(NetworkError, match=r"^time_zone: 'Mars/Olympus' is not a time zone"):
        make_event(alice, time_zone="Mars/Olympus")
    with pytest.raises(NetworkError, match=r"^local_end: the event must end after it starts"):
        make_event(alice, local_end=datetime(2026, 7, 2, 17, 0))


def test_changing_only_the_zone_keeps_the_wall_clock_times(alice):
    event = make_event(alice, local_end=datetime(2026, 7, 2, 21, 0))
    events.update_event(alice, event_id=event.pk, time_zone="America/New_York")
    event.refresh_from_db()
    # 18:30-21:00 in New York in July (UTC-4).
    assert event.starts_at == datetime(2026, 7, 2, 22, 30, tzinfo=UTC)
    assert event.ends_at == datetime(2026, 7, 3, 1, 0, tzinfo=UTC)
    assert event.time_zone == "America/New_York"


def test_cost_currency_and_links_are_checked(alice):
    event = make_event(alice, cost="49.5", currency="eur", url="https://tank.example")
    assert (event.cost, event.currency) == (Decimal("49.50"), "EUR")
    with pytest.raises(NetworkError, match="^cost: "):
        make_event(alice, cost="-1")
    with pytest.raises(NetworkError, match="^currency: "):
        make_event(alice, currency="euro")
    with pytest.raises(NetworkError, match="^url: "):
        make_event(alice, url="javascript:alert(1)")


def test_an_event_cannot_be_put_in_another_users_group(alice, bob):
    from pmpath.network.groups import create_group

    bobs = create_group(bob, name="Bob's circle")
    with pytest.raises(Http404):
        make_event(alice, group_id=bobs.pk)


def test_quick_add_creates_the_contact_links_it_and_logs_the_meeting_with_a_follow_up(alice):
    event = make_event(alice, follow_up_on=date(2026, 7, 6))
    contact, created = events.quick_add_contact(
        alice,
        event_id=event.pk,
        name="Ada Lovelace",
        company="Acme",
        role="Group PM",
        linkedin_url="linkedin.com/in/ada-example",
        note="Runs the platform team; hiring in Q3",
    )
    assert created
    assert (contact.first_name, contact.last_name, contact.source) == ("Ada", "Lovelace", "event")
    assert contact.how_met == "Met at ProductTank Example City"
    assert contact.linkedin_key == "in/ada-example"
    assert list(event.contacts_met.all()) == [contact]
    (interaction,) = Interaction.objects.filter(contact=contact)
    assert (interaction.channel, interaction.occurred_on) == ("event", date(2026, 7, 2))
    assert interaction.follow_up_on == date(2026, 7, 6)
    assert "hiring in Q3" in interaction.summary
    contact.refresh_from_db()
    assert contact.last_touched_on == date(2026, 7, 2)


def test_quick_add_with_a_known_linkedin_profile_links_the_existing_contact(alice):
    known = make_contact(
        alice,
        first_name="Grace",
        linkedin_url="https://www.linkedin.com/in/grace-example",
        linkedin_key="in/grace-example",
    )
    event = make_event(alice)
    contact, created = events.quick_add_contact(
        alice,
        event_id=event.pk,
        name="G. Hopper",
        linkedin_url="https://uk.linkedin.com/in/Grace-Example/",
    )
    assert (contact.pk, created) == (known.pk, False)
    assert Contact.objects.filter(user=alice).count() == 1
    assert list(event.contacts_met.all()) == [known]


def test_quick_add_needs_a_name_and_a_real_profile_address(alice):
    event = make_event(alice)
    with pytest.raises(NetworkError, match="^name: "):
        events.quick_add_contact(alice, event_id=event.pk, name="  ")
    with pytest.raises(NetworkError, match="^linkedin_url: "):
        events.quick_add_contact(
            alice, event_id=event.pk, name="Ada", linkedin_url="https://example.com/ada"
        )
    assert not Contact.objects.filter(user=alice).exists()


def test_bob_cannot_add_a_contact_to_alices_event(alice, bob):
    event = make_event(alice)
    with pytest.raises(Http404):
        events.quick_add_contact(bob, event_id=event.pk, name="Mallory")
    assert not Contact.objects.exists()


def test_a_meeting_at_an_upcoming_event_is_logged_today_not_in_the_future(alice):
    start = timezone.localtime() + timedelta(days=10)
    event = make_event(alice, local_start=start.replace(tzinfo=None), time_zone="UTC")
    contact, _ = events.quick_add_contact(alice, event_id=event.pk, name="Ada Lovelace")
    assert Interaction.objects.get(contact=contact).occurred_on == timezone.localdate()


def test_marking_attended_proposes_follow_ups_and_setting_them_logs_each_meeting_once(alice):
    event = make_event(alice)
    early = make_contact(alice, first_name="Early")
    late = make_contact(alice, first_name="Late")
    event.contacts_met.add(early, late)
    attended = events.mark_attended(alice, event_id=event.pk)
    assert attended.status == "attended"
    assert attended.follow_up_on == date(2026, 7, 4)  # two days after, when none was set
    count = events.follow_up_everyone(
        alice, event_id=event.pk, contact_ids=[early.pk, late.pk], follow_up_on=date(2026, 7, 5)
    )
    assert count == 2
    again = events.follow_up_everyone(
        alice, event_id=event.pk, contact_ids=[early.pk], follow_up_on=date(2026, 7, 8)
    )
    assert again == 1
    logged = Interaction.objects.filter(user=alice, channel="event")
    assert logged.count() == 2
    assert logged.get(contact=early).follow_up_on == date(2026, 7, 8)
    for contact in (early, late):
        contact.refresh_from_db()
        assert contact.last_touched_on == date(2026, 7, 2)


def test_follow_ups_ignore_contacts_not_met_there_and_must_come_after_the_event(alice, bob):
    event = make_event(alice)
    stranger = make_contact(alice, first_name="Stranger")
    bobs = make_contact(bob, first_name="Bobs")
    assert (
        events.follow_up_everyone(
            alice,
            event_id=event.pk,
            contact_ids=[stranger.pk, bobs.pk],
            follow_up_on=date(2026, 7, 5),
        )
        == 0
    )
    with pytest.raises(NetworkError, match="^follow_up_on: "):
        events.follow_up_everyone(
            alice, event_id=event.pk, contact_ids=[], follow_up_on=date(2026, 6, 1)
        )


def test_linking_an_existing_contact_to_a_past_event_logs_the_meeting(alice):
    event = make_event(alice)
    contact = make_contact(alice)
    events.link_contact(alice, event_id=event.pk, contact_id=contact.pk)
    events.link_contact(alice, event_id=event.pk, contact_id=contact.pk)
    assert Interaction.objects.filter(contact=contact, channel="event").count() == 1
    events.unlink_contact(alice, event_id=event.pk, contact_id=contact.pk)
    assert not event.contacts_met.exists()
    assert Contact.objects.filter(pk=contact.pk).exists()


# --- calendar import ------------------------------------------------------------------------


def read(name):
    return (DATA / name).read_bytes()


def test_importing_a_calendar_adds_its_events_and_importing_it_again_changes_nothing(alice):
    outcome = events.import_ics(alice, data=read("conferences.ics"), name="conf.ics", now=NOW)
    assert (outcome.added, outcome.updated) == (3, 0)
    summit = Event.objects.get(user=alice, external_uid="pm-summit-2026@conferences.example")
    assert (summit.kind, summit.status, summit.time_zone) == (
        "conference",
        "interested",
        "Europe/London",
    )
    assert summit.notes.startswith("A day of talks")
    again = events.import_ics(alice, data=read("conferences.ics"), name="conf.ics", now=NOW)
    assert (again.added, again.updated) == (0, 0)
    assert Event.objects.filter(user=alice).count() == 3
    assert ImportRun.objects.filter(user=alice, kind="ics").count() == 2


def test_a_re_import_updates_the_calendars_fields_in_place_and_keeps_the_persons_own(alice):
    events.import_ics(alice, data=read("conferences.ics"), name="conf.ics", now=NOW)
    summit = Event.objects.get(user=alice, external_uid="pm-summit-2026@conferences.example")
    events.update_event(alice, event_id=summit.pk, status="registered", goals="Meet two CPOs")
    summit.contacts_met.add(make_contact(alice))
    moved = (
        read("conferences.ics")
        .replace(b"20260715T090000", b"20260716T100000")
        .replace(b"Riverside Hall", b"Harbour Hall")
    )
    outcome = events.import_ics(alice, data=moved, name="conf.ics", now=NOW)
    assert (outcome.added, outcome.updated) == (0, 1)
    summit.refresh_from_db()
    assert summit.starts_at == datetime(2026, 7, 16, 9, 0, tzinfo=UTC)
    assert summit.location.startswith("Harbour Hall")
    assert (summit.status, summit.goals, summit.contacts_met.count()) == (
        "registered",
        "Meet two CPOs",
        1,
    )


def test_a_cancelled_entry_imports_as_skipped(alice):
    events.import_ics(alice, data=read("mixed_times.ics"), name="mixed.ics", now=NOW)
    cancelled = Event.objects.get(user=alice, external_uid="cancelled@calendar.example")
    assert cancelled.status == "skipped"


def test_the_same_uid_in_two_users_calendars_gives_each_their_own_event(alice, bob):
    events.import_ics(alice, data=read("conferences.ics"), name="c.ics", now=NOW)
    events.import_ics(bob, data=read("conferences.ics"), name="c.ics", now=NOW)
    assert Event.objects.filter(user=alice).count() == Event.objects.filter(user=bob).count() == 3


def test_a_broken_calendar_changes_nothing_and_says_why_in_one_message(alice):
    events.import_ics(alice, data=read("conferences.ics"), name="conf.ics", now=NOW)
    before = list(Event.objects.filter(user=alice).values_list("id", "starts_at", "location"))
    with pytest.raises(NetworkError) as caught:
        events.import_ics(alice, data=read("broken.ics"), name="broken.ics", now=NOW)
    assert str(caught.value) == (
        "file: broken.ics: the calendar is cut short (it has no END:VCALENDAR line)"
    )
    after = list(Event.objects.filter(user=alice).values_list("id", "starts_at", "location"))
    assert after == before


def test_an_oversized_file_is_refused_before_it_is_read(alice):
    with pytest.raises(NetworkError, match="over the 5120 KB limit"):
        events.import_ics(alice, data=b"x" * (events.MAX_ICS_BYTES + 1), name="big.ics")


def test_a_failure_half_way_rolls_back_the_whole_import(alice, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ImportRun.objects, "create", fail)
    with pytest.raises(RuntimeError):
        events.import_ics(alice, data=read("conferences.ics"), name="conf.ics", now=NOW)
    assert not Event.objects.filter(user=alice).exists()


def public(host, port):
    assert host == "calendar.example", f"unexpected host {host}"
    return ["93.184.216.34"]


def test_a_calendar_address_is_fetched_through_the_guard_and_webcal_means_https(alice):
    seen = []

    def answer(request):
        seen.append(str(request.url))
        return httpx.Response(200, content=read("recurring.ics"))

    with fetching.replaying(httpx.MockTransport(answer), resolver=public):
        outcome = events.import_ics_url(alice, url="webcal://calendar.example/tank.ics", now=NOW)
    assert seen == ["https://calendar.example/tank.ics"]
    assert outcome.added == 2
    assert outcome.source == "https://calendar.example/tank.ics"


def test_a_calendar_address_on_a_private_network_is_refused(alice):
    def answer(request):
        raise AssertionError("must not be fetched")

    private = fetching.replaying(
        httpx.MockTransport(answer), resolver=lambda host, port: ["10.0.0.5"]
    )
    with private, pytest.raises(NetworkError, match=r"^url: .*private, loopback or link-local"):
        events.import_ics_url(alice, url="https://intranet.example/cal.ics")


def test_a_calendar_address_that_answers_an_error_page_says_so(alice):
    with (
        fetching.replaying(
            httpx.MockTransport(lambda request: httpx.Response(404)), resolver=public
        ),
        pytest.raises(NetworkError, match="HTTP 404"),
    ):
        events.import_ics_url(alice, url="https://calendar.example/gone.ics")
    with (
        fetching.replaying(
            httpx.MockTransport(lambda request: httpx.Response(200, content=b"<html>login</html>")),
            resolver=public,
        ),
        pytest.raises(NetworkError, match="not an iCalendar file"),
    ):
        events.import_ics_url(alice, url="https://calendar.example/login")
