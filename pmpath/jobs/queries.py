"""Reads for the jobs area. Every list reads a bounded page of rows in a fixed number of
queries, whatever the number of applications or postings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from pmpath.jobs.models import Application, Posting, Stage, StageChange
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
    """The Kanban board: each stage with its first cards and its total, in three queries."""
    stages = ensure_stages(user)
    live = Application.objects.owned_by(user).filter(archived_at__isnull=True)
    totals = dict(live.values_list("stage").annotate(n=Count("id")).values_list("stage", "n"))
    ranked = (
        live.select_related("company")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("stage_id")],
                order_by=[F("position").asc(), F("stage_changed_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=per_stage)
        .order_by("stage_id", "rank")
    )
    cards: dict[int, list[Application]] = {s.pk: [] for s in stages}
    for application in ranked:
        cards.setdefault(application.stage_id, []).append(application)
    return [Column(s, cards.get(s.pk, []), totals.get(s.pk, 0)) for s in stages]


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
    rows = Application.objects.owned_by(user).select_related("company", "stage", "posting")
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
        .filter(archived=False)
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
