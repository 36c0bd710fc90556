"""Writes for the question bank: a user's own questions (add, edit, delete) and the bank's
import and export. Keyword-only arguments, the acting user first.

Shipped questions are read-only here: every write goes through `owner=user`. Two questions
are the same question when their text matches ignoring case and spacing; that is what makes
importing a file twice change nothing, and what keeps a re-imported export of the shipped
bank from copying it into the user's own questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from pmpath.core import generation
from pmpath.interview import knowledge, transfer
from pmpath.interview.bank_queries import export_rows, export_stamp, own_question
from pmpath.interview.models import Question
from pmpath.interview.transfer import Problem, QuestionRow, fold

FIELDS = tuple(name for name in transfer.COLUMNS if name != "key")
EXPORT_CACHE_SECONDS = 10 * 60


class QuestionError(ValueError):
    """A question cannot be saved. The message starts with the field: "text: ..."."""


def _framework_keys() -> list[str]:
    return [f.key for f in knowledge.frameworks()]


def _texts(user: Any, *, exclude: int | None = None) -> dict[str, Question | None]:
    """Folded text -> the user's own question with it, or None for a shipped one."""
    found: dict[str, Question | None] = {}
    rows = Question.objects.visible_to(user).only("id", "owner_id", "text")
    for question in rows:
        if question.pk != exclude:
            key = fold(question.text)
            if question.owner_id is None or key not in found:
                found[key] = None if question.owner_id is None else question
    return found


def _checked(user: Any, values: dict[str, Any], *, exclude: int | None = None) -> QuestionRow:
    row, problems = transfer.clean(values, framework_keys=_framework_keys())
    if row is None:
        first = problems[0]
        raise QuestionError(f"{first.field}: {first.message}")
    taken = _texts(user, exclude=exclude)
    key = fold(row.text)
    if key in taken:
        where = "in the shipped bank" if taken[key] is None else "one of your questions"
        raise QuestionError(f"text: this question is already {where}")
    return row


def create_question(user: Any, **values: Any) -> Question:
    """Add one of the user's own questions. A blank category is suggested from the text."""
    row = _checked(user, values)
    return Question.objects.create(owner=user, **row.values())


def update_question(user: Any, *, question_id: int, **values: Any) -> Question:
    question = own_question(user, question_id)
    row = _checked(user, values, exclude=question.pk)
    for name, value in row.values().items():
        setattr(question, name, value)
    question.save()
    return question


def delete_question(user: Any, *, question_id: int) -> str:
    """Delete one of the user's own questions (and, with it, its attempts and card)."""
    question = own_question(user, question_id)
    text = question.text
    question.delete()
    return text


# --- import -----------------------------------------------------------------------------------


@dataclass
class ImportReport:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    shipped: int = 0
    suggested: list[str] = field(default_factory=list)  # positions whose category was suggested
    problems: list[Problem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + self.shipped

    @property
    def headline(self) -> str:
        if not self.total:
            return f"Nothing imported from {self.source}."
        text = (
            f"Imported from {self.source}: {self.created} new, {self.updated} updated, "
            f"{self.unchanged} unchanged"
        )
        if self.shipped:
            text += f", {self.shipped} already in the shipped bank"
        return text + "."

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "shipped": self.shipped,
            "suggested_category": self.suggested,
            "problems": [
                {"position": p.position, "field": p.field, "message": p.message}
                for p in self.problems
            ],
        }


def import_questions(user: Any, name: str, data: bytes | str, *, fmt: str = "") -> ImportReport:
    """Read a CSV, JSON or Markdown file of questions into the user's own questions, in one
    transaction. Rows matching a shipped question are skipped; rows matching one of the
    user's own update the fields the file gives."""
    parsed = transfer.parse(name, data, framework_keys=_framework_keys(), fmt=fmt)
    report = ImportReport(source=name, problems=list(parsed.problems))
    if not parsed.rows:
        return report
    now = timezone.now()
    with transaction.atomic():
        taken = _texts(user)
        seen: dict[str, str] = {}
        created: list[Question] = []
        for row in parsed.rows:
            key = fold(row.text)
            if key in seen:
                message = f"The same question as {seen[key]}; skipped."
                report.problems.append(Problem(row.position, "text", message))
                continue
            seen[key] = row.position
            if key in taken and taken[key] is None:
                report.shipped += 1
                continue
            if row.suggested:
                report.suggested.append(row.position)
            existing = taken.get(key)
            if existing is None:
                created.append(Question(owner=user, **row.values()))
                continue
            changed = [
                name
                for name in FIELDS
                if name in row.given and getattr(existing, name) != getattr(row, name)
            ]
            if changed:
                for name in changed:
                    setattr(existing, name, getattr(row, name))
                existing.updated_at = now
                existing.save(update_fields=[*changed, "updated_at"])
                report.updated += 1
            else:
                report.unchanged += 1
        Question.objects.bulk_create(created, batch_size=500)
        report.created = len(created)
        if created:  # bulk_create sends no signal
            generation.touch_after_commit(user.pk)
    return report


# --- export -----------------------------------------------------------------------------------


def export_questions(user: Any, *, fmt: str, own_only: bool = False) -> str:
    """Everything the user can see (or only their own questions) in one of the formats."""
    if fmt not in transfer.FORMATS:
        raise QuestionError(f"format: {fmt!r} is not one of {', '.join(transfer.FORMATS)}")
    title = "My interview questions" if own_only else "Interview questions"
    if not getattr(user, "is_authenticated", False):
        return transfer.format_as(fmt, export_rows(user, own_only=own_only), title=title)
    # Building the heavy user's file of 1,000 questions costs about 30 ms; it is kept under
    # the rows' stamp (another process's change moves it) and the data generations.
    return generation.cached(
        user.pk,
        f"interview-export:{fmt}:{int(own_only)}",
        export_stamp(user, own_only=own_only),
        lambda: transfer.format_as(fmt, export_rows(user, own_only=own_only), title=title),
        ttl=EXPORT_CACHE_SECONDS,
    )
