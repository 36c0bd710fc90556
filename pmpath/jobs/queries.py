"""Reads for the jobs area. Every list reads a bounded page of rows in a fixed number of
queries, whatever the number of applications or postings."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
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
    Subquery,
)

from pmpath.jobs.funnel import Funnel, Journey, Move, StageInfo, compute
from pmpath.jobs.models import Application, Posting, Stage, StageChange
from pmpath.jobs.research_queries import attach_completeness
from pmpath.jobs.services import ensure_stages

BOARD_CARDS_PER_STAGE = 25
PAGE_SIZE = 50


@dataclass(slots=True)
class CardCompany:
    """The little of a company a board card shows (and the warm-contact marks match on)."""

    pk: int
    name: str
    aliases: list[str]


@dataclass(slots=True)
class Card:
    """One application on the board: just what its card shows. Plain rows instead of model
    instances: building 200 applications and their companies cost ten times the SQL."""

    pk: int
    role_title: str
    company_id: int | None
    company: CardCompany | None
    stage_id: int
    next_action: str
    next_action_due: date | None
    brief_completeness: int | None = None


@dataclass
class Column:
    stage: Stage
    cards: list[Card]
    total: int

    @property
    def hidden(self) -> int:
        return self.total - len(self.cards)


_USER, _STAGE = -7_000_001, -7_000_002  # stand-ins, replaced by the real ids on each run
_card_sql: dict[str, tuple[str, list[Any]]] = {}


def _column_sql(alias: str) -> tuple[str, list[Any]]:
    """One column's cards as SQL, compiled by the ORM once per process (with stand-in ids):
    compiling the same query for every column cost more than running them all."""
    if alias not in _card_sql:
        rows = (
            Application.objects.filter(user_id=_USER, archived_at__isnull=True, stage_id=_STAGE)
            .order_by("position", "-stage_changed_at", "-id")
            .values_list(
                "id",
                "role_title",
                "company_id",
                "company__name",
                "company__aliases",
                "stage_id",
                "next_action",
                "next_action_due",
            )
        )
        sql, params = rows.query.get_compiler(alias).as_sql()
        _card_sql[alias] = (f"{sql} LIMIT %s", list(params))
    return _card_sql[alias]


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def board(user: Any, *, per_stage: int = BOARD_CARDS_PER_STAGE) -> list[Column]:
    """The Kanban board: each stage with its first cards and its total, and each card's
    research-brief completeness. Each column is a short indexed LIMIT query (much cheaper
    than ranking every application with a window function), all of them sent as one
    UNION ALL: three statements whatever the number of stages or applications."""
    stages = ensure_stages(user)
    live = Application.objects.owned_by(user).filter(archived_at__isnull=True)
    totals = dict(live.values_list("stage").annotate(n=Count("id")).values_list("stage", "n"))
    filled = [s.pk for s in stages if totals.get(s.pk)]
    by_stage: dict[int, list[Card]] = {pk: [] for pk in filled}
    if filled:
        alias = live.db
        one, template = _column_sql(alias)
        sql = " UNION ALL ".join(f"SELECT * FROM ({one}) AS c{i}" for i in range(len(filled)))
        stand_in = {_USER: user.pk}
        params: list[Any] = []
        for stage_id in filled:
            stand_in[_STAGE] = stage_id
            params += [stand_in.get(p, p) if type(p) is int else p for p in template]
            params.append(per_stage)
        companies: dict[int, CardCompany] = {}
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            for pk, title, company_id, name, aliases, stage_id, action, due in cursor.fetchall():
                company = None
                if company_id is not None:
                    company = companies.get(company_id)
                    if company is None:
                        if isinstance(aliases, str):
                            aliases = json.loads(aliases)
                        company = CardCompany(company_id, name, aliases or [])
                        companies[company_id] = company
                card = Card(pk, title, company_id, company, stage_id, action, _day(due))
                by_stage[stage_id].append(card)
    columns = [Column(s, by_stage.get(s.pk, []), totals.get(s.pk, 0)) for s in stages]
    attach_completeness(user, [c for column in columns for c in column.cards])  # one query
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


def paginate_by_id(
    rows: QuerySet, page: Any, size: int = PAGE_SIZE, *, related: tuple[str, ...] = ()
) -> Page:
    """A page of rows read in two steps: the page's ids in order, then those rows (with
    `related` joined). Sorting only ids and sort keys (from an index) is what makes a late
    page cheap: sorting whole rows read and carried every row before the offset (14 ms at
    page 20 of 9,000). The second read is by primary key alone: repeating the filters let
    SQLite walk a (user, ...) index over every row instead."""
    found = Paginator(rows.values_list("pk", flat=True), size).get_page(page)
    ids = list(found.object_list)
    fetch = rows.model._default_manager.filter(pk__in=ids).select_related(*related)
    by_id = {row.pk: row for row in fetch.order_by()} if ids else {}
    found.object_list = [by_id[pk] for pk in ids if pk in by_id]
    return found


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
    # One statement, each part from its own index: joining every move to its application
    # to find the last one cost 18 ms at 10,000 applications.
    last_move = StageChange.objects.owned_by(user).order_by("-id").values("id")[:1]
    state = Application.objects.owned_by(user).aggregate(
        rows=Count("id"), changed=Max("updated_at"), moves=Max(Subquery(last_move))
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
