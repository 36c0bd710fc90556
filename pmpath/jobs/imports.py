"""Import use cases: run a parser (pure, in importers/) over what the person gave us, then
store the postings atomically. Each returns an Outcome the page, CLI and API all show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from pmpath.jobs.importers.base import ImportResult, ParsedPosting, Problem
from pmpath.jobs.models import Posting
from pmpath.jobs.services import JobsError, SaveReport, save_postings

# Called as postings are stored: (stored so far, total). The CLI draws its progress bar with it.
Progress = Callable[[int, int], None]
PROGRESS_CHUNK = 50


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


def _store(
    user: Any, source: str, result: ImportResult, progress: Progress | None = None
) -> Outcome:
    if not result.postings:
        return Outcome(source, None, list(result.problems), list(result.missing))
    if progress is None:
        saved = save_postings(user, result.postings)
    else:
        # In chunks, to report progress, inside one transaction: still all or nothing.
        saved = SaveReport()
        total = len(result.postings)
        progress(0, total)
        with transaction.atomic():
            for start in range(0, total, PROGRESS_CHUNK):
                part = save_postings(user, result.postings[start : start + PROGRESS_CHUNK])
                saved.created += part.created
                saved.updated += part.updated
                saved.unchanged += part.unchanged
                progress(min(total, start + PROGRESS_CHUNK), total)
    return Outcome(source, saved, list(result.problems), list(result.missing))


def import_text(user: Any, text: str) -> Outcome:
    from pmpath.jobs.importers.text import parse_pasted_text

    return _store(user, "pasted text", parse_pasted_text(text))


def import_file(user: Any, name: str, data: bytes, *, progress: Progress | None = None) -> Outcome:
    """A saved job page (HTML) or a postings CSV, told apart by name and content."""
    from pmpath.security.sniff import binary_kind

    kind = binary_kind(data)
    if kind:
        message = f"{name} is {kind}, not a saved web page or a CSV file."
        return _store(user, name, ImportResult([], [Problem("file", "", message)]))
    lowered = name.lower()
    head = data[:2048].lstrip().lower()
    if lowered.endswith(".csv") or (not lowered.endswith((".html", ".htm")) and b"<" not in head):
        from pmpath.jobs.importers.csvfile import parse_postings_csv

        return _store(user, name, parse_postings_csv(data), progress)
    from pmpath.jobs.importers.jobpage import parse_job_page

    return _store(user, name, parse_job_page(data), progress)


def import_postings(
    user: Any, source: str, result: ImportResult, *, progress: Progress | None = None
) -> Outcome:
    return _store(user, source, result, progress)


def import_page_html(user: Any, html: str | bytes, url: str = "") -> Outcome:
    """A job page's HTML as the browser or the network gave it (the bookmarklet, a URL).
    Postings without their own canonical address keep the page's."""
    from pmpath.jobs.importers.jobpage import parse_job_page

    result = parse_job_page(html, url)
    for posting in result.postings:
        posting.source_url = posting.source_url or url
    return _store(user, url or "a job page", result)


def import_url(user: Any, url: str) -> Outcome:
    """Download a job page and import the postings its markup describes. A download that
    fails raises JobsError naming the address and the reason."""
    from pmpath.core.fetch import FetchError
    from pmpath.jobs import fetching

    url = url.strip()
    try:
        page = fetching.get(url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
    except FetchError as exc:
        raise JobsError(f"url: {exc}") from None
    # A charset in the Content-Type header wins; otherwise the page's own <meta> decides.
    declared = "charset=" in page.headers.get("content-type", "").lower()
    return import_page_html(user, page.text() if declared else page.content, page.url)


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
