"""Interview rounds: local times and zones stored in UTC, the pages, access and the API."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.http import Http404
from django.urls import reverse

from pmpath.accounts.services import create_token
from pmpath.jobs import interview_services as services
from pmpath.jobs.models import Interview
from pmpath.jobs.services import JobsError
from tests.jobs.factories import bulk_interviews, make_application, make_interview
from tests.perf import assert_constant_queries

# --- time zones -----------------------------------------------------------------------------


def test_it_stores_a_round_in_utc_from_its_local_time_and_zone(alice):
    interview = make_interview(
        alice, local_start=datetime(2026, 7, 1, 15, 0), time_zone="Europe/Dublin"
    )
    interview.refresh_from_db()
    assert interview.starts_at == datetime(2026, 7, 1, 14, 0, tzinfo=UTC)
    assert interview.time_zone == "Europe/Dublin"


def test_the_same_wall_clock_time_moves_in_utc_when_the_clocks_change(alice):
    before = make_interview(
        alice, local_start=datetime(2026, 3, 6, 10, 0), time_zone="America/New_York"
    )
    after = make_interview(
        alice, local_start=datetime(2026, 3, 9, 10, 0), time_zone="America/New_York"
    )
    assert before.starts_at == datetime(2026, 3, 6, 15, 0, tzinfo=UTC)  # EST, UTC-5
    assert after.starts_at == datetime(2026, 3, 9, 14, 0, tzinfo=UTC)  # EDT, UTC-4


def test_a_time_the_clocks_skip_is_refused_naming_the_time(alice):
    application = make_application(alice)
    with pytest.raises(JobsError, match=r"^time: 01:30 on 29 Mar 2026 does not exist"):
        services.add_interview(
            alice,
            application_id=application.pk,
            local_start=datetime(2026, 3, 29, 1, 30),
            time_zone="Europe/Dublin",
        )
    assert not Interview.objects.exists()


def test_a_time_that_happens_twice_means_the_first_of_the_two(alice):
    interview = make_interview(
        alice, local_start=datetime(2026, 10, 25, 1, 30), time_zone="Europe/Dublin"
    )
    assert interview.starts_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # still IST


def test_an_unknown_zone_is_refused_with_the_field_named(alice):
    application = make_application(alice)
    with pytest.raises(JobsError, match=r"^time_zone: 'Mars/Olympus_Mons' is not a time zone"):
        services.add_interview(
            alice,
            application_id=application.pk,
            local_start=datetime(2026, 7, 1, 15, 0),
            time_zone="Mars/Olympus_Mons",
        )


def test_a_zone_name_in_any_case_is_stored_in_its_proper_form(alice):
    interview = make_interview(alice, time_zone=" america/new_york ")
    assert interview.time_zone == "America/New_York"


def test_changing_only_the_zone_keeps_the_wall_clock_time(alice):
    interview = make_interview(
        alice, local_start=datetime(2026, 7, 1, 15, 0), time_zone="Europe/London"
    )
    services.update_interview(alice, interview_id=interview.pk, time_zone="America/New_York")
    interview.refresh_from_db()
    assert interview.starts_at == datetime(2026, 7, 1, 19, 0, tzinfo=UTC)


# --- services -------------------------------------------------------------------------------


def test_it_edits_marks_the_thank_you_and_deletes_a_round(alice):
    interview = make_interview(alice)
    services.update_interview(
        alice, interview_id=interview.pk, outcome="passed", outcome_notes="Went well."
    )
    services.mark_thank_you_sent(alice, interview_id=interview.pk, sent_on=date(2026, 7, 2))
    interview.refresh_from_db()
    assert (interview.outcome, interview.thank_you_sent_on) == ("passed", date(2026, 7, 2))
    assert services.delete_interview(alice, interview_id=interview.pk) == interview.application_id
    assert not Interview.objects.exists()


def test_the_uid_stays_the_same_across_edits(alice):
    interview = make_interview(alice)
    uid = interview.uid
    services.update_interview(alice, interview_id=interview.pk, local_start=datetime(2027, 1, 5, 9))
    interview.refresh_from_db()
    assert interview.uid == uid


@pytest.mark.parametrize(
    "values, field",
    [
        ({"kind": "karaoke"}, "kind"),
        ({"outcome": "maybe"}, "outcome"),
        ({"duration_minutes": 2}, "duration_minutes"),
        ({"location": "x" * 301}, "location"),
    ],
)
def test_bad_values_are_refused_with_the_field_named(alice, values, field):
    with pytest.raises(JobsError, match=rf"^{field}: "):
        make_interview(alice, **values)


def test_bob_cannot_add_edit_or_delete_a_round_on_alices_application(alice, bob):
    interview = make_interview(alice)
    with pytest.raises(Http404):
        services.add_interview(
            bob,
            application_id=interview.application_id,
            local_start=datetime(2026, 7, 1, 15),
            time_zone="UTC",
        )
    with pytest.raises(Http404):
        services.update_interview(bob, interview_id=interview.pk, kind="other")
    with pytest.raises(Http404):
        services.delete_interview(bob, interview_id=interview.pk)
    assert Interview.objects.get().kind == "product_sense"


# --- pages ----------------------------------------------------------------------------------


def _form(prefix="interview-", **overrides):
    data = {
        "kind": "hiring_manager",
        "date": "2026-12-10",
        "time": "15:00",
        "time_zone": "America/New_York",
        "duration_minutes": "60",
        "location": "https://meet.example.test/x",
        "interviewers": "Ada Byron, VP Product, ada@acme.example",
        "preparation": "Roadmap story.",
    }
    data.update(overrides)
    return {f"{prefix}{k}": v for k, v in data.items()}


def test_it_adds_a_round_from_the_application_page(alice, alice_client):
    application = make_application(alice)
    page = alice_client.get(reverse("jobs:application", args=[application.pk]))
    assert 'id="interviews"' in page.content.decode()
    response = alice_client.post(reverse("jobs:interview_new", args=[application.pk]), _form())
    assert response.status_code == 302
    interview = Interview.objects.get(application=application)
    assert interview.starts_at == datetime(2026, 12, 10, 20, 0, tzinfo=UTC)
    shown = alice_client.get(response["Location"]).content.decode()
    assert "Hiring manager" in shown and "Thu 10 Dec 2026, 15:00\u201316:00" in shown
    assert "America/New_York (EST)" in shown and "Ada Byron" in shown


def test_a_bad_zone_on_the_form_is_shown_on_its_field_and_nothing_is_stored(alice, alice_client):
    application = make_application(alice)
    response = alice_client.post(
        reverse("jobs:interview_new", args=[application.pk]), _form(time_zone="Dublin time")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_interview-time_zone-error"' in page
    assert "is not a time zone name" in page
    assert not Interview.objects.exists()


def test_a_skipped_time_on_the_form_is_shown_on_the_time_field(alice, alice_client):
    application = make_application(alice)
    response = alice_client.post(
        reverse("jobs:interview_new", args=[application.pk]),
        _form(date="2026-03-29", time="01:30", time_zone="Europe/Dublin"),
    )
    assert 'id="id_interview-time-error"' in response.content.decode()
    assert not Interview.objects.exists()


def test_it_edits_a_round_on_its_page(alice, alice_client):
    interview = make_interview(alice)
    url = reverse("jobs:interview", args=[interview.pk])
    page = alice_client.get(url).content.decode()
    assert 'value="Europe/Dublin"' in page and 'value="15:00"' in page
    data = _form(prefix="", outcome="passed", outcome_notes="Strong", thank_you_sent_on="")
    assert alice_client.post(url, data).status_code == 302
    interview.refresh_from_db()
    assert (interview.kind, interview.outcome) == ("hiring_manager", "passed")


def test_it_marks_the_thank_you_sent_and_returns_to_the_page_it_came_from(alice, alice_client):
    interview = make_interview(alice)
    response = alice_client.post(
        reverse("jobs:interview_thank_you", args=[interview.pk]),
        {"next": reverse("jobs:interviews")},
    )
    assert response["Location"] == reverse("jobs:interviews")
    interview.refresh_from_db()
    assert interview.thank_you_sent_on is not None


@pytest.mark.parametrize("page", ["jobs:interviews", "jobs:application"])
def test_a_past_round_offers_the_thank_you_button_with_a_csrf_token(alice, alice_client, page):
    interview = make_interview(alice, local_start=datetime.now() - timedelta(days=2))
    args = [interview.application_id] if page == "jobs:application" else []
    html = alice_client.get(reverse(page, args=args)).content.decode()
    action = reverse("jobs:interview_thank_you", args=[interview.pk])
    form = html[html.index(f'action="{action}"') :]
    form = form[: form.index("</form>")]
    assert 'name="csrfmiddlewaretoken"' in form and "Mark thank-you sent" in form


def test_the_thank_you_form_will_not_send_people_to_another_site(alice, alice_client):
    interview = make_interview(alice)
    response = alice_client.post(
        reverse("jobs:interview_thank_you", args=[interview.pk]),
        {"next": "https://elsewhere.example/"},
    )
    assert response["Location"].startswith(
        reverse("jobs:application", args=[interview.application_id])
    )


def test_it_deletes_a_round_and_returns_to_its_application(alice, alice_client):
    interview = make_interview(alice)
    response = alice_client.post(reverse("jobs:interview_delete", args=[interview.pk]))
    assert response["Location"].startswith(
        reverse("jobs:application", args=[interview.application_id])
    )
    assert not Interview.objects.exists()


def test_the_interviews_page_lists_rounds_ahead_behind_and_follow_ups(alice, alice_client):
    application = make_application(
        alice, next_action="Chase the recruiter", next_action_due=date.today()
    )
    ahead = make_interview(alice, application)
    behind = make_interview(
        alice, application, kind="recruiter", local_start=datetime.now() - timedelta(days=10)
    )
    old = make_interview(
        alice, application, kind="executive", local_start=datetime.now() - timedelta(days=40)
    )
    page = alice_client.get(reverse("jobs:interviews")).content.decode()
    assert reverse("jobs:interview", args=[ahead.pk]) in page
    assert reverse("jobs:interview", args=[behind.pk]) in page
    assert reverse("jobs:interview", args=[old.pk]) not in page
    assert "Chase the recruiter" in page
    assert "Download calendar (.ics)" in page
    assert 'aria-current="page">Interviews' in page


def test_the_interviews_page_says_what_to_do_when_empty(alice_client):
    page = alice_client.get(reverse("jobs:interviews")).content.decode()
    assert "Nothing scheduled" in page


def test_the_interviews_page_reads_a_fixed_number_of_rows(alice, alice_client):
    assert_constant_queries(
        alice_client, reverse("jobs:interviews"), lambda n: bulk_interviews(alice, n), large=300
    )


def test_the_application_page_reads_its_rounds_in_a_fixed_number_of_queries(alice, alice_client):
    application = make_application(alice)

    def grow(n):
        while Interview.objects.filter(application=application).count() < n:
            make_interview(alice, application)

    assert_constant_queries(
        alice_client,
        reverse("jobs:application", args=[application.pk]),
        grow,
        small=1,
        large=15,
    )


# --- access ---------------------------------------------------------------------------------


@pytest.fixture
def alices_round(alice):
    return make_interview(alice)


def _url(name, interview):
    target = interview.application_id if name == "jobs:interview_new" else interview.pk
    return reverse(name, args=[target])


READS = ["jobs:interview", "jobs:interview_new"]
WRITES = [
    "jobs:interview",
    "jobs:interview_new",
    "jobs:interview_delete",
    "jobs:interview_thank_you",
]


@pytest.mark.parametrize("name", READS)
def test_alice_reads_her_own_rounds(alices_round, alice_client, name):
    assert alice_client.get(_url(name, alices_round)).status_code == 200


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
@pytest.mark.parametrize("name", READS)
def test_others_cannot_read_alices_rounds(alices_round, request, who, name):
    client = request.getfixturevalue(who)
    assert client.get(_url(name, alices_round)).status_code == 404


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
@pytest.mark.parametrize("name", WRITES)
def test_others_cannot_write_alices_rounds(alices_round, request, who, name):
    client = request.getfixturevalue(who)
    data = {**_form(), **_form(prefix="")}
    assert client.post(_url(name, alices_round), data).status_code == 404
    assert Interview.objects.count() == 1
    alices_round.refresh_from_db()
    assert alices_round.kind == "product_sense"
    assert alices_round.thank_you_sent_on is None


@pytest.mark.parametrize("name", ["jobs:interviews", "jobs:calendar_download"])
def test_interview_lists_ask_charlie_to_log_in(charlie_client, name):
    response = charlie_client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_charlie_cannot_create_a_calendar_address(charlie_client):
    response = charlie_client.post(reverse("jobs:interviews"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- API ------------------------------------------------------------------------------------


@pytest.fixture
def alice_api(alice, client):
    _, raw = create_token(alice, name="t")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return client


def test_the_api_creates_and_lists_an_applications_rounds(alice, alice_api):
    application = make_application(alice)
    url = f"/api/v1/jobs/applications/{application.pk}/interviews"
    created = alice_api.post(
        url,
        {"kind": "strategy", "local_start": "2026-12-10T09:00", "time_zone": "Asia/Tokyo"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["starts_at"].startswith("2026-12-10T00:00:00")
    assert created.json()["local_start"] == "2026-12-10T09:00:00+09:00"
    listed = alice_api.get(url).json()
    assert [(i["kind"], i["time_zone"]) for i in listed] == [("strategy", "Asia/Tokyo")]


def test_the_api_refuses_a_bad_zone_naming_the_field(alice, alice_api):
    application = make_application(alice)
    response = alice_api.post(
        f"/api/v1/jobs/applications/{application.pk}/interviews",
        {"local_start": "2026-12-10T09:00", "time_zone": "Nowhere/Special"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "time_zone" in response.content.decode()


def test_bob_cannot_list_or_add_rounds_on_alices_application_through_the_api(alice, bob):
    from django.test import Client

    interview = make_interview(alice)
    _, raw = create_token(bob, name="t")
    bob_api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    url = f"/api/v1/jobs/applications/{interview.application_id}/interviews"
    assert bob_api.get(url).status_code == 404
    response = bob_api.post(
        url,
        {"local_start": "2026-12-10T09:00", "time_zone": "UTC"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert Interview.objects.count() == 1
