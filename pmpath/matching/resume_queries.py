"""Reads for the resume pages: the profile (never created by a read), its versions, and the
postings a version can be tailored for."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator

from pmpath.core.models import get_owned_or_404
from pmpath.matching.models import Resume, ResumeVersion

RECENT_VERSIONS = 5
VERSIONS_PER_PAGE = 50
POSTING_CHOICES = 40


def resume_of(user: Any) -> Resume | None:
    return Resume.objects.owned_by(user).first()


def document_of(user: Any) -> dict[str, Any]:
    resume = resume_of(user)
    return resume.data if resume is not None else {}


def _versions(user: Any) -> Any:
    return (
        ResumeVersion.objects.owned_by(user)
        .select_related("posting", "posting__company")
        .defer("data", "posting__description_html", "posting__description_text")
        .order_by("-updated_at", "-id")
    )


def recent_versions(user: Any) -> tuple[list[ResumeVersion], int]:
    rows = list(_versions(user)[: RECENT_VERSIONS + 1])
    if len(rows) <= RECENT_VERSIONS:
        return rows, len(rows)
    return rows[:RECENT_VERSIONS], ResumeVersion.objects.owned_by(user).count()


def versions_page(user: Any, number: Any) -> Page:
    return Paginator(_versions(user), VERSIONS_PER_PAGE).get_page(number)


def version_for_page(user: Any, pk: int) -> ResumeVersion:
    rows = ResumeVersion.objects.select_related("posting", "posting__company").defer(
        "posting__description_html", "posting__description_text"
    )
    return get_owned_or_404(rows, user, pk=pk)


def version_by_name(user: Any, name: str) -> ResumeVersion | None:
    rows = ResumeVersion.objects.owned_by(user)
    return rows.filter(name=name).first() or rows.filter(name__iexact=name).first()


def posting_choices(user: Any, also: int | None = None) -> list[tuple[str, str]]:
    """The most recent postings (and `also`, when it is the user's) as form choices."""
    from pmpath.jobs.models import Posting

    rows = (
        Posting.objects.owned_by(user)
        # "IN (0)", as the postings list does: SQLite then walks the posting_list index in
        # order instead of sorting every posting (123 ms -> about 1 ms at 100,000).
        .filter(archived__in=[False])
        .order_by("-posted_on", "-id")
        .values_list("id", "title", "company__name")[:POSTING_CHOICES]
    )
    found = list(rows)
    if also and all(pk != also for pk, _, _ in found):
        extra = Posting.objects.owned_by(user).filter(pk=also)
        found = list(extra.values_list("id", "title", "company__name")) + found
    return [("", "No posting")] + [
        (str(pk), f"{title} · {company}" if company else title) for pk, title, company in found
    ]
