"""Reads for mock interviews: the list, the item to answer next, and the report. A mock has a
handful of items, so each read is a fixed, small number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Avg, Count, Q

from pmpath.interview import knowledge
from pmpath.interview.models import Attempt, Mock, MockItem

PAGE_SIZE = 30


def mocks(user: Any, *, page: Any = 1) -> Page:
    rows = (
        Mock.objects.owned_by(user)
        .select_related("company")
        .annotate(
            item_count=Count("items", distinct=True),
            answered=Count(
                "attempts__question",
                filter=Q(attempts__submitted_at__isnull=False),
                distinct=True,
            ),
            average=Avg("attempts__score", filter=Q(attempts__submitted_at__isnull=False)),
        )
        .order_by("-created_at", "-id")
    )
    return Paginator(rows, PAGE_SIZE).get_page(page)


def items_of(mock: Mock) -> list[MockItem]:
    return list(mock.items.select_related("question").order_by("order"))


def answers_of(mock: Mock) -> dict[int, Attempt]:
    """The latest submitted answer to each question of the mock, by question id."""
    found: dict[int, Attempt] = {}
    # Filtered on the mock alone and sorted here: a mock has a handful of answers, and an
    # ORDER BY in SQL tempts SQLite into walking every answer the user ever gave.
    rows = Attempt.objects.filter(mock=mock, submitted_at__isnull=False).order_by()
    for attempt in sorted(rows, key=lambda a: (a.submitted_at, a.pk)):
        if attempt.user_id == mock.user_id:
            found[attempt.question_id] = attempt
    return found


def next_item(items: list[MockItem], answers: dict[int, Attempt]) -> MockItem | None:
    return next((i for i in items if i.question_id not in answers), None)


@dataclass
class WeakPart:
    key: str
    name: str
    points: float
    max: int

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.max) if self.max else 100


@dataclass
class Row:
    item: MockItem
    attempt: Attempt | None
    time_limit: int


@dataclass
class Report:
    rows: list[Row]
    answered: int
    average: int | None
    points: float
    max_points: int
    seconds: int
    time_limit: int
    weakest: list[WeakPart]
    suggestions: list[str] = field(default_factory=list)


def report(mock: Mock) -> Report:
    items = items_of(mock)
    answers = answers_of(mock)
    rows = [Row(i, answers.get(i.question_id), knowledge.time_limit(i.question)) for i in items]
    scores = [r.attempt.score for r in rows if r.attempt and r.attempt.score is not None]
    totals: dict[str, WeakPart] = {}
    tips: list[str] = []
    for row in rows:
        feedback = (row.attempt.feedback if row.attempt else None) or {}
        tips.extend(t for t in feedback.get("suggestions") or [] if t not in tips)
        for part in feedback.get("parts") or []:
            weak = totals.setdefault(part["key"], WeakPart(part["key"], part["name"], 0.0, 0))
            weak.points += float(part.get("points") or 0)
            weak.max += int(part.get("max") or 0)
    ranked = sorted(
        (w for w in totals.values() if w.max and w.points < w.max),
        key=lambda w: (w.points / w.max, -w.max),
    )[:3]
    answered = [r for r in rows if r.attempt]
    return Report(
        rows=rows,
        answered=len(answered),
        average=round(sum(scores) / len(scores)) if scores else None,
        points=sum(scores),
        max_points=100 * len(rows),
        seconds=sum(r.attempt.duration_seconds or 0 for r in answered if r.attempt),
        time_limit=sum(r.time_limit for r in rows),
        weakest=ranked,
        suggestions=tips[:4],
    )
