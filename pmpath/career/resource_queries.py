"""Reads for the learning catalogue and enrolments. A person sees the shared catalogue (shipped
and admin-added resources) plus their own additions, never another person's."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404

from pmpath.career import queries
from pmpath.career.models import Enrolment, Resource
from pmpath.career.resource_transfer import COLUMNS, KINDS
from pmpath.core.models import get_owned_or_404

PAGE_SIZE = 50
COSTS = (("free", "Free"), ("paid", "Paid or price varies"))
SOURCES = (("shared", "The shared catalogue"), ("mine", "Added by me"))


@dataclass(frozen=True)
class Filters:
    q: str = ""
    skill: str = ""
    kind: str = ""
    level: str = ""
    cost: str = ""  # "free" | "paid" | ""
    source: str = ""  # "shared" | "mine" | ""

    @property
    def active(self) -> bool:
        return any((self.q, self.skill, self.kind, self.level, self.cost, self.source))


def labels() -> dict[str, dict[str, str]]:
    """Short level names, full level names and skill names by key, for showing resources."""
    ladder = queries.ladder()
    return {
        "levels": {lv["key"]: lv["short"] for lv in ladder["levels"]},
        "level_names": {lv["key"]: lv["name"] for lv in ladder["levels"]},
        "skills": {c["key"]: c["name"] for c in ladder["competencies"]},
    }


ONGOING_KINDS = ("podcast", "newsletter", "community", "article")


def cost_text(cost: Decimal | None, currency: str) -> str:
    if cost is None:
        return "Price varies"
    if cost == 0:
        return "Free"
    amount = f"{int(cost):,}" if cost == cost.to_integral_value() else f"{cost:,.2f}"
    return f"{amount} {currency}".strip()


def hours_text(hours: Decimal | None, kind: str) -> str:
    if hours is None:
        return "Ongoing" if kind in ONGOING_KINDS else "—"
    return f"about {int(hours) if hours == hours.to_integral_value() else hours} h"


def decorate(resources: Iterable[Resource], names: dict[str, dict[str, str]]) -> None:
    """Give each resource the texts pages show (cost, time, levels, skills), worked out once
    here rather than in template macros, which cost several times more per row."""
    for r in resources:
        r.cost_text = cost_text(r.cost, r.currency)  # type: ignore[attr-defined]
        r.hours_text = hours_text(r.hours, r.kind)  # type: ignore[attr-defined]
        levels = r.levels or []
        r.levels_text = (  # type: ignore[attr-defined]
            ", ".join(names["levels"].get(k, k) for k in levels) if levels else "Any level"
        )
        r.levels_title = ", ".join(names["level_names"].get(k, k) for k in levels)  # type: ignore[attr-defined]
        r.skills_text = ", ".join(names["skills"].get(k, k) for k in r.skills or [])  # type: ignore[attr-defined]


def _listed(field: str, key: str) -> Q:
    # JSON lists are matched as text: '"pm"' matches "pm" but not "senior_pm" or "apm".
    return Q(**{f"{field}__icontains": f'"{key}"'})


def catalogue(user: Any, filters: Filters = Filters()) -> QuerySet[Resource]:
    """The resources `user` may see, narrowed by the filters; unknown filter values are
    ignored (the form shows only known ones)."""
    rows = Resource.objects.visible_to(user)
    if filters.q:
        text = filters.q.strip()
        rows = rows.filter(
            Q(name__icontains=text) | Q(provider__icontains=text) | Q(description__icontains=text)
        )
    if filters.skill:
        rows = rows.filter(_listed("skills", filters.skill))
    if filters.level:
        rows = rows.filter(_listed("levels", filters.level))
    if filters.kind in KINDS:
        rows = rows.filter(kind=filters.kind)
    if filters.cost == "free":
        rows = rows.filter(cost=0)
    elif filters.cost == "paid":
        rows = rows.filter(Q(cost__gt=0) | Q(cost__isnull=True))
    if filters.source == "shared":
        rows = rows.filter(owner__isnull=True)
    elif filters.source == "mine":
        rows = rows.filter(owner=user) if getattr(user, "is_authenticated", False) else rows.none()
    return rows.order_by("name", "id")


def paginate(rows: QuerySet[Resource], page: Any) -> Page:
    return Paginator(rows, PAGE_SIZE).get_page(page)


def visible_or_404(user: Any, pk: Any) -> Resource:
    try:
        return Resource.objects.visible_to(user).get(pk=pk)
    except (Resource.DoesNotExist, ValueError, TypeError):
        raise Http404("No resource here.") from None


def can_edit(user: Any, resource: Resource) -> bool:
    """Your own resources, and for instance admins the shared ones."""
    if not getattr(user, "is_authenticated", False):
        return False
    if resource.owner_id is None:
        return bool(user.is_staff)
    return bool(resource.owner_id == user.pk)


def editable_or_404(user: Any, pk: Any) -> Resource:
    resource = visible_or_404(user, pk)
    if not can_edit(user, resource):
        raise Http404("No resource here.")
    return resource


def enrolment_map(user: Any, resource_ids: list[int]) -> dict[int, Enrolment]:
    """The user's enrolments in these resources, by resource id (one query)."""
    if not resource_ids:
        return {}
    rows = Enrolment.objects.owned_by(user).filter(resource_id__in=resource_ids)
    return {e.resource_id: e for e in rows}


def enrolment_or_404(user: Any, pk: Any) -> Enrolment:
    return get_owned_or_404(Enrolment.objects.select_related("resource"), user, pk=pk)


def enrolment_for(user: Any, resource: Resource) -> Enrolment | None:
    return Enrolment.objects.owned_by(user).filter(resource=resource).first()


def others_enrolled(user: Any, resource: Resource) -> int:
    """How many other people are enrolled: a shared resource they rely on is not deleted."""
    return Enrolment.objects.filter(resource=resource).exclude(user=user).count()


# --- export -------------------------------------------------------------------------------


def export_rows(user: Any | None, *, scope: str = "all") -> Iterator[dict[str, Any]]:
    """Resources as plain dicts in the file's columns. `user` None: the shared catalogue.
    With a user: "all" they see, or only "mine" (their own additions)."""
    if user is None:
        rows = Resource.objects.filter(owner__isnull=True)
    elif scope == "mine":
        rows = Resource.objects.filter(owner=user)
    else:
        rows = Resource.objects.visible_to(user)
    yield from rows.order_by("name", "id").values(*COLUMNS).iterator(chunk_size=2000)
