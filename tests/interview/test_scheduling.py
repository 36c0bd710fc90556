"""FSRS scheduling for interview questions, at fixed times (no sleeping, no clock)."""

from datetime import UTC, datetime, timedelta

import pytest

from pmpath.interview import scheduling

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def test_a_first_rating_of_again_is_due_sooner_than_hard_good_and_easy():
    due = {r: scheduling.review(None, r, now=NOON).due_at for r in (1, 2, 3, 4)}
    assert due[1] < due[2] < due[3] < due[4]


def test_again_brings_a_new_question_back_tomorrow_not_in_a_minute():
    outcome = scheduling.review(None, 1, now=NOON)
    assert outcome.due_at == NOON + timedelta(days=1)
    assert outcome.stage == "learning"


def test_good_graduates_a_new_question_into_review_days_later():
    outcome = scheduling.review(None, 3, now=NOON)
    assert outcome.stage == "review"
    assert outcome.due_at >= NOON + timedelta(days=2)


def test_successive_good_ratings_space_the_question_further_apart():
    first = scheduling.review(None, 3, now=NOON)
    second = scheduling.review(first.state, 3, now=first.due_at)
    third = scheduling.review(second.state, 3, now=second.due_at)
    gap_one = second.due_at - first.due_at
    gap_two = third.due_at - second.due_at
    assert gap_two > gap_one > timedelta(days=2)


def test_forgetting_a_reviewed_question_brings_it_back_sooner_than_remembering_it():
    learned = scheduling.review(None, 4, now=NOON)
    forgot = scheduling.review(learned.state, 1, now=learned.due_at)
    remembered = scheduling.review(learned.state, 3, now=learned.due_at)
    assert forgot.stage == "relearning"
    assert forgot.due_at < remembered.due_at


def test_the_state_round_trips_through_json_and_gives_the_same_schedule():
    import json

    first = scheduling.review(None, 3, now=NOON)
    again = json.loads(json.dumps(first.state))
    later = first.due_at + timedelta(days=1)
    assert scheduling.review(again, 3, now=later) == scheduling.review(first.state, 3, now=later)


def test_a_damaged_state_starts_afresh_instead_of_failing():
    outcome = scheduling.review({"card_id": "x", "state": "?"}, 3, now=NOON)
    assert outcome == scheduling.review(None, 3, now=NOON)


def test_the_preview_matches_what_each_rating_then_does():
    preview = scheduling.preview(None, now=NOON)
    assert preview == {r: scheduling.review(None, r, now=NOON).due_at for r in (1, 2, 3, 4)}


def test_a_rating_outside_one_to_four_is_refused():
    with pytest.raises(ValueError, match="rating must be 1-4"):
        scheduling.review(None, 5, now=NOON)


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError, match="aware"):
        scheduling.review(None, 3, now=datetime(2026, 3, 2, 12))


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (timedelta(hours=3), "later today"),
        (timedelta(days=1), "tomorrow"),
        (timedelta(days=1, hours=12), "in 2 days"),
        (timedelta(days=9), "in 9 days"),
        (timedelta(days=90), "in 3 months"),
        (timedelta(days=400), "in a year"),
    ],
)
def test_intervals_are_described_in_words(delta, words):
    assert scheduling.describe_interval(NOON + delta, NOON) == words
