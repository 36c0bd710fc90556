"""Reads for companies and research briefs. Completeness is counted in SQL, for a whole page
of cards or companies in one query, so no page reads a brief per row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, IntegerField, QuerySet
from django.db.models.expressions import RawSQL

from pmpath.jobs.models import Application, Company, ResearchBrief

COMPANY_APPLICATIONS_SHOWN = 50


def percent(filled: int) -> int:
    return round(100 * filled / len(ResearchBrief.FIELDS))


def _filled() -> Any:
    """How many of a brief's sections have text (the services store them trimmed). Written
    as SQL once: resolving nine Case expressions on every page cost more than the query."""
    return RawSQL(_FILLED_SQL, (), output_field=IntegerField())


_FILLED_SQL = (
    "("
    + " + ".join(f"CASE WHEN {name} = '' THEN 0 ELSE 1 END" for name in ResearchBrief.FIELDS)
    + ")"
)


def completeness_by_company(user: Any, company_ids: Iterable[int | None]) -> dict[int, int]:
    """Brief completeness (0-100) for each of these companies that has a brief; one query."""
    ids = {pk for pk in company_ids if pk}
    if not ids:
        return {}
    rows = (
        ResearchBrief.objects.owned_by(user)
        .filter(company_id__in=ids)
        .annotate(filled=_filled())
        .values_list("company_id", "filled")
    )
    return {company_id: percent(filled) for company_id, filled in rows}


def attach_completeness(user: Any, applications: Iterable[Application]) -> None:
    """Set `brief_completeness` on each application: its company's brief in percent, 0 when
    there is no brief yet, None when the application names no company."""
    applications = list(applications)
    found = completeness_by_company(user, (a.company_id for a in applications))
    for application in applications:
        application.brief_completeness = (  # type: ignore[attr-defined]
            found.get(application.company_id, 0) if application.company_id else None
        )


def companies(user: Any, *, search: str = "") -> QuerySet[Company]:
    rows = Company.objects.owned_by(user)
    if search:
        rows = rows.filter(name__icontains=search)
    return rows.order_by("name", "id")


def annotate_companies(user: Any, page: Iterable[Company]) -> None:
    """Open applications and brief completeness for a page of companies, in two queries."""
    page = list(page)
    ids = [c.pk for c in page]
    open_counts = dict(
        Application.objects.owned_by(user)
        .filter(company_id__in=ids, archived_at__isnull=True, stage__outcome="open")
        .values_list("company_id")
        .annotate(n=Count("id"))
        .values_list("company_id", "n")
    )
    briefs = completeness_by_company(user, ids) if ids else {}
    for company in page:
        company.open_applications = open_counts.get(company.pk, 0)  # type: ignore[attr-defined]
        company.brief_completeness = briefs.get(company.pk)  # type: ignore[attr-defined]


def brief_for(user: Any, company: Company) -> ResearchBrief:
    """The company's brief, or a blank unsaved one: opening the page writes nothing."""
    found = ResearchBrief.objects.owned_by(user).filter(company=company).first()
    return found or ResearchBrief(user=user, company=company)


def company_applications(user: Any, company: Company) -> list[Application]:
    """The newest applications at this company, bounded."""
    return list(
        Application.objects.owned_by(user)
        .filter(company=company)
        .select_related("stage")
        .order_by(F("archived_at").asc(nulls_first=True), "-stage_changed_at", "-id")[
            :COMPANY_APPLICATIONS_SHOWN
        ]
    )
