"""Reads for practice: the question picker and the daily queue. Each runs a fixed number of
queries whatever the number of questions, attempts and cards (window functions pick the first
few questions per category in one statement)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Window,
)
from django.db.models.functions import Lower, RowNumber
from django.utils import timezone

from pmpath.interview.models import CATEGORIES, LEVELS, Attempt, Question, ReviewCard
from pmpath.interview.practice import due_window
from pmpath.interview.scheduling import RATING_NAMES
from pmpath.jobs.models import Interview

CATEGORY_NAMES = dict(CATEGORIES)
LEVEL_NAMES = {
    "apm": "APM",
    "pm": "PM",
    "senior_pm": "Senior PM",
    "lead_pm": "Lead PM",
    "director": "Director",
}
# Which practice categories prepare for which kind of interview round (jobs.INTERVIEW_KINDS).
KIND_CATEGORIES: dict[str, list[str]] = {
    "recruiter": ["motivation"],
    "hiring_manager": ["behavioural", "motivation"],
    "product_sense": ["product_sense"],
    "execution": ["execution"],
    "strategy": ["strategy"],
    "technical": ["technical"],
    "behavioural": ["behavioural"],
    "case": ["product_sense", "strategy", "estimation"],
    "panel": ["product_sense", "execution", "behavioural"],
    "executive": ["strategy", "motivation"],
    "other": [],
}
UPCOMING = timedelta(days=14)
RECENT = timedelta(days=30)  # "recent" for weak categories and for not repeating a question
DUE_SHOWN = 10
WEAK_CATEGORIES = 2
PER_CATEGORY = 2
PICKER_PAGE = 30
# What the queue and company prep show of a question (and order it by): its long lists
# (model points, pitfalls, follow-ups, levels, skills) are left unread.
LISTED_FIELDS = ("id", "text", "category", "difficulty", "company")


def level_filter(level: str) -> Q:
    # JSON lists are matched as text: '"pm"' matches "pm" but not "senior_pm" or "apm".
    return Q(levels__icontains=f'"{level}"') if level in LEVELS else Q()


def _practised(user: Any) -> Q:
    """Questions the user already has in the review schedule or answered recently."""
    carded = ReviewCard.objects.filter(user=user, question=OuterRef("pk"))
    # started_at, not submitted_at: it is in the (user, question, started_at) index, and with
    # submitted_at SQLite walks every answer the user gave for each question it checks.
    recent = Attempt.objects.filter(
        user=user,
        question=OuterRef("pk"),
        started_at__gte=timezone.now() - RECENT,
        submitted_at__isnull=False,
    )
    return Q(Exists(carded)) | Q(Exists(recent))


def fresh_questions(user: Any, *, level: str = "") -> QuerySet[Question]:
    """Questions the user can see and has not practised lately, suited to the level."""
    return (
        Question.objects.visible_to(user)
        .filter(level_filter(level))
        .exclude(_practised(user))
        .order_by("difficulty", "id")
    )


def first_per_category(rows: QuerySet[Question], categories: list[str], per: int) -> list[Question]:
    """The first `per` rows of each category, in one query."""
    if not categories or per < 1:
        return []
    ranked = rows.filter(category__in=categories).annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("category")],
            order_by=[F("difficulty").asc(), F("id").asc()],
        )
    )
    found = list(ranked.filter(rank__lte=per).only(*LISTED_FIELDS))
    order = {c: i for i, c in enumerate(categories)}
    return sorted(found, key=lambda q: (order[q.category], q.difficulty, q.pk))


# --- the picker ---------------------------------------------------------------------------


def picker(
    user: Any,
    *,
    category: str = "",
    skill: str = "",
    level: str = "",
    company: str = "",
    page: Any = 1,
) -> Page:
    """Questions matching the filters, the unpractised first; each on the page annotated with
    how often the user answered it, when last, and when its card is due."""
    rows = Question.objects.visible_to(user)
    if category in CATEGORY_NAMES:
        rows = rows.filter(category=category)
    if skill:
        rows = rows.filter(skills__icontains=f'"{skill}"')
    rows = rows.filter(level_filter(level))
    if company:
        rows = rows.filter(company__icontains=company)
    # Any attempt, a draft included, counts as practised here: it keeps the check on the
    # (user, question) index.
    rows = rows.annotate(
        practised=Exists(Attempt.objects.filter(user=user, question=OuterRef("pk")))
    ).order_by("practised", "category", "difficulty", "id")
    found = Paginator(rows, PICKER_PAGE).get_page(page)
    _annotate_practice(user, found.object_list)
    return found


def _annotate_practice(user: Any, questions: Any) -> None:
    """times, last_at and due_at for one page of questions, in two grouped queries."""
    questions = list(questions)
    ids = [q.pk for q in questions]
    stats = {
        row["question_id"]: row
        for row in Attempt.objects.owned_by(user)
        .filter(question_id__in=ids, submitted_at__isnull=False)
        .values("question_id")
        .annotate(times=Count("id"), last_at=Max("submitted_at"))
        .order_by()
    }
    due = dict(
        ReviewCard.objects.owned_by(user)
        .filter(question_id__in=ids)
        .values_list("question_id", "due_at")
    )
    for question in questions:
        row = stats.get(question.pk, {})
        question.times = row.get("times")  # type: ignore[attr-defined]
        question.last_at = row.get("last_at")  # type: ignore[attr-defined]
        question.due_at = due.get(question.pk)  # type: ignore[attr-defined]


# --- the daily queue ----------------------------------------------------------------------


@dataclass
class QueueItem:
    question: Question
    kind: str  # due | interview | weak | new
    reason: str
    due_at: datetime | None = None


@dataclass
class Queue:
    items: list[QueueItem]
    due_total: int
    interviews: list[Interview]
    weak: list[tuple[str, float, int]]  # (category, average score, attempts)


def upcoming_interviews(user: Any, *, now: datetime | None = None) -> list[Interview]:
    now = now or timezone.now()
    return list(
        Interview.objects.owned_by(user)
        .filter(
            starts_at__gte=now,
            starts_at__lt=now + UPCOMING,
            application__archived_at__isnull=True,
        )
        .select_related("application", "application__company")
        # The queue counts these and matches their companies' names and kinds.
        .only(
            "id",
            "kind",
            "starts_at",
            "application_id",
            "application__company_id",
            "application__company__name",
            "application__company__aliases",
        )
        .order_by("starts_at", "id")[:20]
    )


def category_averages(user: Any, *, since: datetime) -> list[tuple[str, float, int]]:
    """(category, average score, attempts) since a moment, weakest first."""
    rows = (
        Attempt.objects.owned_by(user)
        .filter(submitted_at__gte=since, score__isnull=False)
        .values("question__category")
        .annotate(avg=Avg("score"), n=Count("id"))
        .order_by("avg", "question__category")
    )
    return [(r["question__category"], float(r["avg"]), r["n"]) for r in rows]


def _company_names(interviews: list[Interview]) -> dict[str, Interview]:
    """Every name (and alias) of the interviewing companies, folded, to the first round."""
    names: dict[str, Interview] = {}
    for interview in interviews:
        company = interview.application.company
        if company is None:
            continue
        for name in [company.name, *[str(a) for a in company.aliases or []]]:
            names.setdefault(name.strip().casefold(), interview)
    return names


def company_questions(user: Any, names: list[str], *, limit: int = 6) -> list[Question]:
    if not names:
        return []
    # One IN over the lower-cased name rather than an OR of case-insensitive matches: with
    # 20 interviewing companies' names and aliases the query cost 3 ms to build.
    return list(
        Question.objects.visible_to(user)
        .alias(company_lower=Lower("company"))
        .filter(company_lower__in=sorted({name.lower() for name in names}))
        .exclude(_practised(user))
        .only(*LISTED_FIELDS)
        .order_by("difficulty", "id")[:limit]
    )


def _first_of(found: list[Question], categories: list[str], per: int) -> list[Question]:
    """The first `per` of each category among questions already in category order (as
    first_per_category returns them), in the order of `categories`."""
    order = {c: i for i, c in enumerate(categories)}
    taken: dict[str, int] = {}
    picked = []
    for question in sorted(
        (q for q in found if q.category in order),
        key=lambda q: (order[q.category], q.difficulty, q.pk),
    ):
        if taken.get(question.category, 0) < per:
            taken[question.category] = taken.get(question.category, 0) + 1
            picked.append(question)
    return picked


def due_queue(user: Any, *, level: str = "", now: datetime | None = None) -> Queue:
    """Today's practice: cards due today, then questions for the next fortnight's interviews,
    then the weakest recent categories, then (for a short queue) a first question from
    categories not yet tried."""
    now = now or timezone.now()
    end = due_window(now)
    due_rows = ReviewCard.objects.owned_by(user).filter(due_at__lt=end)
    due_total = due_rows.count()
    items: list[QueueItem] = []
    seen: set[int] = set()

    def add(question: Question, kind: str, reason: str, due: datetime | None = None) -> None:
        if question.pk not in seen:
            seen.add(question.pk)
            items.append(QueueItem(question, kind, reason, due))

    cards = (
        due_rows.select_related("question")
        .only(
            "id", "due_at", "last_rating", "question_id", *(f"question__{f}" for f in LISTED_FIELDS)
        )
        .order_by("due_at", "id")
    )
    for card in cards[:DUE_SHOWN]:
        last = RATING_NAMES.get(card.last_rating or 0)
        overdue = timezone.localdate(card.due_at) < timezone.localdate(now)
        when = f"overdue since {timezone.localtime(card.due_at):%d %b}" if overdue else "due today"
        add(card.question, "due", f"Review {when}" + (f"; last rated {last}" if last else ""))

    interviews = upcoming_interviews(user, now=now)
    names = _company_names(interviews)
    for question in company_questions(user, list(names)):
        interview = names.get(question.company.strip().casefold())
        when = f" on {timezone.localtime(interview.starts_at):%d %b}" if interview else ""
        add(question, "interview", f"Asked at {question.company}; you interview there{when}")
    kinds: dict[str, Interview] = {}
    for interview in interviews:
        for category in KIND_CATEGORIES.get(interview.kind, []):
            kinds.setdefault(category, interview)
    weak = category_averages(user, since=now - RECENT)
    weakest = [c for c, _avg, _n in weak[:WEAK_CATEGORIES]]
    tried = {c for c, _avg, _n in weak}
    untried = [c for c, _label in CATEGORIES if c not in tried]
    # One query for the first fresh questions of every category the queue may draw on.
    wanted = list(dict.fromkeys([*kinds, *weakest, *untried]))
    fresh = first_per_category(fresh_questions(user, level=level), wanted, PER_CATEGORY)
    for question in _first_of(fresh, list(kinds), PER_CATEGORY):
        interview = kinds[question.category]
        company = interview.application.company
        add(
            question,
            "interview",
            f"{interview.get_kind_display()} round"
            + (f" at {company.name}" if company else "")
            + f" on {timezone.localtime(interview.starts_at):%d %b}",
        )

    averages = {c: avg for c, avg, _n in weak}
    for question in _first_of(fresh, weakest, PER_CATEGORY):
        add(
            question,
            "weak",
            f"A weak area lately: {CATEGORY_NAMES[question.category]} averages "
            f"{averages[question.category]:.0f}",
        )

    if len(items) < 3:
        for question in _first_of(fresh, untried, 1)[:3]:
            add(question, "new", f"New to you: start on {CATEGORY_NAMES[question.category]}")
    return Queue(items, due_total, interviews, weak)


def last_practised(user: Any, question: Question) -> datetime | None:
    return (  # type: ignore[no-any-return]
        Attempt.objects.owned_by(user)
        .filter(question=question, submitted_at__isnull=False)
        .aggregate(last=Max("submitted_at"))["last"]
    )


def card_for(user: Any, question: Question) -> ReviewCard | None:
    return ReviewCard.objects.owned_by(user).filter(question=question).first()


def history(user: Any, question: Question, *, limit: int = 5) -> list[Attempt]:
    """The user's latest submitted answers to one question."""
    return list(
        Attempt.objects.owned_by(user)
        .filter(question=question, submitted_at__isnull=False)
        # In order of starting (an answer is submitted after it is started), so the
        # (user, question, started_at) index serves it: ordered by submission, SQLite walked
        # every answer of the user's (20 ms at 10,000).
        .order_by("-started_at", "-id")
        .only("id", "submitted_at", "score", "rating", "duration_seconds", "mock_id")[:limit]
    )
