"""The iCalendar engine for industry events (pmpath/network/ical.py), on fixture calendars
written for these tests."""

import contextlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmpath.network.ical import (
    ExportEvent,
    IcsError,
    build_calendar,
    guess_kind,
    parse_calendar,
)

DATA = Path(__file__).parent / "data" / "ics"
NOW = datetime(2026, 9, 15, 12, 0, tzinfo=UTC)


def parse(name: str, *, zone: str = "Europe/Dublin", now: datetime = NOW):
    parsed = parse_calendar((DATA / name).read_bytes(), name=name, default_zone=zone, now=now)
    return parsed, {e.uid: e for e in parsed.events}


def test_a_start_with_a_tzid_keeps_its_zone_and_summer_time_is_applied():
    _, events = parse("conferences.ics")
    summit = events["pm-summit-2026@conferences.example"]
    # 09:00 in London in July is British Summer Time, one hour ahead of UTC.
    assert summit.starts_at == datetime(2026, 7, 15, 8, 0, tzinfo=UTC)
    assert summit.ends_at == datetime(2026, 7, 15, 16, 30, tzinfo=UTC)
    assert summit.time_zone == "Europe/London"
    assert summit.location == "Riverside Hall, 1 Example Street, London"
    assert summit.url == "https://conferences.example/summit-2026"
    assert summit.organizer == "Example Conferences"
    assert summit.description.startswith("A day of talks on discovery, strategy")
    assert summit.kind == "conference"


def test_a_winter_start_in_new_york_is_five_hours_behind_utc_and_a_duration_gives_the_end():
    _, events = parse("conferences.ics")
    webinar = events["roadmaps-webinar-2026@conferences.example"]
    assert webinar.starts_at == datetime(2026, 12, 3, 17, 0, tzinfo=UTC)
    assert webinar.ends_at - webinar.starts_at == timedelta(hours=1)
    assert (webinar.time_zone, webinar.kind) == ("America/New_York", "webinar")
    assert webinar.location == "https://video.example/j/12345"


def test_a_windows_zone_name_is_read_as_its_iana_zone():
    _, events = parse("conferences.ics")
    night = events["outlook-style@conferences.example"]
    assert night.time_zone == "Europe/Berlin"
    assert night.starts_at == datetime(2026, 9, 10, 16, 30, tzinfo=UTC)


def test_utc_keeps_the_instant_and_floating_is_wall_clock_time_in_the_default_zone():
    _, events = parse("mixed_times.ics", zone="Europe/Dublin")
    utc = events["utc-talk@calendar.example"]
    assert utc.starts_at == datetime(2026, 10, 20, 16, 0, tzinfo=UTC)
    assert utc.time_zone == "Europe/Dublin"
    floating = events["floating-breakfast@calendar.example"]
    # 08:00 in Dublin in October (summer time, UTC+1).
    assert floating.starts_at == datetime(2026, 10, 21, 7, 0, tzinfo=UTC)
    assert floating.starts_at.astimezone(ZoneInfo("Europe/Dublin")).hour == 8


def test_all_day_events_run_from_midnight_to_midnight_after_their_last_day():
    _, events = parse("mixed_times.ics", zone="America/Chicago")
    festival = events["festival@calendar.example"]
    chicago = ZoneInfo("America/Chicago")
    assert festival.all_day
    assert festival.starts_at.astimezone(chicago) == datetime(2026, 11, 5, tzinfo=chicago)
    assert festival.ends_at.astimezone(chicago) == datetime(2026, 11, 7, tzinfo=chicago)
    one_day = events["one-day@calendar.example"]
    assert one_day.ends_at - one_day.starts_at == timedelta(days=1)


def test_an_event_without_a_start_is_skipped_by_name_and_a_cancelled_one_is_marked():
    parsed, events = parse("mixed_times.ics")
    assert parsed.skipped == ["event 6 (Date to be announced): no start time (DTSTART)"]
    assert events["cancelled@calendar.example"].cancelled


def test_a_recurring_event_becomes_its_next_occurrence_with_exceptions_and_changes_applied():
    _, events = parse("recurring.ics", now=NOW)
    tank = events["monthly-tank@meetups.example"]
    # The first Thursday after 15 Sep 2026 is 1 Oct, which the series excludes (EXDATE); on
    # 5 Nov that occurrence was moved from 18:30 to 19:00 (RECURRENCE-ID), in Berlin winter time.
    assert tank.recurring
    assert tank.starts_at == datetime(2026, 11, 5, 18, 0, tzinfo=UTC)
    assert tank.ends_at == datetime(2026, 11, 5, 20, 30, tzinfo=UTC)
    assert tank.name == "ProductTank Example City"
    assert tank.location == "Co-working loft, Berlin"


def test_a_recurring_event_moves_on_as_time_passes_and_a_finished_series_keeps_its_first_date():
    _, events = parse("recurring.ics", now=datetime(2026, 11, 6, tzinfo=UTC))
    assert events["monthly-tank@meetups.example"].starts_at == datetime(
        2026, 12, 3, 17, 30, tzinfo=UTC
    )
    course = events["finished-series@meetups.example"]
    assert course.starts_at == datetime(2024, 1, 10, 17, 0, tzinfo=UTC)


def test_a_cut_short_file_gets_one_message_naming_it():
    with pytest.raises(IcsError, match=r"^broken.ics: the calendar is cut short"):
        parse("broken.ics")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "not an iCalendar file"),
        (b"<html><body>Sign in</body></html>", "not an iCalendar file"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "holds no events"),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:soon\r\nSUMMARY:Bad\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n",
            "no event could be read (event 1 (Bad)",
        ),
    ],
)
def test_files_that_are_not_calendars_are_refused_with_a_reason(data, expected):
    with pytest.raises(IcsError) as caught:
        parse_calendar(data, name="upload.ics", now=NOW)
    assert str(caught.value).startswith("upload.ics: ")
    assert expected in str(caught.value)


def test_a_calendar_without_uids_gets_stable_derived_ones():
    data = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261020T160000Z\r\nSUMMARY:No UID\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    first = parse_calendar(data, name="a.ics", now=NOW).events[0].uid
    assert first.startswith("pmpath-")
    assert parse_calendar(data, name="a.ics", now=NOW).events[0].uid == first


def test_kinds_are_guessed_from_whole_words():
    assert guess_kind("Product Leaders Summit") == "conference"
    assert guess_kind("AMA with a CPO") == "webinar"
    assert guess_kind("Amazing people, bacon and coffee") == "meetup"
    assert guess_kind("Discovery", ["Workshop"]) == "workshop"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_the_parser_never_raises_anything_but_its_own_error_on_arbitrary_bytes(data):
    with contextlib.suppress(IcsError):
        parse_calendar(data, name="fuzz.ics", now=NOW)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "BEGIN:VEVENT",
                "END:VEVENT",
                "UID:a",
                "DTSTART:20261020T160000Z",
                "DTSTART;VALUE=DATE:20261020",
                "DTSTART;TZID=Nowhere/Else:20261020T160000",
                "DTEND:20261019T160000Z",
                "DURATION:-PT1H",
                "RRULE:FREQ=SECONDLY",
                "RRULE:FREQ=DAILY;UNTIL=20250101",
                "RRULE:BOGUS",
                "EXDATE:nonsense",
                "RECURRENCE-ID:20261020T160000Z",
                "SUMMARY:x",
                "URL:javascript:alert(1)",
                "STATUS:CANCELLED",
            ]
        ),
        max_size=14,
    )
)
def test_the_parser_never_raises_anything_but_its_own_error_on_shuffled_calendar_lines(lines):
    text = "\r\n".join(["BEGIN:VCALENDAR", *lines, "END:VCALENDAR", ""])
    try:
        parsed = parse_calendar(text.encode(), name="fuzz.ics", now=NOW)
    except IcsError:
        return
    for event in parsed.events:
        assert event.starts_at.tzinfo is not None
        assert event.url == "" or event.url.startswith("http")


def test_the_export_parses_and_carries_uid_stamp_start_with_zone_summary_and_organizer():
    stamp = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
    body = build_calendar(
        [
            ExportEvent(
                uid="e1@pmpath",
                name="ProductTank Example City",
                starts_at=datetime(2026, 11, 5, 17, 30, tzinfo=UTC),
                ends_at=datetime(2026, 11, 5, 20, 0, tzinfo=UTC),
                time_zone="Europe/Berlin",
                location="Co-working loft, Berlin",
                url="https://meetups.example/tank",
                status="registered",
            )
        ],
        organizer_email="alice@example.test",
        organizer_name="Alice",
        stamp=stamp,
    )
    calendar = icalendar.Calendar.from_ical(body)
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == "e1@pmpath"
    start, stamped = event.DTSTART, event.DTSTAMP
    assert stamped == stamp
    assert start == datetime(2026, 11, 5, 18, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(event["SUMMARY"]) == "ProductTank Example City"
    assert str(event["ORGANIZER"]) == "mailto:alice@example.test"
    assert event["ORGANIZER"].params["CN"] == "Alice"
    assert str(event["LOCATION"]) == "Co-working loft, Berlin"
    assert str(event["URL"]) == "https://meetups.example/tank"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert b"\r\n" in body and all(len(line) <= 75 for line in body.split(b"\r\n"))
