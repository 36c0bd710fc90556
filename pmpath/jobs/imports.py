"""Import use cases: run a parser (pure, in importers/) over what the person gave us, then
store the postings atomically. Each returns an Outcome the page, CLI and API all show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pmpath.jobs.importers.base import ImportResult, ParsedPosting, Problem
from pmpath.jobs.models import Posting
from pmpath.jobs.services import SaveReport, save_postings


@dataclass
class Outcome:
    source: str
    saved: SaveReport | None
    problems: list[Problem] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def postings(self) -> list[Posting]:
        return self.saved.postings if self.saved else []

    @property
    def headline(self) -> str:
        if self.saved is None or not self.saved.postings:
            return f"Nothing imported from {self.source}."
        return f"Imported from {self.source}: {self.saved.summary()}."


def _store(user: Any, source: str, result: ImportResult) -> Outcome:
    saved = save_postings(user, result.postings) if result.postings else None
    return Outcome(source, saved, list(result.problems), list(result.missing))


def import_text(user: Any, text: str) -> Outcome:
    from pmpath.jobs.importers.text import parse_pasted_text

    return _store(user, "pasted text", parse_pasted_text(text))


def import_file(user: Any, name: str, data: bytes) -> Outcome:
    """A saved job page (HTML) or a postings CSV, told apart by name and content."""
    lowered = name.lower()
    head = data[:2048].lstrip().lower()
    if lowered.endswith(".csv") or (not lowered.endswith((".html", ".htm")) and b"<" not in head):
        from pmpath.jobs.importers.csvfile import parse_postings_csv

        return _store(user, name, parse_postings_csv(data))
    from pmpath.jobs.importers.jobpage import parse_job_page

    return _store(user, name, parse_job_page(data))


def import_postings(user: Any, source: str, result: ImportResult) -> Outcome:
    return _store(user, source, result)


def template_csv() -> str:
    from pmpath.jobs.importers.csvfile import template_csv as make

    return make()


def export_postings_csv(user: Any) -> str:
    from pmpath.jobs.importers.csvfile import write_postings_csv

    rows = Posting.objects.owned_by(user).select_related("company").order_by("id").iterator()
    return write_postings_csv(_as_parsed(p) for p in rows)


def _as_parsed(p: Posting) -> ParsedPosting:
    return ParsedPosting(
        title=p.title,
        company=p.company.name if p.company else "",
        location=p.location,
        workplace=p.workplace,
        employment_type=p.employment_type,
        salary_min=p.salary_min,
        salary_max=p.salary_max,
        salary_currency=p.salary_currency,
        salary_interval=p.salary_interval,
        description_html=p.description_html,
        description_text=p.description_text,
        source=p.source,
        source_url=p.source_url,
        apply_url=p.apply_url,
        external_id=p.external_id,
        posted_on=p.posted_on,
        valid_through=p.valid_through,
        department=p.department,
    )
