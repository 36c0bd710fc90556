"""What the job-board parsers share: finding the job list in a payload, reading each job
so that one bad job costs only itself, and the fields every board fills the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pmpath.jobs.importers.base import (
    ImportResult,
    ParsedPosting,
    Problem,
    canonical_url,
    safe_url,
    tidy,
)
from pmpath.jobs.importers.html import clean_html, text_to_html

Builder = Callable[[dict[str, Any], str, list[Problem], str], ParsedPosting | None]


def job_list(data: Any, key: str, single_key: str) -> list[Any] | None:
    """The list of jobs in a payload: {key: [...]}, a bare list, or one job object."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if isinstance(data.get(key), list):
            return data[key]
        if single_key in data:  # one job fetched on its own
            return [data]
    return None


def collect(
    items: list[Any], build: Builder, company: str, prefix: str, result: ImportResult
) -> None:
    for index, item in enumerate(items):
        position = f"{prefix}[{index}]"
        if not isinstance(item, dict):
            message = "This entry is not a job object, so it was skipped."
            result.problems.append(Problem(position, "", message))
            continue
        try:
            posting = build(item, company, result.problems, position)
        except Exception as error:  # a shape we did not foresee must not lose other jobs
            message = f"This job could not be read ({type(error).__name__}), so it was skipped."
            result.problems.append(Problem(position, "", message))
            continue
        if posting is not None:
            result.postings.append(posting)


def start_posting(
    job: dict[str, Any], key: str, source: str, problems: list[Problem], position: str
) -> ParsedPosting | None:
    title = tidy(job.get(key))
    if not title:
        problems.append(Problem(position, "title", "The job has no title, so it was skipped."))
        return None
    return ParsedPosting(title=title, source=source)


def set_urls(posting: ParsedPosting, page: Any, apply: Any) -> None:
    posting.source_url = canonical_url(page)
    posting.apply_url = safe_url(apply) or safe_url(page)


def set_description(posting: ParsedPosting, markup: Any, plain: Any = None) -> None:
    if isinstance(markup, str) and markup.strip():
        posting.description_html, posting.description_text = clean_html(markup)
    elif isinstance(plain, str) and plain.strip():
        posting.description_html, posting.description_text = clean_html(text_to_html(plain))
