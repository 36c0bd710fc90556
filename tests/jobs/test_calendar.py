"""The interview calendar: the .ics file, private subscription feeds and `pmpath calendar`."""

import hashlib
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from icalendar import Calendar
from typer.testing import CliRunner

from pmpath.cli.main import app
from pmpath.jobs import interview_services as services
from pmpath.jobs.ical import InterviewEvent, Person, build_calendar, parse_interviewers
from pmpath.jobs.interview_queries import calendar_ics
from pmpath.jobs.models import CalendarFeed
from pmpath.jobs.services import update_application
from tests.conftest import make_user
from tests.jobs.factories import bulk_interviews, make_application, make_interview
from tests.perf import assert_constant_queries

REQUIRED = ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "ORGANIZER")
BASE = "https://pmpath.example.test/"


def events(body: bytes) -> list:
    return list(Calendar.from_ical(body).walk("VEVENT"))


def by_uid(body: bytes) -> dict:
    return {str(e["UID"]): e for e in events(body)}


@pytest.fixture
def booked(alice):
    application = make_application(
        alice,
        role_title="Senior PM",
        company_name="Acme",
        next_action="Send the case study",
        next_action_due=date.today() + timedelta(days=3),
    )
    interview = make_interview(alice, application, kind="product_sense")
    return application, interview


# --- the file -------------------------------------------------------------------------------


def test_the_file_parses_and_every_event_has_the_required_properties(alice, booked):
    found = events(calendar_ics(alice, base_url=BASE))
    assert len(found) == 2
    for event in found:
        missing = [name for name in REQUIRED if event.get(name) is None]
        assert not missing, f"{event.get('SUMMARY')}: missing {missing}"


def test_an_interview_keeps_its_zone_and_lasts_its_duration(alice, booked):
    _, interview = booked
    body = calendar_ics(alice, base_url=BASE)
    event = by_uid(body)[str(interview.uid)]
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert event["DTSTART"].params["TZID"] == "Europe/Dublin"
    assert start.hour == 15 and start == interview.starts_at
    assert end - start == timedelta(minutes=45)
    zones = [str(tz["TZID"]) for tz in Calendar.from_ical(body).walk("VTIMEZONE")]
    assert zones == ["Europe/Dublin"]


def test_an_interview_reads_well_in_a_calendar(alice, booked):
    _, interview = booked
    event = by_uid(calendar_ics(alice, base_url=BASE))[str(interview.uid)]
    assert str(event["SUMMARY"]) == "Product sense interview \u2014 Acme, Senior PM"
    description = str(event["DESCRIPTION"])
    assert "Practise a design question." in description
    assert f"{BASE}jobs/interviews/{interview.pk}/" in description
    assert str(event["LOCATION"]) == "https://meet.example.test/acme"
    assert str(event["ORGANIZER"]) == "mailto:alice@example.test"


def test_only_interviewers_with_an_email_are_attendees(alice, booked):
    _, interview = booked
    event = by_uid(calendar_ics(alice, base_url=BASE))[str(interview.uid)]
    attendees = event.get("ATTENDEE")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    assert [str(a) for a in attendees] == ["mailto:dana@acme.example"]
    assert attendees[0].params["CN"] == "Dana Reyes"
    assert "Sam Lee" in str(event["DESCRIPTION"])


def test_without_emails_there_is_no_attendee_line(alice):
    make_interview(alice, interviewers="Sam Lee, Engineer")
    assert b"ATTENDEE" not in calendar_ics(alice, base_url=BASE)


def test_a_follow_up_is_an_all_day_event_whose_uid_survives_a_new_due_date(alice, booked):
    application, _ = booked
    first = [e for e in events(calendar_ics(alice, base_url=BASE)) if "case study" in e["SUMMARY"]]
    assert len(first) == 1
    assert first[0]["DTSTART"].dt == date.today() + timedelta(days=3)
    assert str(first[0]["SUMMARY"]) == "Send the case study \u2014 Acme, Senior PM"
    later = date.today() + timedelta(days=9)
    update_application(alice, application_id=application.pk, next_action_due=later)
    moved = by_uid(calendar_ics(alice, base_url=BASE))[str(first[0]["UID"])]
    assert moved["DTSTART"].dt == later and moved["DTEND"].dt == later + timedelta(days=1)


def test_rounds_from_the_last_30_days_stay_and_older_ones_leave(alice):
    recent = make_interview(alice, local_start=datetime.now() - timedelta(days=20))
    old = make_interview(alice, local_start=datetime.now() - timedelta(days=31))
    uids = by_uid(calendar_ics(alice, base_url=BASE))
    assert str(recent.uid) in uids and str(old.uid) not in uids


def test_a_cancelled_round_stays_as_a_cancelled_event(alice, booked):
    _, interview = booked
    services.update_interview(alice, interview_id=interview.pk, outcome="cancelled")
    event = by_uid(calendar_ics(alice, base_url=BASE))[str(interview.uid)]
    assert str(event["STATUS"]) == "CANCELLED"


def test_archived_applications_leave_the_calendar(alice, booked):
    from pmpath.jobs.services import archive_application

    application, _ = booked
    archive_application(alice, application_id=application.pk)
    assert events(calendar_ics(alice, base_url=BASE)) == []


def test_without_an_email_the_organizer_is_the_instances_address(db, settings):
    settings.DEFAULT_FROM_EMAIL = "pmpath@careers.example.test"
    dana = make_user("dana")
    dana.email = ""
    dana.save()
    make_interview(dana)
    event = events(calendar_ics(dana, base_url=BASE))[0]
    assert str(event["ORGANIZER"]) == "mailto:pmpath@careers.example.test"
    assert event["ORGANIZER"].params["CN"] == "dana"


def test_the_file_is_rfc_5545_text_with_crlf_and_folded_lines(alice, booked):
    make_interview(alice, preparation="A long note. " * 40)
    body = calendar_ics(alice, base_url=BASE)
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")
    assert all(b"\n" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert body.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")


def test_an_edit_shows_in_the_next_download(alice, alice_client, booked):
    _, interview = booked
    url = reverse("jobs:calendar_download")
    alice_client.get(url)
    services.update_interview(alice, interview_id=interview.pk, kind="technical")
    event = by_uid(alice_client.get(url).content)[str(interview.uid)]
    assert str(event["SUMMARY"]).startswith("Technical interview")


def test_the_calendar_holds_the_nearest_rounds_and_follow_ups_up_to_its_limit(alice):
    from pmpath.jobs.interview_queries import calendar_events

    bulk_interviews(alice, 8)
    interviews, follow_ups = calendar_events(alice, base_url=BASE, limit=3)
    everything, _ = calendar_events(alice, base_url=BASE)
    assert [i.uid for i in interviews] == [i.uid for i in everything[:3]]
    assert len(follow_ups) == 3


def test_a_renamed_company_shows_in_the_next_download(alice, booked):
    from pmpath.jobs.models import Company

    _, interview = booked
    calendar_ics(alice, base_url=BASE)
    Company.objects.filter(user=alice, name="Acme").update(name="Acme Corp")
    event = by_uid(calendar_ics(alice, base_url=BASE))[str(interview.uid)]
    assert "Acme Corp" in str(event["SUMMARY"])


def test_it_reads_the_interviewers_as_people_write_them():
    assert parse_interviewers(
        "Dana Reyes, Head of Product, dana@acme.example\n"
        "- Sam Lee <sam@acme.example>\n"
        "\n"
        "Priya (Recruiter)\n"
        "ops@acme.example"
    ) == [
        Person("Dana Reyes", "Head of Product", "dana@acme.example"),
        Person("Sam Lee", "", "sam@acme.example"),
        Person("Priya", "Recruiter", ""),
        Person("ops@acme.example", "", "ops@acme.example"),
    ]


# --- the download ---------------------------------------------------------------------------


def test_the_download_is_an_ics_attachment(alice_client, booked):
    response = alice_client.get(reverse("jobs:calendar_download"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="pmpath-interviews.ics"' in response["Content-Disposition"]
    assert len(events(response.content)) == 2


def test_the_download_shows_only_alices_own_rounds(alice, bob_client, booked):
    make_interview(alice)
    assert events(bob_client.get(reverse("jobs:calendar_download")).content) == []


def test_the_download_runs_a_fixed_number_of_queries(alice, alice_client):
    assert_constant_queries(
        alice_client,
        reverse("jobs:calendar_download"),
        lambda n: bulk_interviews(alice, n),
        large=300,
    )


# --- subscription feeds ---------------------------------------------------------------------


def test_a_feed_stores_only_a_hash_and_its_address_is_shown_once(alice, alice_client):
    response = alice_client.post(reverse("jobs:interviews"))
    page = response.content.decode()
    feed = CalendarFeed.objects.get(user=alice)
    start = page.index("http://testserver/jobs/calendar/pmc_")
    address = page[start : page.index(".ics", start) + 4]
    token = address.rsplit("/", 1)[1].removesuffix(".ics")
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(CalendarFeed.objects.values().get())
    assert feed.prefix == token[:10] and feed.prefix in page
    assert token not in alice_client.get(reverse("jobs:interviews")).content.decode()


def test_the_feed_answers_without_logging_in_and_records_its_use(alice, client, booked):
    feed, raw = services.create_calendar_feed(alice)
    response = client.get(reverse("jobs:calendar_feed", args=[raw]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert len(events(response.content)) == 2
    feed.refresh_from_db()
    assert feed.last_used_at is not None


def test_a_revoked_feed_answers_404(alice, alice_client, client, booked):
    feed, raw = services.create_calendar_feed(alice)
    response = alice_client.post(reverse("jobs:calendar_feed_revoke", args=[feed.pk]))
    assert response.status_code == 302
    assert client.get(reverse("jobs:calendar_feed", args=[raw])).status_code == 404
    flashed = alice_client.get(reverse("jobs:interviews")).content.decode()
    assert f"Revoked the calendar address starting {feed.prefix}" in flashed
    assert feed.prefix not in alice_client.get(reverse("jobs:interviews")).content.decode()


@pytest.mark.parametrize("token", ["pmc_nope", "pmp_" + "a" * 43, "x" * 200])
def test_an_unknown_feed_answers_404(db, client, token):
    assert client.get(reverse("jobs:calendar_feed", args=[token])).status_code == 404


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
def test_others_cannot_revoke_alices_feed(alice, request, who):
    feed, raw = services.create_calendar_feed(alice)
    client = request.getfixturevalue(who)
    assert client.post(reverse("jobs:calendar_feed_revoke", args=[feed.pk])).status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is None
    assert services.user_for_calendar_token(raw) == alice


def test_a_revoked_feed_of_alice_stays_revoked_for_bob_too(alice, bob_client):
    feed, raw = services.create_calendar_feed(alice)
    services.revoke_calendar_feed(alice, feed_id=feed.pk)
    assert bob_client.get(reverse("jobs:calendar_feed", args=[raw])).status_code == 404


def test_the_feed_lists_show_prefix_and_last_use(alice, alice_client, client):
    feed, raw = services.create_calendar_feed(alice)
    page = alice_client.get(reverse("jobs:interviews")).content.decode()
    assert feed.prefix in page and "never" in page
    client.get(reverse("jobs:calendar_feed", args=[raw]))
    page = alice_client.get(reverse("jobs:interviews")).content.decode()
    assert "never" not in page


def test_there_is_a_limit_on_live_feeds(alice, alice_client):
    for _ in range(services.MAX_ACTIVE_FEEDS):
        services.create_calendar_feed(alice)
    page = alice_client.post(reverse("jobs:interviews"), follow=True).content.decode()
    assert "revoke one you no longer use first" in page
    assert CalendarFeed.objects.filter(user=alice).count() == services.MAX_ACTIVE_FEEDS


def test_the_feed_runs_a_fixed_number_of_queries(alice, client):
    _, raw = services.create_calendar_feed(alice)
    assert_constant_queries(
        client,
        reverse("jobs:calendar_feed", args=[raw]),
        lambda n: bulk_interviews(alice, n),
        large=300,
    )


# --- the command ----------------------------------------------------------------------------

runner = CliRunner()


def test_calendar_export_writes_the_ics_to_standard_output(alice, booked):
    make_user("bob")
    result = runner.invoke(app, ["calendar", "export", "--user", "alice"])
    assert result.exit_code == 0, result.output
    found = events(result.stdout_bytes)
    assert len(found) == 2
    assert all(event.get(name) is not None for event in found for name in REQUIRED)
    assert "http://127.0.0.1:8000/jobs/interviews/" in str(found[0].get("DESCRIPTION", "")) + str(
        found[1].get("DESCRIPTION", "")
    )


def test_calendar_export_writes_a_file_and_takes_the_only_user_by_default(alice, booked, tmp_path):
    target = tmp_path / "interviews.ics"
    result = runner.invoke(
        app,
        ["calendar", "export", "--output", str(target), "--base-url", "https://me.example.test"],
    )
    assert result.exit_code == 0, result.output
    found = events(target.read_bytes())
    assert len(found) == 2
    assert any("https://me.example.test/jobs/" in str(e.get("URL")) for e in found)


def test_calendar_export_asks_whose_calendar_when_there_are_several_users(alice, bob):
    result = runner.invoke(app, ["calendar", "export"])
    assert result.exit_code == 1
    assert "--user" in str(result.exception)


def test_calendar_export_names_an_unknown_user(alice):
    result = runner.invoke(app, ["calendar", "export", "--user", "zed"])
    assert result.exit_code == 1
    assert "no user named 'zed'" in str(result.exception)


def test_calendar_export_refuses_a_base_url_that_is_not_http(alice):
    result = runner.invoke(app, ["calendar", "export", "--user", "alice", "--base-url", "ftp://x"])
    assert result.exit_code == 1
    assert "--base-url" in str(result.exception)


def test_the_dtstamp_is_in_utc(alice, booked):
    event = events(calendar_ics(alice, base_url=BASE))[0]
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert event["DTSTAMP"].dt.utcoffset() == timedelta(0)
    assert abs(event["DTSTAMP"].dt - datetime.now(UTC)) < timedelta(hours=2)


# --- the engine, on any text a person might type ---------------------------------------------


@given(st.text(max_size=300))
def test_any_interviewer_text_gives_people_with_names(text):
    assert all(person.name.strip() for person in parse_interviewers(text))


@hypothesis_settings(max_examples=60, deadline=None)
@given(
    preparation=st.text(max_size=300),
    location=st.text(max_size=80),
    company=st.text(max_size=40),
    interviewers=st.text(max_size=120),
)
def test_any_text_in_a_round_comes_back_from_the_file(preparation, location, company, interviewers):
    item = InterviewEvent(
        uid="u-1",
        kind="strategy",
        company=company,
        role="PM",
        starts_at=datetime(2026, 7, 1, 14, tzinfo=UTC),
        time_zone="Europe/Dublin",
        duration_minutes=45,
        location=location,
        preparation=preparation,
        interviewers=interviewers,
    )
    body = build_calendar(
        [item], [], organizer_email="a@example.test", stamp=datetime(2026, 6, 1, tzinfo=UTC)
    )
    (event,) = events(body)
    assert all(event.get(name) is not None for name in REQUIRED)
    if location.split():
        assert str(event["LOCATION"]) == " ".join(location.split())
    for line in preparation.splitlines():
        if line.strip():
            assert line.strip() in str(event["DESCRIPTION"])
