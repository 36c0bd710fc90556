"""Reads for the portfolio: each a constant number of queries whatever the data size."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from pmpath.career import queries as career
from pmpath.core.models import get_owned_or_404
from pmpath.portfolio.checks import CaseText, Report, check
from pmpath.portfolio.models import Attachment, CaseStudy, PublicLink
from pmpath.portfolio.sections import KEYS

LIST_FIELDS = (
    "id", "user_id", "title", "slug", "summary", "company", "period", "skills", "order",
    "published", "updated_at",
)  # fmt: skip
TEXT_FIELDS = ("title", "summary", *KEYS)


def case_studies(user: Any) -> QuerySet[CaseStudy]:
    return CaseStudy.objects.owned_by(user)


@dataclass(frozen=True)
class Row:
    case: CaseStudy
    images: int
    report: Report


def portfolio(user: Any) -> list[Row]:
    """The index: every case study in the candidate's order, with its image count and checks.
    One query for the list, and one more only for case studies whose checks are not cached."""
    # Meta.ordering does not apply to a query with GROUP BY: say it again.
    cases = list(
        case_studies(user)
        .only(*LIST_FIELDS)
        .annotate(images=Count("attachments"))
        .order_by("order", "-updated_at", "id")
    )
    reports = reports_for(user, cases)
    # A case study deleted between the two queries has no report: leave it out.
    return [Row(c, c.images, reports[c.pk]) for c in cases if c.pk in reports]  # type: ignore[attr-defined]


def case_study_for_page(user: Any, pk: int) -> CaseStudy:
    """A case study with its images (two queries)."""
    rows = case_studies(user).prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("order", "id"))
    )
    return get_owned_or_404(rows, user, pk=pk)


def published(user: Any) -> list[CaseStudy]:
    """What the exports and the public link show: published case studies with their images."""
    return list(
        case_studies(user)
        .filter(published=True)
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("order", "id"))
        )
    )


def published_count(user: Any) -> int:
    return case_studies(user).filter(published=True).count()


def published_list(user: Any) -> list[CaseStudy]:
    """The public index: published case studies, without their text."""
    return list(
        case_studies(user)
        .filter(published=True)
        .only("id", "title", "slug", "summary", "company", "period", "order", "updated_at")
    )


def published_case(user: Any, slug: str) -> CaseStudy | None:
    return (
        case_studies(user)
        .filter(published=True, slug=slug)
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("order", "id"))
        )
        .first()
    )


def text_of(case: CaseStudy) -> CaseText:
    return CaseText(**{name: getattr(case, name) or "" for name in TEXT_FIELDS})


def report(case: CaseStudy) -> Report:
    return _cached(case.pk, case.updated_at, lambda: check(text_of(case)))


def skill_names() -> dict[str, str]:
    return {c.key: c.name for c in career.competencies()}


def skill_choices() -> list[tuple[str, str]]:
    return [(c.key, c.name) for c in career.competencies()]


def active_link(user: Any) -> PublicLink | None:
    return PublicLink.objects.owned_by(user).filter(revoked_at__isnull=True).first()


def link_for_token(token: str) -> PublicLink | None:
    """The live link with this token, with its owner; None for an unknown or revoked one."""
    if not token or len(token) > 64:
        return None
    return (
        PublicLink.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def public_attachment(link: PublicLink, pk: int) -> Attachment | None:
    """An image the public link may show: its owner's, on a published case study."""
    return (
        Attachment.objects.filter(pk=pk, user_id=link.user_id, case_study__published=True)
        .only("id", "image", "user_id")
        .first()
    )


# --- the checks cache -------------------------------------------------------------------------
# Checking a case study reads all its words; the index shows the checks of every case study
# (200 for the heavy user). A case study's report depends only on its text, and its text
# changes only with updated_at, so reports are kept per (id, updated_at) in this process.

_CACHE_SIZE = 5000
_reports: OrderedDict[tuple[int, Any], Report] = OrderedDict()
_lock = threading.Lock()


def _cached(pk: int, updated_at: Any, compute: Any) -> Report:
    key = (pk, updated_at)
    with _lock:
        hit = _reports.get(key)
        if hit is not None:
            _reports.move_to_end(key)
            return hit
    value: Report = compute()
    with _lock:
        _reports[key] = value
        while len(_reports) > _CACHE_SIZE:
            _reports.popitem(last=False)
    return value


def reports_for(user: Any, cases: Sequence[CaseStudy]) -> dict[int, Report]:
    """Reports for case studies loaded without their text: cached ones at once, the rest from
    one query for their text."""
    found: dict[int, Report] = {}
    missing: dict[int, Any] = {}
    with _lock:
        for case in cases:
            hit = _reports.get((case.pk, case.updated_at))
            if hit is not None:
                found[case.pk] = hit
            else:
                missing[case.pk] = case.updated_at
    if missing:
        rows = (
            case_studies(user).filter(pk__in=list(missing)).only("id", "updated_at", *TEXT_FIELDS)
        )
        for full in rows:
            found[full.pk] = _cached(full.pk, missing[full.pk], lambda c=full: check(text_of(c)))
    return found


def clear_report_cache() -> None:
    with _lock:
        _reports.clear()
