"""The gatherer reads a candidate's data into the detectors' input, with a fixed number of
SQL statements: planted mistakes are found from the database, and nothing else is."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pmpath.coach import queries
from pmpath.interview.models import Attempt
from pmpath.jobs.models import Interview
from pmpath.network.models import Interaction
from tests.coach.factories import applied, plant
from tests.conftest import onboard
from tests.interview.practice_factories import make_question
from tests.jobs.factories import bulk_applications


def keys(user) -> set[str]:
    return {f.key for f in queries.coach(user).findings}


def test_each_planted_mistake_is_found_from_the_database(alice):
    onboard(alice)
    p = plant(alice)
    found = keys(alice)
    assert f"application_follow_up:application:{p['waiting'].pk}" in found
    assert f"thank_you:interview:{p['interview'].pk}" in found
    assert f"cold_application:application:{p['cold'].pk}" in found
    assert "contacts_overdue:overdue" in found
    assert "practice_unreviewed:recent" in found
    assert "feedback_ignored:recent" in found
    assert "story_metrics:stories" in found
    assert "trends_unread:reading" in found and "no_talking_points:talking_points" in found
    # The screened application moved on after applying: it is not waiting for a follow-up.
    assert f"application_follow_up:application:{p['screened'].pk}" not in found


def test_acting_on_the_coach_clears_its_findings(alice):
    onboard(alice)
    p = plant(alice)
    Interview.objects.filter(pk=p["interview"].pk).update(thank_you_sent_on=timezone.localdate())
    Interaction.objects.create(
        user=alice,
        contact=p["overdue"],
        occurred_on=timezone.localdate(),
        application=p["waiting"],
    )
    Attempt.objects.filter(user=alice).update(self_review="Too long; cut the intro.")
    found = keys(alice)
    assert f"thank_you:interview:{p['interview'].pk}" not in found
    assert f"application_follow_up:application:{p['waiting'].pk}" not in found
    assert "practice_unreviewed:recent" not in found


def test_a_follow_up_logged_through_the_network_counts_for_the_cold_application_too(alice):
    onboard(alice)
    p = plant(alice)
    Interaction.objects.create(
        user=alice,
        contact=p["overdue"],
        occurred_on=timezone.localdate(),
        application=p["cold"],
    )
    assert f"cold_application:application:{p['cold'].pk}" not in keys(alice)


def test_a_new_candidate_gets_only_the_reading_nudges(alice):
    onboard(alice)
    report = queries.coach(alice)
    assert {f.detector for f in report.findings} <= {
        "trends_unread",
        "no_talking_points",
        "unplanned_gap",
    }


def test_another_users_data_never_reaches_the_coach(alice, bob):
    onboard(alice)
    onboard(bob)
    plant(bob)
    assert {f.detector for f in queries.coach(alice).findings} <= {
        "trends_unread",
        "no_talking_points",
        "unplanned_gap",
    }


def _statements(user) -> int:
    queries.coach(user)  # fills the per-process caches (portfolio checks, feedback parts)
    with CaptureQueriesContext(connection) as captured:
        queries.coach(user)
    return len(captured.captured_queries)


def test_the_gatherer_reads_with_a_constant_number_of_statements(alice):
    onboard(alice)
    plant(alice)
    small = _statements(alice)
    bulk_applications(alice, 600)
    for i in range(300):
        applied(alice, days_ago=8 + i % 60, role_title=f"PM {i}", company=f"Company {i % 40}")
    question = make_question(alice, text="A question for volume.")
    now = timezone.now()
    Attempt.objects.bulk_create(
        [
            Attempt(
                user=alice,
                question=question,
                started_at=now - timedelta(hours=i + 1),
                submitted_at=now - timedelta(hours=i),
                score=40,
            )
            for i in range(400)
        ]
    )
    assert _statements(alice) == small


def test_a_finished_mock_counts_as_shared_once_a_reviewer_link_exists(alice):
    from pmpath.coach import gather
    from pmpath.interview.models import Mock

    onboard(alice)
    mock = Mock.objects.create(
        user=alice, title="Shopify loop", status="done", finished_at=timezone.now()
    )
    Mock.objects.create(user=alice, title="Not finished", status="running")
    assert "mocks_unshared:finished" in keys(alice)
    share = gather.share_model()
    assert share is not None, "the accounts area's reviewer sharing (Share) is expected"
    link = share.objects.create(user=alice, kind="mock", object_id=mock.pk, token="t" * 40)
    assert "mocks_unshared:finished" not in keys(alice)
    link.revoked_at = timezone.now()
    link.save()
    assert "mocks_unshared:finished" in keys(alice)


def test_an_application_far_below_the_match_threshold_is_a_long_shot(alice):
    from pmpath.matching.models import MatchScore
    from tests.matching.match_factories import make_resume, pm_posting

    onboard(alice)
    resume = make_resume(alice)
    far = pm_posting(alice, 1, title="Director of Product, Healthcare")
    near = pm_posting(alice, 2)
    long_shot = applied(alice, days_ago=2, posting_id=far.pk)
    fine = applied(alice, days_ago=2, posting_id=near.pk)
    for posting, score in ((far, 22), (near, 71)):
        MatchScore.objects.create(
            user=alice, posting=posting, score=score, resume_checksum=resume.checksum
        )
    found = keys(alice)
    assert f"long_shot:application:{long_shot.pk}" in found
    assert f"long_shot:application:{fine.pk}" not in found
    # Scores made for another version of the resume are not trusted.
    MatchScore.objects.update(resume_checksum="an older resume")
    assert f"long_shot:application:{long_shot.pk}" not in keys(alice)


def test_reading_this_week_and_a_talking_point_clear_the_trend_nudges(alice):
    from pmpath.coach import gather
    from pmpath.trends.models import Entry, Feed, TalkingPoint

    onboard(alice)
    feed = Feed.objects.create(user=alice, url="https://feeds.example.test/pm.xml", title="PM")
    old = Entry.objects.create(
        user=alice,
        feed=feed,
        guid="a",
        title="Pricing pages",
        read_at=timezone.now() - timedelta(days=20),
    )
    Entry.objects.create(user=alice, feed=feed, guid="b", title="Onboarding")
    stats = gather.trend_stats(alice)
    assert (stats.feeds, stats.unread, stats.talking_points) == (1, 1, 0)
    assert stats.last_read_on == timezone.localdate(old.read_at)
    assert "trends_unread:reading" in keys(alice)
    Entry.objects.filter(guid="b").update(read_at=timezone.now())
    TalkingPoint.objects.create(user=alice, entry=old, title="Usage-based pricing")
    found = keys(alice)
    assert "trends_unread:reading" not in found and "no_talking_points:talking_points" not in found
