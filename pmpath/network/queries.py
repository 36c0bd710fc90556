"""Reads for the networking CRM: each a constant number of queries whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from pmpath.network.models import Contact

DUE_LIST_LIMIT = 20


@dataclass
class DueLists:
    overdue: list[Contact]
    this_week: list[Contact]
    overdue_total: int
    this_week_total: int


def due(user: Any, *, today: date | None = None, limit: int = DUE_LIST_LIMIT) -> DueLists:
    """Who to get back in touch with: overdue (before today) and due in the next 7 days."""
    today = today or timezone.localdate()
    week = today + timedelta(days=7)
    rows = Contact.objects.owned_by(user).select_related("company")
    totals = rows.aggregate(
        overdue=Count("id", filter=Q(next_due_on__lt=today)),
        week=Count("id", filter=Q(next_due_on__gte=today, next_due_on__lte=week)),
    )
    overdue = list(rows.filter(next_due_on__lt=today).order_by("next_due_on", "id")[:limit])
    soon = list(
        rows.filter(next_due_on__gte=today, next_due_on__lte=week).order_by("next_due_on", "id")[
            :limit
        ]
    )
    return DueLists(overdue, soon, totals["overdue"], totals["week"])


def contacts(user: Any) -> QuerySet[Contact]:
    return Contact.objects.owned_by(user).select_related("company")


def counts(user: Any) -> dict[str, int]:
    from pmpath.network.models import Event, Group, Interaction

    return {
        "contacts": Contact.objects.owned_by(user).count(),
        "interactions": Interaction.objects.owned_by(user).count(),
        "events": Event.objects.owned_by(user).count(),
        "groups": Group.objects.owned_by(user).count(),
    }


def import_runs(user: Any, *, limit: int = 20) -> list[Any]:
    """The latest imports, newest first, for the import page's history."""
    from pmpath.network.models import ImportRun

    return list(ImportRun.objects.owned_by(user).order_by("-created_at", "-id")[:limit])
