"""Writes for practice: autosaved drafts, submitted answers with feedback, and the candidate's
rating, which schedules the question's spaced-repetition card (scheduling.py).

Keyword-only arguments, the acting user first. PracticeError's message starts with the field
it is about ("answer: ..."), so a form can show it in the right place."""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from pmpath.core.models import get_owned_or_404
from pmpath.interview import scheduling
from pmpath.interview.feedback_service import FeedbackError, feedback_for
from pmpath.interview.models import Attempt, Mock, Question, ReviewCard

ANSWER_MAX = 30_000  # characters: a long written answer is about 1,500 words
NOTES_MAX = 10_000
REVIEW_MAX = 10_000
# A practice session longer than this is a tab left open, not time spent answering.
DURATION_MAX = 4 * 3600
RUBRIC_SCALE = range(1, 6)
# An autosave sent just before the answer was submitted can arrive just after it.
LATE_AUTOSAVE = timedelta(minutes=2)


class PracticeError(Exception):
    """A rule of practice was broken; the message names the field first."""


def visible_question(user: Any, question_id: int) -> Question:
    """A shipped question or one of the user's own; a 404 for anything else."""
    found = Question.objects.visible_to(user).filter(pk=question_id).first()
    if found is None:
        raise Http404("No question here.")
    return found


def _clean_text(value: str | None, field: str, limit: int) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    if len(text) > limit:
        raise PracticeError(f"{field}: keep it under {limit:,} characters")
    return text


def _duration(seconds: int | None) -> int | None:
    if seconds is None:
        return None
    return max(0, min(int(seconds), DURATION_MAX))


def _mock_for(user: Any, mock_id: int | None, question: Question) -> Mock | None:
    if mock_id is None:
        return None
    mock = get_owned_or_404(Mock, user, pk=mock_id)
    if not mock.items.filter(question=question).exists():
        raise PracticeError("question: this question is not part of that mock interview")
    return mock


def draft_for(user: Any, question: Question, *, mock: Mock | None = None) -> Attempt | None:
    """The newest unsubmitted answer to this question (in this mock, or outside any mock)."""
    return (
        Attempt.objects.owned_by(user)
        .filter(question=question, mock=mock, submitted_at__isnull=True)
        .order_by("-started_at", "-id")
        .first()
    )


def _open_draft(user: Any, question: Question, mock: Mock | None, now: datetime) -> Attempt:
    draft = draft_for(user, question, mock=mock)
    if draft is None:
        draft = Attempt(user=user, question=question, mock=mock, started_at=now)
    return draft


def _just_submitted(user: Any, question: Question, mock: Mock | None, now: datetime) -> Any:
    return (
        Attempt.objects.owned_by(user)
        .filter(question=question, mock=mock, submitted_at__gte=now - LATE_AUTOSAVE)
        .order_by("-submitted_at", "-id")
        .first()
    )


def save_draft(
    user: Any,
    *,
    question_id: int,
    answer: str,
    spoken_notes: str = "",
    duration_seconds: int | None = None,
    mock_id: int | None = None,
    now: datetime | None = None,
) -> Attempt:
    """Store the answer so far. Saving again updates the same draft: autosave every few
    seconds makes one row, not hundreds."""
    now = now or timezone.now()
    question = visible_question(user, question_id)
    mock = _mock_for(user, mock_id, question)
    answer = _clean_text(answer, "answer", ANSWER_MAX)
    notes = _clean_text(spoken_notes, "spoken_notes", NOTES_MAX)
    with transaction.atomic():
        draft = _open_draft(user, question, mock, now)
        if draft.pk is None:
            late = _just_submitted(user, question, mock, now)
            if late is not None and late.answer == answer:
                return late  # an autosave that arrived after the answer was submitted
        draft.answer, draft.spoken_notes = answer, notes
        if duration_seconds is not None:
            draft.duration_seconds = _duration(duration_seconds)
        draft.save()
    return draft


def feedback_as_dict(result: Any) -> dict[str, Any]:
    """The engine's result as JSON for Attempt.feedback."""
    if hasattr(result, "to_dict"):
        return dict(result.to_dict())
    if is_dataclass(result) and not isinstance(result, type):
        return asdict(result)
    return dict(result)


def submit_attempt(
    user: Any,
    *,
    question_id: int,
    answer: str,
    spoken_notes: str = "",
    duration_seconds: int | None = None,
    mock_id: int | None = None,
    now: datetime | None = None,
) -> Attempt:
    """Submit an answer: the feedback engine scores it, and the draft becomes an attempt."""
    now = now or timezone.now()
    question = visible_question(user, question_id)
    mock = _mock_for(user, mock_id, question)
    answer = _clean_text(answer, "answer", ANSWER_MAX)
    notes = _clean_text(spoken_notes, "spoken_notes", NOTES_MAX)
    if not answer:
        raise PracticeError("answer: write your answer before submitting it")
    try:
        result = feedback_for(question, answer)
    except FeedbackError as exc:
        raise PracticeError(str(exc)) from None
    with transaction.atomic():
        attempt = _open_draft(user, question, mock, now)
        attempt.answer, attempt.spoken_notes = answer, notes
        attempt.submitted_at = now
        attempt.duration_seconds = _duration(
            duration_seconds
            if duration_seconds is not None
            else int((now - attempt.started_at).total_seconds())
        )
        attempt.score = max(0, min(100, round(result.score)))
        attempt.feedback = feedback_as_dict(result)
        attempt.save()
        if mock is not None:
            _advance_mock(mock, now)
    return attempt


def _advance_mock(mock: Mock, now: datetime) -> None:
    answered = (
        Attempt.objects.filter(mock=mock, submitted_at__isnull=False)
        .values("question_id")
        .distinct()
        .count()
    )
    mock.started_at = mock.started_at or now
    if answered >= mock.items.count():
        mock.status, mock.finished_at = "done", now
    else:
        mock.status = "running"
    mock.save(update_fields=["status", "started_at", "finished_at", "updated_at"])


def _rubric(values: dict[str, Any], allowed: list[str]) -> dict[str, int]:
    kept: dict[str, int] = {}
    for key, raw in values.items():
        if raw in (None, ""):
            continue
        if key not in allowed:
            raise PracticeError(f"rubric: {key!r} is not a dimension of this question's rubric")
        try:
            score = int(raw)
        except (TypeError, ValueError):
            raise PracticeError(f"rubric: give {key} a whole number from 1 to 5") from None
        if score not in RUBRIC_SCALE:
            raise PracticeError(f"rubric: give {key} a score from 1 to 5")
        kept[key] = score
    return kept


def schedule(
    user: Any, *, question: Question, rating: int, now: datetime | None = None
) -> ReviewCard:
    """Review the question's card with this rating, creating the card on the first rating."""
    now = now or timezone.now()
    with transaction.atomic():
        cards = ReviewCard.objects.owned_by(user).select_for_update().filter(question=question)
        card = cards.first()
        if card is None:
            try:
                with transaction.atomic():
                    card = ReviewCard.objects.create(
                        user=user, question=question, state={}, due_at=now
                    )
            except IntegrityError:  # rated meanwhile in another tab
                card = cards.get()
        outcome = scheduling.review(card.state or None, rating, now=now, card_id=question.pk)
        card.state, card.due_at, card.last_rating = outcome.state, outcome.due_at, rating
        card.reviews += 1
        card.save()
    return card


def rate_attempt(
    user: Any,
    *,
    attempt_id: int,
    rating: int | None,
    rubric: dict[str, Any] | None = None,
    rubric_keys: list[str] | None = None,
    self_review: str = "",
    now: datetime | None = None,
) -> tuple[Attempt, ReviewCard | None]:
    """Record the candidate's own judgement of a submitted answer. The first rating schedules
    the question's card; the rubric and the self-review may be edited afterwards, but the
    rating stays, so the schedule is never counted twice for one answer."""
    now = now or timezone.now()
    attempt: Attempt = get_owned_or_404(
        Attempt.objects.select_related("question"), user, pk=attempt_id
    )
    if attempt.submitted_at is None:
        raise PracticeError("rating: submit the answer before rating it")
    if rating is not None and rating not in scheduling.RATING_NAMES:
        raise PracticeError("rating: choose Again, Hard, Good or Easy")
    if attempt.rating is None and rating is None:
        raise PracticeError("rating: choose Again, Hard, Good or Easy")
    if attempt.rating is not None and rating not in (None, attempt.rating):
        name = scheduling.RATING_NAMES[attempt.rating]
        raise PracticeError(
            f"rating: this answer is already rated {name}; practise the question again to "
            "rate a new answer"
        )
    scores = _rubric(rubric or {}, rubric_keys if rubric_keys is not None else list(rubric or {}))
    review = _clean_text(self_review, "self_review", REVIEW_MAX)
    card = None
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.rating is None:
            assert rating is not None
            card = schedule(user, question=attempt.question, rating=rating, now=now)
            locked.rating = rating
        locked.rubric, locked.self_review = scores, review
        locked.save(update_fields=["rating", "rubric", "self_review", "updated_at"])
    locked.question = attempt.question
    return locked, card


def discard_draft(user: Any, *, attempt_id: int) -> None:
    attempt = get_owned_or_404(Attempt, user, pk=attempt_id)
    if attempt.submitted_at is not None:
        raise PracticeError("attempt: a submitted answer stays in your history")
    attempt.delete()


def elapsed_seconds(started: float | None, before: int | None, now: datetime) -> int | None:
    """Time on the answer: what an earlier visit saved, plus this visit since the page loaded
    (`started` is the page's epoch seconds, as sent back by the form)."""
    if started is None:
        return before
    page = now.timestamp() - started
    if page < 0 or page > DURATION_MAX:  # a clock far off or a stale page: do not guess
        page = 0
    return _duration((before or 0) + int(page))


def due_window(now: datetime | None = None) -> datetime:
    """The end of today in the current time zone: cards due before it are due today."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start + timedelta(days=1)
