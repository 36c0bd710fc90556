"""Loads the shipped question bank into the database (registered with core.knowledge).

Shipped questions are matched by `key` and updated in place, so users' attempts, review cards
and mock items keep pointing at the same rows. Users' own questions (owner set) are never read
or written here. A shipped question that leaves the files is deleted only if nobody has
practised it; otherwise it stays, so no one's history is lost."""

from __future__ import annotations

from django.db import transaction

from pmpath.core import generation
from pmpath.core.knowledge import is_current, mark_loaded, register_seed
from pmpath.interview import knowledge as kn
from pmpath.interview.models import Attempt, MockItem, Question, ReviewCard

SEED = "interview.questions"
FIELDS = (
    "text",
    "category",
    "difficulty",
    "levels",
    "skills",
    "themes",
    "company",
    "follow_ups",
    "strong_answer",
    "pitfalls",
    "framework",
    "time_limit_seconds",
)


@register_seed(SEED, order=40)
def seed_questions(force: bool) -> str | None:
    entries, checksum = kn.read_bank()
    if not force and is_current(SEED, checksum):
        return None
    with transaction.atomic():
        stored = {q.key: q for q in Question.objects.filter(owner__isnull=True).exclude(key="")}
        created, changed = [], []
        for entry in entries:
            values = entry.model_dump(include=set(FIELDS))
            question = stored.get(entry.key)
            if question is None:
                created.append(Question(key=entry.key, owner=None, **values))
                continue
            if any(getattr(question, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(question, name, value)
                changed.append(question)
        Question.objects.bulk_create(created, batch_size=500)
        # bulk_update skips auto_now, so the time is set here.
        if changed:
            from django.utils import timezone

            now = timezone.now()
            for question in changed:
                question.updated_at = now
            Question.objects.bulk_update(changed, [*FIELDS, "updated_at"], batch_size=500)
        kept = _retire({q.key for q in entries}, stored)
        mark_loaded(SEED, 1, checksum)
        generation.touch_after_commit(None)  # bulk writes to the shared bank send no signal
    line = f"question bank: {len(entries)} questions ({len(created)} new, {len(changed)} updated)"
    return line + (f"; {kept} retired questions kept for their practice history" if kept else "")


def _retire(current: set[str], stored: dict[str, Question]) -> int:
    """Delete shipped questions no longer in the files unless someone has used them."""
    gone = [q.pk for key, q in stored.items() if key not in current]
    if not gone:
        return 0
    used = (
        set(Attempt.objects.filter(question_id__in=gone).values_list("question_id", flat=True))
        | set(ReviewCard.objects.filter(question_id__in=gone).values_list("question_id", flat=True))
        | set(MockItem.objects.filter(question_id__in=gone).values_list("question_id", flat=True))
    )
    Question.objects.filter(pk__in=[pk for pk in gone if pk not in used]).delete()
    return len(used)
