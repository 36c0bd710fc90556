"""SmartRecruiters' public postings API, which pages through a company's jobs 100 at a
time: `/v1/companies/{id}/postings?offset=N&limit=100`."""

from __future__ import annotations

import html
from typing import Any

from pmpath.jobs.importers.base import (
    ImportResult,
    ParsedPosting,
    Problem,
    as_dict,
    join_unique,
    name_of,
    normalise_employment_type,
    read_date,
    tidy,
    unusable,
)
from pmpath.jobs.importers.boardkit import (
    collect,
    set_description,
    set_urls,
    start_posting,
)


def _smartrecruiters_posting(
    job: dict[str, Any], company: str, problems: list[Problem], position: str
) -> ParsedPosting | None:
    posting = start_posting(job, "name", "smartrecruiters", problems, position)
    if posting is None:
        return None
    owner = as_dict(job.get("company"))
    posting.company = tidy(owner.get("name")) or tidy(company)
    place = as_dict(job.get("location"))
    country = tidy(place.get("country"))
    country = country.upper() if len(country) == 2 else country
    posting.location = tidy(place.get("fullLocation")) or join_unique(
        [place.get("city"), place.get("region"), country]
    )
    if place.get("remote") is True:
        posting.workplace = "remote"
    elif place.get("hybrid") is True:
        posting.workplace = "hybrid"
    elif place.get("remote") is False and place.get("hybrid") is False:
        posting.workplace = "onsite"  # both flags present and off: an office job
    posting.employment_type = normalise_employment_type(name_of(job.get("typeOfEmployment")))
    posting.department = name_of(job.get("department")) or name_of(job.get("function"))
    posting.external_id = tidy(job.get("id"))
    page = job.get("jobAdUrl") or job.get("postingUrl")
    identifier = tidy(owner.get("identifier")) or tidy(company)
    if not page and identifier and posting.external_id:
        page = f"https://jobs.smartrecruiters.com/{identifier}/{posting.external_id}"
    set_urls(posting, page, job.get("applyUrl"))
    posting.posted_on = read_date(job.get("releasedDate"), position, "posted_on", problems)
    # The list endpoint has no text; the single-posting endpoint has jobAd.sections.
    sections = as_dict(as_dict(job.get("jobAd")).get("sections"))
    parts = []
    for section in sections.values():
        section = as_dict(section)
        if isinstance(section.get("text"), str):
            heading = html.escape(tidy(section.get("title")))
            parts.append((f"<h3>{heading}</h3>" if heading else "") + section["text"])
    set_description(posting, "".join(parts))
    return posting


def parse_smartrecruiters(pages: Any, company: str = "") -> ImportResult:
    """Postings from one or more pages of SmartRecruiters' postings API. A job that appears
    on two pages (the list shifted while we paged) is kept once."""
    if isinstance(pages, dict):
        pages = [pages]
    if not isinstance(pages, list) or not any(
        isinstance(page, dict) and isinstance(page.get("content"), list) for page in pages
    ):
        return unusable("This is not a SmartRecruiters payload: no page has a postings list.")
    result = ImportResult(postings=[], problems=[])
    for number, page in enumerate(pages):
        content = as_dict(page).get("content")
        if not isinstance(content, list):
            message = "This page has no list of postings, so it was skipped."
            result.problems.append(Problem(f"pages[{number}]", "content", message))
            continue
        collect(content, _smartrecruiters_posting, company, f"pages[{number}].content", result)
    seen: set[str] = set()
    unique = []
    for posting in result.postings:
        if posting.external_id and posting.external_id in seen:
            continue
        seen.add(posting.external_id)
        unique.append(posting)
    result.postings = unique
    return result


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def smartrecruiters_next_offset(page: Any) -> int | None:
    """The offset of the next page to fetch, or None when this page was the last one or
    cannot be trusted (empty, malformed, not moving forward), so a fetch loop always ends."""
    page = as_dict(page)
    content = page.get("content")
    offset, total = _whole_number(page.get("offset")), _whole_number(page.get("totalFound"))
    if not isinstance(content, list) or not content or offset is None or total is None:
        return None
    following = offset + len(content)
    return following if offset >= 0 and following < total else None
