"""Reads for the jobs area. Every list reads a bounded page of rows in a fixed number of
queries, whatever the number of applications or postings."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Max,
    Q,
    QuerySet,
)

from pmpath.jobs.funnel import Funnel, Journey, Move, StageInfo, compute
from pmpath.jobs.models import Application, Posting, Stage, StageChange
from pmpath.jobs.research_queries import attach_completeness
from pmpath.jobs.services import ensure_stages

BOARD_CARDS_PER_STAGE = 25
PAGE_SIZE = 50


@dataclass
class Column:
    stage: Stage
    cards: list[Application]
    total: int

    @property
    def hidden(self) -> int:
        return self.total - len(self.cards)


def board(user: Any, *, per_stage: int = BOARD_CARDS_PER_STAGE) -> list[Column]:
    """The Kanban board: each stage with its first cards and its total, and each card's
    research-brief completeness. One short indexed query per stage (a user has a handful) is
    much cheaper than ranking every application with a window function: the count of
    statements depends on the stages, never on the number of applications."""
    stages = ensure_stages(user)
    live = Application.objects.owned_by(user).filter(archived_at__isnull=True)
    totals = dict(live.values_list("stage").annotate(n=Count("id")).values_list("stage", "n"))
    columns = []
    shown: list[Application] = []
    for stage in stages:
        cards = []
        if totals.get(stage.pk):
            cards = list(
                live.filter(stage=stage)
                .select_related("company")
                .order_by("position", "-stage_changed_at", "-id")[:per_stage]
            )
        shown.extend(cards)
        columns.append(Column(stage, cards, totals.get(stage.pk, 0)))
    attach_completeness(user, shown)  # one query for every card's research brief
    return columns


SORTS = {
    "updated": ("-stage_changed_at", "-id"),
    "role": ("role_title", "id"),
    "company": ("company__name", "role_title", "id"),
    "stage": ("stage__order", "-stage_changed_at", "-id"),
    "applied": ("-applied_on", "-id"),
    "due": ("next_action_due", "id"),
}


def applications(
    user: Any,
    *,
    stage_id: int | None = None,
    search: str = "",
    sort: str = "updated",
    archived: bool = False,
) -> QuerySet[Application]:
    # Nothing on a row shows the posting (only its id), and joining it pulled 100,000 wide
    # posting rows into the plan on PostgreSQL.
    rows = Application.objects.owned_by(user).select_related("company", "stage")
    rows = rows.filter(archived_at__isnull=not archived)
    if stage_id:
        rows = rows.filter(stage_id=stage_id)
    if search:
        rows = rows.filter(Q(role_title__icontains=search) | Q(company__name__icontains=search))
    return rows.order_by(*SORTS.get(sort, SORTS["updated"]))


def paginate(rows: QuerySet, page: Any, size: int = PAGE_SIZE) -> Page:
    return Paginator(rows, size).get_page(page)


def history(application: Application) -> list[StageChange]:
    return list(
        StageChange.objects.filter(application=application)
        .select_related("from_stage", "to_stage")
        .order_by("changed_at", "id")
    )


def postings(
    user: Any,
    *,
    family: str = "",
    level: str = "",
    workplace: str = "",
    search: str = "",
) -> QuerySet[Posting]:
    rows = (
        Posting.objects.owned_by(user)
        # "archived IN (0)" lets SQLite walk the posting_list index in page order; the
        # "NOT archived" that archived=False becomes does not (90 ms at 100,000 postings).
        .filter(archived__in=[False])
        .select_related("company")
        .defer("description_html", "description_text")
    )
    if family:
        rows = rows.filter(family=family)
    if level:
        rows = rows.filter(level=level)
    if workplace:
        rows = rows.filter(workplace=workplace)
    if search:
        rows = rows.filter(Q(title__icontains=search) | Q(company__name__icontains=search))
    # SQLite already sorts NULLs last in a descending order, and saying NULLS LAST there stops
    # it from walking the posting_list index (100,000 postings sorted per page, 90 ms).
    if connections[rows.db].vendor == "sqlite":
        return rows.order_by("-posted_on", "-id")
    return rows.order_by(F("posted_on").desc(nulls_last=True), "-id")


def pipeline_counts(user: Any) -> list[tuple[Stage, int]]:
    stages = ensure_stages(user)
    counts = dict(
        Application.objects.owned_by(user)
        .filter(archived_at__isnull=True)
        .values_list("stage")
        .annotate(n=Count("id"))
        .values_list("stage", "n")
    )
    return [(s, counts.get(s.pk, 0)) for s in stages]


def stage_usage(user: Any) -> list[tuple[Stage, int]]:
    """Each stage with every application in it, archived ones too: they keep it in use."""
    stages = ensure_stages(user)
    held = dict(
        Application.objects.owned_by(user)
        .values_list("stage")
        .annotate(n=Count("id"))
        .values_list("stage", "n")
    )
    return [(s, held.get(s.pk, 0)) for s in stages]


# --- the funnel ---------------------------------------------------------------------------


class _Epoch(Func):
    """A datetime column as seconds since the epoch. Reading 20,000 numbers is three times
    faster than building 20,000 datetime objects, and the funnel only needs differences."""

    output_field = FloatField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "((julianday(%(expressions)s) - 2440587.5) * 86400.0)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "EXTRACT(EPOCH FROM %(expressions)s)::float8"
        return self.as_sql(compiler, connection, template=template, **extra)


def _cursor_rows(rows: QuerySet) -> Iterator[tuple[Any, ...]]:
    """The queryset's rows straight from the database cursor, skipping Django's per-row
    converters: for 30,000 plain numbers and strings they cost more than the query itself."""
    sql, params = rows.query.sql_with_params()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(2000):
            yield from batch


def _journeys(user: Any) -> Iterator[Journey]:
    """Each application with its moves, merging two streams sorted by application id, so
    only one application's moves are held at a time (few long-lived objects, little GC)."""
    changes = _cursor_rows(
        StageChange.objects.owned_by(user)
        .annotate(at=_Epoch("changed_at"))
        .order_by("application_id", "changed_at", "id")
        .values_list("application_id", "to_stage_id", "at")
    )
    applications = _cursor_rows(
        Application.objects.owned_by(user)
        .annotate(sent=ExpressionWrapper(Q(applied_on__isnull=False), BooleanField()))
        .order_by("id")
        .values_list("id", "stage_id", "source", "sent")
    )
    change = next(changes, None)
    for pk, stage_id, source, sent in applications:
        moves = []
        while change is not None and change[0] <= pk:
            if change[0] == pk:
                moves.append(Move(change[1], change[2]))
            change = next(changes, None)
        yield Journey(pk, moves, stage_id, source, bool(sent))


def funnel(user: Any) -> Funnel:
    """The person's funnel over every application, archived ones included (they are part of
    the search's history), in three queries whatever the number of applications."""
    stages = ensure_stages(user)
    # The first closed stage in the person's order is the company's "no" (Rejected by
    # default); later closed ones (Withdrawn) are the candidate's own choice.
    rejection = next((s.pk for s in stages if s.outcome == "lost"), None)
    infos = [StageInfo(s.pk, s.name, s.outcome) for s in stages]
    # Reading every move of a year-long search costs tens of milliseconds; the result only
    # changes when an application or a move does, so it is kept under a fingerprint of both.
    state = Application.objects.owned_by(user).aggregate(
        rows=Count("id"), changed=Max("updated_at"), moves=Max("history__id")
    )
    fingerprint = hashlib.sha256(
        repr((state["rows"], state["changed"], state["moves"], infos)).encode()
    ).hexdigest()[:16]
    key = f"pmpath:funnel:{user.pk}:{fingerprint}"
    found = cache.get(key)
    if found is None:
        found = compute(
            infos, _journeys(user), rejection_stage_ids=[rejection] if rejection else []
        )
        cache.set(key, found, 60 * 60)
    return found
