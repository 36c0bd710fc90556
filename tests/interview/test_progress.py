"""Progress on the interview overview: the streak, weekly averages per category, due counts,
recent answers, and a query count that stays put at 10,000 answers."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from pmpath.interview import progress
from tests.interview.practice_factories import bulk_attempts, make_attempt, make_card, make_question
from tests.perf import assert_constant_queries

MONDAY = date(2026, 3, 2)


def test_the_streak_counts_consecutive_days_ending_today():
    days = [
        MONDAY,
        MONDAY - timedelta(days=1),
        MONDAY - timedelta(days=2),
        MONDAY - timedelta(days=4),
    ]
    assert progress.streak(days, MONDAY) == (3, True)


def test_the_streak_is_still_alive_until_midnight():
    days = [MONDAY - timedelta(days=1), MONDAY - timedelta(days=2)]
    assert progress.streak(days, MONDAY) == (2, False)


def test_a_missed_day_ends_the_streak():
    assert progress.streak([MONDAY - timedelta(days=2)], MONDAY) == (0, False)
    assert progress.streak([], MONDAY) == (0, False)


def test_weekly_series_weights_each_day_by_its_answers():
    weeks = [MONDAY - timedelta(weeks=1), MONDAY]
    rows = [
        ("estimation", MONDAY, 40.0, 1),
        ("estimation", MONDAY + timedelta(days=2), 70.0, 2),
        ("behavioural", MONDAY - timedelta(days=6), 55.0, 1),
        ("estimation", MONDAY - timedelta(weeks=5), 10.0, 1),  # before the window
    ]
    series = progress.weekly_series(rows, weeks)
    assert [(s.category, s.points, s.attempts) for s in series] == [
        ("estimation", [None, 60.0], 3),
        ("behavioural", [55.0, None], 1),
    ]
    assert series[1].latest == 55.0


def test_the_overview_shows_the_streak_due_counts_and_scores(alice, alice_client):
    question = make_question(
        category="estimation", text="How many ferries cross the Channel daily?"
    )
    now = timezone.now()
    for days in (0, 1, 2):
        make_attempt(alice, question, submitted_at=now - timedelta(days=days), score=50 + days)
    make_card(alice, question, now - timedelta(hours=1))
    make_card(alice, make_question(text="Later?"), now + timedelta(days=3))
    found = progress.progress_for(alice)
    assert found.streak == 3 and found.practised_today
    assert (found.due_today, found.due_week, found.cards) == (1, 2, 2)
    assert [s.category for s in found.series] == ["estimation"]
    body = alice_client.get(reverse("interview:index")).content.decode()
    assert "days in a row" in body and "due today" in body
    assert 'id="progress-data"' in body and "progress-table" in body
    assert question.text in body


def test_weekly_averages_put_each_answer_in_its_local_monday_to_sunday_week(alice):
    """Grouped by week in SQL: Sunday late evening and Monday just after midnight (local time)
    land in different weeks, whatever the database."""
    from datetime import datetime, time

    question = make_question(category="estimation", text="How many buses run in Lisbon?")
    zone = timezone.get_current_timezone()
    now = timezone.make_aware(datetime(2026, 3, 18, 12, 0), zone)  # a Wednesday
    this_monday = date(2026, 3, 16)
    answers = [
        (this_monday - timedelta(days=1), time(23, 30), 40),  # Sunday: last week
        (this_monday, time(0, 15), 80),  # Monday: this week
        (this_monday + timedelta(days=1), time(9, 0), 60),
        (this_monday - timedelta(days=6), time(8, 0), 20),  # last Monday
    ]
    for day, at, score in answers:
        stamp = timezone.make_aware(datetime.combine(day, at), zone)
        make_attempt(alice, question, submitted_at=stamp, score=score)
    found = progress.progress_for(alice, now=now)
    (series,) = found.series
    assert found.weeks[-2:] == [this_monday - timedelta(weeks=1), this_monday]
    assert series.points[-2:] == [30.0, 70.0]
    assert series.attempts == 4


def test_an_overview_without_answers_invites_a_first_one(alice_client):
    body = alice_client.get(reverse("interview:index")).content.decode()
    assert "No answers yet." in body and 'id="progress-data"' not in body


def test_bobs_answers_do_not_show_on_alices_overview(alice, bob, alice_client):
    make_attempt(bob, make_question(text="Bob's practice question?"))
    body = alice_client.get(reverse("interview:index")).content.decode()
    assert "Bob's practice question?" not in body
    assert progress.progress_for(alice).submitted == 0


def test_the_overview_runs_constant_queries_up_to_ten_thousand_answers(alice, alice_client):
    question = make_question()
    make_card(alice, question, timezone.now())
    assert_constant_queries(
        alice_client, "/interview/", lambda n: bulk_attempts(alice, question, n), large=10_000
    )
