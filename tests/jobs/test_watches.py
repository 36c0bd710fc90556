"""The watchlist: adding boards, polling them in the background, and the inbox."""

from datetime import timedelta

import httpx
import pytest
from django.http import Http404
from django.utils import timezone

from pmpath.jobs import watch_queries, watches
from pmpath.jobs.models import Posting, Watch
from pmpath.jobs.services import JobsError, create_application
from pmpath.jobs.tasks import poll_watched_boards
from pmpath.jobs.watch_queries import inbox, levels_near
from tests.conftest import onboard
from tests.jobs.boardfakes import fixture_answer, greenhouse_jobs, greenhouse_url, json_answer
from tests.jobs.boardfakes import replay as replaying
from tests.jobs.factories import make_posting

TITLES = (
    "Associate Product Manager",
    "Product Manager, Payments",
    "Senior Product Manager, Growth",
    "Group Product Manager, Data",
    "Director of Product",
    "Software Engineer, Payments",
)


def watch_on(user, name="acme", company="Acme", kind="greenhouse"):
    return watches.add_watch(user, company_name=company, board_kind=kind, board_name=name)


def board(*titles, **headers):
    return {greenhouse_url("acme"): json_answer(greenhouse_jobs(*titles), **headers)}


# --- adding, pausing, removing -------------------------------------------------------------


def test_it_adds_a_watch_for_a_company_matched_by_name(alice):
    make_posting(alice, company="Acme")
    watch = watch_on(alice, company="ACME")
    assert watch.company.name == "Acme" and watch.active and watch.next_poll_at <= timezone.now()


@pytest.mark.parametrize(
    "values, field",
    [
        ({"board_kind": "monster"}, "board_kind"),
        ({"board_name": "../etc"}, "board_name"),
        ({"company_name": "  "}, "company_name"),
    ],
)
def test_a_bad_watch_names_the_field(alice, values, field):
    given = {"company_name": "Acme", "board_kind": "greenhouse", "board_name": "acme", **values}
    with pytest.raises(JobsError, match=f"^{field}: "):
        watches.add_watch(alice, **given)
    assert not Watch.objects.exists()


def test_the_same_board_cannot_be_watched_twice(alice):
    watch_on(alice)
    with pytest.raises(JobsError, match="already watch greenhouse:acme"):
        watch_on(alice, company="Other")


def test_two_people_can_watch_the_same_board(alice, bob):
    watch_on(alice)
    watch_on(bob)
    assert Watch.objects.count() == 2


def test_pausing_and_resuming_a_watch(alice):
    watch = watch_on(alice)
    Watch.objects.filter(pk=watch.pk).update(failures=3, last_error="down")
    assert watches.pause_watch(alice, watch_id=watch.pk).active is False
    resumed = watches.pause_watch(alice, watch_id=watch.pk, paused=False)
    assert resumed.active and resumed.failures == 0 and resumed.last_error == ""


def test_bob_cannot_touch_alices_watch(alice, bob):
    watch = watch_on(alice)
    for call in (watches.pause_watch, watches.remove_watch, watches.poll_watch_now):
        with pytest.raises(Http404):
            call(bob, watch_id=watch.pk)
    posting = make_posting(alice)
    with pytest.raises(Http404):
        watches.dismiss(bob, posting_id=posting.pk)
    assert Watch.objects.get(pk=watch.pk).active


def test_removing_a_watch_keeps_its_postings(alice):
    watch = watch_on(alice)
    with replaying(board("Product Manager")):
        watches.poll(watch)
    watches.remove_watch(alice, watch_id=watch.pk)
    assert Posting.objects.filter(user=alice).count() == 1 and not Watch.objects.exists()


# --- polling ----------------------------------------------------------------------------------


def test_a_poll_keeps_only_new_pm_postings_and_marks_their_watch(alice):
    watch = watch_on(alice)
    with replaying(board(*TITLES)):
        report = watches.poll(watch)
    assert report.new == 5 and report.found == 6 and report.error == ""
    saved = Posting.objects.filter(user=alice)
    assert saved.count() == 5 and not saved.filter(title__startswith="Software").exists()
    assert set(saved.values_list("watch", flat=True)) == {watch.pk}
    assert set(saved.values_list("company__name", flat=True)) == {"Acme"}
    watch.refresh_from_db()
    assert watch.last_found == 6 and watch.failures == 0
    assert watch.next_poll_at - watch.last_polled_at == watches.POLL_EVERY


def test_polling_twice_adds_nothing(alice):
    watch = watch_on(alice)
    with replaying(board(*TITLES)):
        watches.poll(watch)
        again = watches.poll(watch)
    assert again.new == 0 and Posting.objects.filter(user=alice).count() == 5


def test_a_posting_already_imported_by_hand_is_not_new_from_the_watch(alice):
    make_posting(alice, source="greenhouse", external_id="7000", title="Product Manager")
    watch = watch_on(alice)
    with replaying(board("Product Manager", "Senior Product Manager")):
        report = watches.poll(watch)
    assert report.new == 1
    assert Posting.objects.get(external_id="7000").watch is None


def test_a_poll_uses_conditional_requests(alice):
    watch = watch_on(alice)
    with replaying(board("Product Manager", ETag='"v1"')):
        watches.poll(watch)

    def unchanged(request):
        assert request.headers["If-None-Match"] == '"v1"'
        return httpx.Response(304)

    with replaying({greenhouse_url("acme"): unchanged}) as recorder:
        report = watches.poll(watch)
    assert report.not_modified and len(recorder.requests) == 1
    watch.refresh_from_db()
    assert watch.etag == '"v1"' and watch.last_error == ""


def test_a_failing_board_backs_off_and_shows_its_error(alice):
    watch = watch_on(alice)
    now = timezone.now()
    with replaying({greenhouse_url("acme"): httpx.Response(404)}):
        first = watches.poll(watch, now=now)
        watches.poll(watch, now=now)
    watch.refresh_from_db()
    assert "there is no such board" in first.error
    assert watch.failures == 2 and "no such board" in watch.last_error
    assert watch.next_poll_at == now + timedelta(hours=1)  # 30 minutes, then doubled
    with replaying(board("Product Manager")):
        watches.poll(watch)
    watch.refresh_from_db()
    assert watch.failures == 0 and watch.last_error == ""


def test_the_retry_delay_doubles_up_to_a_day():
    delays = [watches.retry_delay(n) for n in (1, 2, 3, 6, 50)]
    assert delays == [
        timedelta(minutes=30),
        timedelta(hours=1),
        timedelta(hours=2),
        timedelta(hours=16),
        timedelta(hours=24),
    ]


def test_an_unreadable_payload_counts_as_a_failure(alice):
    watch = watch_on(alice)
    with replaying({greenhouse_url("acme"): json_answer({"unexpected": True})}):
        report = watches.poll(watch)
    assert "not a Greenhouse job board payload" in report.error
    watch.refresh_from_db()
    assert watch.failures == 1


def test_the_task_polls_only_due_active_watches(alice, bob):
    due = watch_on(alice)
    later = watch_on(alice, name="later", company="Later")
    paused = watch_on(bob)
    Watch.objects.filter(pk=later.pk).update(next_poll_at=timezone.now() + timedelta(hours=1))
    watches.pause_watch(bob, watch_id=paused.pk)
    with replaying(board("Product Manager")) as recorder:
        assert poll_watched_boards.call_local() == 1
    assert recorder.urls == [greenhouse_url("acme")]
    due.refresh_from_db()
    assert due.last_polled_at is not None
    assert Posting.objects.filter(user=bob).count() == 0


def test_running_the_task_twice_adds_nothing_and_skips_what_is_not_due(alice):
    watch_on(alice)
    with replaying(board(*TITLES)) as recorder:
        poll_watched_boards.call_local()
        assert poll_watched_boards.call_local() == 0
    assert len(recorder.requests) == 1 and Posting.objects.filter(user=alice).count() == 5


def test_a_watch_claimed_by_a_worker_is_not_polled_again_during_its_lease(alice):
    watch = watch_on(alice)
    now = timezone.now()
    # A worker claimed it a moment ago: claiming moves next_poll_at to the end of the lease.
    Watch.objects.filter(pk=watch.pk).update(next_poll_at=now + watches.LEASE)
    with replaying({}) as recorder:
        assert watches.poll_due(now=now) == []
    assert recorder.requests == []


def test_a_due_watch_is_claimed_before_its_board_is_downloaded(alice):
    watch = watch_on(alice)
    now = timezone.now()
    seen = []

    def answer(request):
        seen.append(Watch.objects.get(pk=watch.pk).next_poll_at)
        return json_answer(greenhouse_jobs("Product Manager"))

    with replaying({greenhouse_url("acme"): answer}):
        watches.poll_due(now=now)
    assert seen == [now + watches.LEASE]


def test_a_watch_left_claimed_by_a_killed_worker_is_retried_after_the_lease(alice):
    watch = watch_on(alice)
    now = timezone.now()
    Watch.objects.filter(pk=watch.pk).update(next_poll_at=now + watches.LEASE)
    with replaying(board("Product Manager")):
        reports = watches.poll_due(now=now + watches.LEASE + timedelta(seconds=1))
    assert [r.new for r in reports] == [1]


def test_one_broken_board_does_not_stop_the_others(alice, monkeypatch):
    first = watch_on(alice, name="broken", company="Broken")
    watch_on(alice)
    real = watches.poll

    def poll(watch, **kwargs):
        if watch.pk == first.pk:
            raise RuntimeError("surprise")
        return real(watch, **kwargs)

    monkeypatch.setattr(watches, "poll", poll)
    with replaying(board("Product Manager")):
        reports = watches.poll_due()
    assert [bool(r.error) for r in reports] == [True, False]
    first.refresh_from_db()
    assert first.failures == 1 and "RuntimeError" in first.last_error


def test_smartrecruiters_watches_page_through_the_board(alice):
    watch = watch_on(alice, kind="smartrecruiters", name="KestrelMobility", company="Kestrel")
    page = (
        "https://api.smartrecruiters.com/v1/companies/KestrelMobility/postings?offset={}&limit=100"
    )
    answers = {
        page.format(0): fixture_answer("smartrecruiters_page1.json"),
        page.format(3): fixture_answer("smartrecruiters_page2.json"),
    }
    with replaying(answers):
        report = watches.poll(watch)
    assert report.found == 4 and report.new == 3  # "Product Owner" is not a PM title


# --- the inbox ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target, levels",
    [
        ("apm", ["apm", "pm"]),
        ("pm", ["apm", "pm", "senior_pm"]),
        ("senior_pm", ["pm", "senior_pm", "lead_pm"]),
        ("director", ["lead_pm", "director"]),
        ("", ["apm", "pm", "senior_pm", "lead_pm", "director"]),
    ],
)
def test_the_inbox_reaches_one_level_either_side_of_the_target(target, levels):
    assert levels_near(target) == levels


def test_the_inbox_holds_new_pm_roles_at_the_target_level_give_or_take_one(alice):
    profile = onboard(alice, target_level="senior_pm")
    watch = watch_on(alice)
    with replaying(board(*TITLES)):
        watches.poll(watch)
    titles = {p.title for p in inbox(alice, profile=profile)}
    assert titles == {
        "Product Manager, Payments",
        "Senior Product Manager, Growth",
        "Group Product Manager, Data",
    }


def test_dismissed_tracked_and_hand_imported_postings_leave_the_inbox(alice):
    profile = onboard(alice, target_level="pm")
    make_posting(alice, title="Product Manager, Search", external_id="hand")
    watch = watch_on(alice)
    with replaying(board("Product Manager, Maps", "Product Manager, Ads", "Product Manager, Mail")):
        watches.poll(watch)
    maps, ads = (Posting.objects.get(title=f"Product Manager, {t}") for t in ("Maps", "Ads"))
    watches.dismiss(alice, posting_id=maps.pk)
    create_application(alice, posting_id=ads.pk)
    assert [p.title for p in inbox(alice, profile=profile)] == ["Product Manager, Mail"]
    assert watch_queries.inbox_count(alice, profile=profile) == 1


def test_new_this_week_counts_only_the_last_seven_days(alice):
    profile = onboard(alice, target_level="pm")
    watch = watch_on(alice)
    with replaying(board("Product Manager, Maps", "Product Manager, Ads")):
        watches.poll(watch)
    Posting.objects.filter(title__endswith="Maps").update(
        first_seen_at=timezone.now() - timedelta(days=8)
    )
    page = watch_queries.inbox_page(alice, profile=profile)
    assert page.total == 2 and page.new_this_week == 1


def test_bobs_inbox_is_his_own(alice, bob):
    watch = watch_on(alice)
    with replaying(board("Product Manager")):
        watches.poll(watch)
    assert watch_queries.inbox_count(bob) == 0 and watch_queries.inbox_count(alice) == 1
