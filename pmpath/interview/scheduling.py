"""Spaced repetition for interview questions, with FSRS (the `fsrs` package). Pure: no Django.

A question is not a flashcard: practising one takes a quarter of an hour, so the learning steps
are a day long rather than minutes. A rating of Again brings the question back tomorrow, Hard a
day and a half later, Good and Easy move it into review at intervals that grow with each success.
Fuzzing is off, so the dates shown before rating are the dates that follow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fsrs import Card, Rating, Scheduler, State

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
# What each rating means when you compare your answer with the model points.
RATING_HINTS = {
    1: "I missed the main points; show it to me again soon.",
    2: "I got there, with gaps or after a struggle.",
    3: "A solid answer, close to the model points.",
    4: "Strong and quick; I could give it in an interview today.",
}
STATE_NAMES = {State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}

SCHEDULER = Scheduler(
    learning_steps=(timedelta(days=1),),
    relearning_steps=(timedelta(days=1),),
    maximum_interval=365,
    enable_fuzzing=False,
)


@dataclass(frozen=True)
class Review:
    state: dict[str, Any]  # Card.to_dict(), for ReviewCard.state
    due_at: datetime
    stage: str  # learning | review | relearning


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("give an aware datetime")
    return moment.astimezone(UTC)


def _card(state: dict[str, Any] | None, card_id: int, now: datetime) -> Card:
    if state:
        try:
            return Card.from_dict(state)  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError):
            pass  # a damaged state starts afresh rather than failing the rating
    return Card(card_id=card_id, due=now)


def review(state: dict[str, Any] | None, rating: int, *, now: datetime, card_id: int = 0) -> Review:
    """The card after one rating given at `now`; `state` is None for a first review."""
    if rating not in RATING_NAMES:
        raise ValueError(f"rating must be 1-4, not {rating!r}")
    now = _utc(now)
    card, _log = SCHEDULER.review_card(_card(state, card_id, now), Rating(rating), now)
    return Review(card.to_dict(), card.due, STATE_NAMES.get(card.state, "review"))  # type: ignore[arg-type]


def preview(
    state: dict[str, Any] | None, *, now: datetime, card_id: int = 0
) -> dict[int, datetime]:
    """When the question would next be due for each rating, to show beside the buttons."""
    return {r: review(state, r, now=now, card_id=card_id).due_at for r in RATING_NAMES}


def describe_interval(due: datetime, now: datetime) -> str:
    """'tomorrow', 'in 3 days', 'in 2 months': how far away a due date is, in words."""
    days = (_utc(due) - _utc(now)).total_seconds() / 86400
    if days < 0.75:
        return "later today"
    whole = round(days)
    if whole <= 1:
        return "tomorrow"
    if days < 45:
        return f"in {whole} days"
    if days < 330:
        return f"in {round(days / 30)} months"
    return "in a year"
