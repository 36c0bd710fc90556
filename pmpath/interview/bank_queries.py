"""Reads for the question bank pages. Each runs a fixed number of queries whatever the number
of questions and attempts: the page's rows, their count, and one grouped query for the user's
own practice numbers on just those rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Max, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from pmpath.interview import transfer
from pmpath.interview.models import CATEGORIES, LEVELS, Attempt, Question

PAGE_SIZE = 50
# What the list shows: the long JSON lists stay unread.
LIST_FIELDS = ("id", "owner_id", "text", "category", "difficulty", "levels", "company")
CATEGORY_NAMES = dict(CATEGORIES)
LEVEL_NAMES = {
    "apm": "APM",
    "pm": "PM",
    "senior_pm": "Senior PM",
    "lead_pm": "Lead PM",
    "director": "Director",
}
SKILL_NAMES = {
    "communication": "Communication",
    "strategic_thinking": "Strategic thinking",
    "technical_knowledge": "Technical knowledge",
    "project_management": "Project management",
    "customer_focus": "Customer focus",
    "leadership": "Leadership",
}
THEME_NAMES = {
    "conflict": "Conflict",
    "failure": "Failure",
    "feedback": "Feedback",
    "influence": "Influence without authority",
    "ambiguity": "Ambiguity",
    "prioritisation": "Prioritisation",
    "leadership": "Leading a team",
    "customer": "Customer obsession",
    "data": "Data-driven decisions",
    "stakeholder": "Stakeholder management",
}
SOURCES = {"shipped": "The shipped bank", "mine": "My own questions"}


def _in_list(field: str, value: str) -> Q:
    # JSON lists are matched as text on every database: '"pm"' matches "pm" but not
    # "senior_pm" or "apm".
    return Q(**{f"{field}__icontains": f'"{value}"'})


def questions(
    user: Any,
    *,
    category: str = "",
    level: str = "",
    skill: str = "",
    theme: str = "",
    difficulty: int | None = None,
    company: str = "",
    source: str = "",
    search: str = "",
) -> QuerySet[Question]:
    rows = Question.objects.visible_to(user)
    if category in CATEGORY_NAMES:
        rows = rows.filter(category=category)
    if level in LEVELS:
        rows = rows.filter(_in_list("levels", level))
    if skill in SKILL_NAMES:
        rows = rows.filter(_in_list("skills", skill))
    if theme in THEME_NAMES:
        rows = rows.filter(_in_list("themes", theme))
    if difficulty in (1, 2, 3):
        rows = rows.filter(difficulty=difficulty)
    if company:
        rows = rows.filter(company__iexact=company)
    if source == "shipped":
        rows = rows.filter(owner__isnull=True)
    elif source == "mine":
        rows = rows.filter(owner=user)
    for word in search.split()[:8]:
        rows = rows.filter(text__icontains=word)
    return rows.order_by("category", "difficulty", "id")


def paginate(rows: QuerySet[Question], page: Any) -> Page:
    return Paginator(rows, PAGE_SIZE).get_page(page)


@dataclass(frozen=True)
class Practice:
    attempts: int
    last_score: int | None
    last_at: datetime | None


def practice_for(user: Any, question_ids: list[int]) -> dict[int, Practice]:
    """The user's submitted attempts per question (count, latest score, latest time), for the
    given questions only, in one query: window functions count each question's answers and pick
    the latest. "Latest" is by start time, the order of the (user, question) index, so SQLite
    reads just these questions' rows whatever the plan's statistics say."""
    if not question_ids or not getattr(user, "is_authenticated", False):
        return {}
    latest_first = [F("started_at").desc(), F("id").desc()]
    rows = (
        Attempt.objects.filter(user=user, question_id__in=question_ids, submitted_at__isnull=False)
        .order_by()
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("question_id")], order_by=latest_first),
            n=Window(Count("id"), partition_by=[F("question_id")]),
        )
        .filter(rank=1)
        .values_list("question_id", "n", "score", "submitted_at")
    )
    return {qid: Practice(n, score, at) for qid, n, score, at in rows}


def companies(user: Any) -> list[str]:
    """Company names on questions the user can see, for the filter."""
    names = (
        Question.objects.visible_to(user)
        .exclude(company="")
        .order_by("company")
        .values_list("company", flat=True)
        .distinct()
    )
    return sorted(set(names), key=str.casefold)


def visible_question(user: Any, pk: int) -> Question:
    """A shipped question or one of the user's own; 404 for anything else, anonymous included."""
    if not getattr(user, "is_authenticated", False):
        raise Http404("No question here.")
    found = Question.objects.visible_to(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No question here.")
    return found


def own_question(user: Any, pk: int) -> Question:
    """One of the user's own questions; shipped questions and other people's are a 404."""
    if not getattr(user, "is_authenticated", False):
        raise Http404("No question here.")
    found = Question.objects.filter(owner=user, pk=pk).first()
    if found is None:
        raise Http404("No question here.")
    return found


def own_count(user: Any) -> int:
    return Question.objects.filter(owner=user).count()


def exportable(user: Any, *, own_only: bool = False) -> QuerySet[Question]:
    """What an export holds: everything the user can see, or only their own questions."""
    if own_only:
        signed_in = getattr(user, "is_authenticated", False)
        rows = Question.objects.filter(owner=user) if signed_in else Question.objects.none()
    else:
        rows = Question.objects.visible_to(user)
    return rows.order_by("category", "difficulty", "id")


def export_rows(user: Any, *, own_only: bool = False) -> list[dict[str, Any]]:
    """The exported columns of every exportable question, as plain dicts (no model
    instances: 1,000 questions read in about half the time)."""
    return list(exportable(user, own_only=own_only).values(*transfer.COLUMNS))


def export_stamp(user: Any, *, own_only: bool = False) -> tuple[Any, ...]:
    """What an export's content depends on, in one aggregate over the same rows: a question
    added, deleted or edited (edits and the seed's updates set updated_at) moves it."""
    found = (
        exportable(user, own_only=own_only)
        .order_by()
        .aggregate(count=Count("id"), last=Max("id"), changed=Max("updated_at"))
    )
    return found["count"], found["last"], found["changed"]
