"""Weekly goals: targets, progress counted from real data, the page and the dashboard card."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from pmpath.career import goal_queries as gq
from pmpath.career import goals as services
from pmpath.career.goals import GoalError
from pmpath.career.models import Enrolment, Resource, WeeklyGoal
from pmpath.network.models import Interaction
from tests.career.growth_factories import make_attempt
from tests.jobs.factories import make_application
from tests.network.factories import make_contact
from tests.perf import assert_constant_queries

MONDAY = date(2025, 3, 3)


def test_a_week_starts_on_monday():
    assert gq.week_of(date(2025, 3, 9)) == MONDAY  # a Sunday
    assert gq.week_of(MONDAY) == MONDAY


def test_setting_goals_replaces_the_weeks_targets(alice):
    services.set_goals(alice, week_start=MONDAY, applications=5, outreach=10, learning_hours="2.5")
    goal = services.set_goals(alice, week_start=MONDAY, applications=3, practice_sessions=4)
    assert WeeklyGoal.objects.count() == 1
    assert (goal.applications, goal.outreach, goal.practice_sessions) == (3, 0, 4)
    assert goal.learning_hours == Decimal("0.0")


@pytest.mark.parametrize(
    "values, message",
    [
        ({"applications": -1}, "applications: between 0 and 100"),
        ({"outreach": "lots"}, "outreach: give a whole number"),
        ({"learning_hours": "ten"}, "learning_hours: give a number"),
        ({"learning_hours": 200}, "learning_hours: between 0 and 80"),
    ],
)
def test_a_bad_target_is_refused_with_its_name(alice, values, message):
    with pytest.raises(GoalError, match=message):
        services.set_goals(alice, week_start=MONDAY, **values)
    assert not WeeklyGoal.objects.exists()


def test_a_week_that_does_not_start_on_monday_is_refused(alice):
    with pytest.raises(GoalError, match="week_start"):
        services.set_goals(alice, week_start=MONDAY + timedelta(days=1))


def _at(day: date, hour: int = 12):
    return timezone.make_aware(
        timezone.datetime.combine(day, timezone.datetime.min.time())
    ).replace(hour=hour)


def test_progress_counts_what_she_really_did_that_week(alice, bob):
    inside, before = MONDAY + timedelta(days=2), MONDAY - timedelta(days=1)
    for day in [inside, inside, before]:
        make_application(alice, applied_on=day)
    make_application(alice)  # tracked, not applied
    make_application(bob, applied_on=inside)
    contact = make_contact(alice)
    Interaction.objects.create(
        user=alice, contact=contact, occurred_on=inside, direction="outbound"
    )
    Interaction.objects.create(user=alice, contact=contact, occurred_on=inside, direction="inbound")
    make_attempt(alice, when=_at(inside))
    make_attempt(alice, when=_at(MONDAY + timedelta(days=7)))  # next week
    make_attempt(alice, submitted_at=None, score=None)  # a draft
    course = Resource.objects.create(name="Course", kind="course", hours=Decimal("6.5"))
    book = Resource.objects.create(name="Book", kind="book", hours=Decimal("8"))
    Enrolment.objects.create(user=alice, resource=course, status="done", completed_on=inside)
    Enrolment.objects.create(user=alice, resource=book, status="active")
    services.set_goals(alice, week_start=MONDAY, applications=2, outreach=3, practice_sessions=1)

    week = gq.this_week(alice, today=MONDAY + timedelta(days=4))
    done = {line.key: line.done for line in week.lines}
    assert done == {
        "applications": 2,
        "outreach": 1,
        "practice_sessions": 1,
        "learning_hours": 6.5,
    }
    lines = {line.key: line for line in week.lines}
    assert lines["applications"].met and lines["applications"].percent == 100
    assert lines["outreach"].percent == 33 and not lines["outreach"].met
    assert week.met == 2 and week.targets_set == 3


def test_recent_weeks_show_each_weeks_own_figures(alice):
    make_application(alice, applied_on=MONDAY - timedelta(days=3))
    services.set_goals(alice, week_start=MONDAY - timedelta(weeks=1), applications=1)
    weeks = gq.recent_weeks(alice, today=MONDAY)
    assert [w.start for w in weeks[:2]] == [MONDAY, MONDAY - timedelta(weeks=1)]
    assert weeks[0].goal is None and weeks[1].lines[0].done == 1 and weeks[1].lines[0].met
    assert len(weeks) == gq.HISTORY_WEEKS


def test_the_goals_page_sets_this_weeks_targets(alice, alice_client):
    body = alice_client.get(reverse("career:goals")).content.decode()
    assert "Set this week&#39;s targets" in body or "Set this week's targets" in body
    response = alice_client.post(
        reverse("career:goals"),
        {"applications": 4, "outreach": 6, "practice_sessions": 3, "learning_hours": "2"},
    )
    assert response.status_code == 302
    goal = WeeklyGoal.objects.get(user=alice)
    assert goal.week_start == gq.week_of() and goal.outreach == 6
    body = alice_client.get(reverse("career:goals")).content.decode()
    assert "Applications sent" in body and "/ 4" in body


def test_a_bad_target_on_the_page_gets_a_message(alice_client):
    response = alice_client.post(
        reverse("career:goals"),
        {"applications": 400, "outreach": 1, "practice_sessions": 1, "learning_hours": 1},
    )
    assert response.status_code == 400
    assert "less than or equal to 100" in response.content.decode()
    assert not WeeklyGoal.objects.exists()


def test_an_empty_target_on_the_page_means_none_for_that_line(alice, alice_client):
    response = alice_client.post(reverse("career:goals"), {"outreach": "5"})
    assert response.status_code == 302
    goal = WeeklyGoal.objects.get(user=alice)
    assert (goal.applications, goal.outreach, goal.learning_hours) == (0, 5, 0)
    body = alice_client.get(reverse("core:home")).content.decode()
    assert "People reached out to" in body and "Applications sent" not in body


def test_last_weeks_targets_are_offered_for_this_week(alice, alice_client):
    services.set_goals(alice, week_start=gq.week_of() - timedelta(weeks=1), outreach=12)
    body = alice_client.get(reverse("career:goals")).content.decode()
    assert "Filled in from your last targets" in body and 'value="12"' in body


def test_bob_sees_only_his_own_goals(alice, bob_client):
    services.set_goals(alice, week_start=gq.week_of(), applications=77)
    assert 'value="77"' not in bob_client.get(reverse("career:goals")).content.decode()
    bob_client.post(
        reverse("career:goals"),
        {"applications": 1, "outreach": 1, "practice_sessions": 1, "learning_hours": 1},
    )
    assert WeeklyGoal.objects.get(user=alice).applications == 77


def test_the_dashboard_shows_this_weeks_progress(alice, alice_client):
    body = alice_client.get(reverse("core:home")).content.decode()
    assert "No targets for this week yet" in body
    services.set_goals(alice, week_start=gq.week_of(), applications=5)
    make_application(alice, applied_on=timezone.localdate())
    body = alice_client.get(reverse("core:home")).content.decode()
    assert "Applications sent" in body and "<strong>1</strong> / 5" in body


def _grow_activity(user, n):
    contact = make_contact(user)
    today = timezone.localdate()
    Interaction.objects.bulk_create(
        Interaction(user=user, contact=contact, occurred_on=today - timedelta(days=i % 50))
        for i in range(n)
    )
    for i in range(max(1, n // 100)):
        services.set_goals(user, week_start=gq.week_of() - timedelta(weeks=i), outreach=i)


def test_the_goals_page_runs_a_fixed_number_of_queries(alice, alice_client):
    assert_constant_queries(
        alice_client, reverse("career:goals"), lambda n: _grow_activity(alice, n)
    )


def test_the_dashboard_runs_a_fixed_number_of_queries(alice, alice_client):
    assert_constant_queries(alice_client, reverse("core:home"), lambda n: _grow_activity(alice, n))
