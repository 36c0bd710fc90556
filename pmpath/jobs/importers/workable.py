"""Workable's public widget API: `/api/v1/widget/accounts/{name}`, every published job of
an account in one payload (descriptions only on some accounts)."""

from __future__ import annotations

from typing import Any

from pmpath.jobs.importers.base import (
    ImportResult,
    ParsedPosting,
    Problem,
    as_dict,
    as_list,
    join_unique,
    name_of,
    normalise_employment_type,
    normalise_workplace,
    read_date,
    tidy,
    unusable,
)
from pmpath.jobs.importers.boardkit import (
    collect,
    job_list,
    set_description,
    set_urls,
    start_posting,
)


def _workable_job(
    job: dict[str, Any], company: str, problems: list[Problem], position: str
) -> ParsedPosting | None:
    posting = start_posting(job, "title", "workable", problems, position)
    if posting is None:
        return None
    posting.company = company
    places = [
        join_unique([p.get("city"), p.get("region"), p.get("country")])
        for p in map(as_dict, as_list(job.get("locations")))
        if p.get("hidden") is not True
    ]
    posting.location = join_unique(places, "; ") or join_unique(
        [job.get("city"), job.get("state"), job.get("country")]
    )
    posting.workplace = normalise_workplace(job.get("workplace")) or (
        "remote" if job.get("telecommuting") is True else ""
    )
    posting.employment_type = normalise_employment_type(job.get("employment_type"))
    posting.department = name_of(job.get("department"))
    posting.external_id = tidy(job.get("shortcode")) or tidy(job.get("id"))
    set_urls(posting, job.get("url") or job.get("shortlink"), job.get("application_url"))
    published = job.get("published_on") or job.get("created_at")
    posting.posted_on = read_date(published, position, "posted_on", problems)
    parts = [job.get(key) for key in ("description", "requirements", "benefits")]
    set_description(posting, "".join(p for p in parts if isinstance(p, str)))
    return posting


def parse_workable(data: Any, account: str = "") -> ImportResult:
    """Postings from Workable's public widget API (`/api/v1/widget/accounts/{name}`)."""
    jobs = job_list(data, "jobs", "shortcode")
    if jobs is None:
        return unusable("This is not a Workable account payload: it has no list of jobs.")
    company = tidy(as_dict(data).get("name")) or tidy(account)
    result = ImportResult(postings=[], problems=[])
    collect(jobs, _workable_job, company, "jobs", result)
    return result
