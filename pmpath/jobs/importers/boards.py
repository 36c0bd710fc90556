"""Public job-board APIs: Greenhouse, Lever, Ashby, SmartRecruiters and Workable.

Each parser takes the JSON the caller already downloaded (decoded, or anything at all) and
answers an ImportResult. A job that cannot be read becomes a Problem naming its position
("jobs[12]") and the other jobs still import; only a payload without any job list at all
is unusable.
"""

from __future__ import annotations

import html
import re
from typing import Any

from pmpath.jobs.importers.base import (
    ImportResult,
    ParsedPosting,
    Problem,
    apply_salary,
    as_dict,
    as_list,
    join_unique,
    name_of,
    normalise_employment_type,
    normalise_interval,
    normalise_workplace,
    parse_money,
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
from pmpath.jobs.importers.smartrecruiters import parse_smartrecruiters, smartrecruiters_next_offset
from pmpath.jobs.importers.text import find_salary
from pmpath.jobs.importers.workable import parse_workable

__all__ = [
    "BOARD_URLS",
    "board_url",
    "parse_ashby",
    "parse_greenhouse",
    "parse_lever",
    "parse_smartrecruiters",
    "parse_workable",
    "smartrecruiters_next_offset",
]

BOARD_URLS = {
    "greenhouse": "https://boards-api.greenhouse.io/v1/boards/{name}/jobs?content=true",
    "lever": "https://api.lever.co/v0/postings/{name}?mode=json",
    "ashby": "https://api.ashbyhq.com/posting-api/job-board/{name}?includeCompensation=true",
    "smartrecruiters": (
        "https://api.smartrecruiters.com/v1/companies/{name}/postings?offset={offset}&limit=100"
    ),
    "workable": "https://apply.workable.com/api/v1/widget/accounts/{name}",
}
# Board names go into a URL path: letters, digits, dash, underscore and dot only, and never
# only dots, so "..", "a/b" or "x?y" cannot change which endpoint we call.
_BOARD_NAME = re.compile(r"(?!\.+$)[A-Za-z0-9._-]{1,100}", re.ASCII)


def board_url(kind: str, name: str, *, offset: int = 0) -> str:
    """The API URL to fetch for a board. Raises ValueError for an unknown kind or a name
    that is not a plain board token."""
    if kind not in BOARD_URLS:
        known = ", ".join(sorted(BOARD_URLS))
        raise ValueError(f"Unknown job board {kind!r}; expected one of: {known}.")
    if not isinstance(name, str) or not _BOARD_NAME.fullmatch(name):
        raise ValueError(
            f"Board name {name!r} is not valid: use only letters, digits, dashes, "
            "underscores and dots (as in the board's own URL)."
        )
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise ValueError(f"Offset {offset!r} must be a whole number, 0 or more.")
    return BOARD_URLS[kind].format(name=name, offset=offset)


# --- Greenhouse --------------------------------------------------------------------------

_PAY_RANGE = re.compile(r'<div class="pay-range">(.*?)</div>', re.DOTALL)


def _greenhouse_metadata(job: dict[str, Any]) -> dict[str, str]:
    """Custom fields some boards publish: pick out workplace and employment type."""
    found: dict[str, str] = {}
    for entry in as_list(job.get("metadata")):
        entry = as_dict(entry)
        label = tidy(entry.get("name")).lower()
        value = name_of(entry.get("value"))
        if not label or not value:
            continue
        if re.search(r"workplace|location type|remote|work (?:arrangement|model)", label):
            found.setdefault("workplace", value)
        elif re.search(r"employment|job type|time type|commitment|contract", label):
            found.setdefault("employment_type", value)
    return found


def _greenhouse_job(
    job: dict[str, Any], board: str, problems: list[Problem], position: str
) -> ParsedPosting | None:
    posting = start_posting(job, "title", "greenhouse", problems, position)
    if posting is None:
        return None
    posting.company = tidy(job.get("company_name")) or tidy(board)
    offices = [
        as_dict(o).get("location") or as_dict(o).get("name") for o in as_list(job.get("offices"))
    ]
    posting.location = name_of(job.get("location")) or join_unique(offices, "; ")
    metadata = _greenhouse_metadata(job)
    posting.workplace = normalise_workplace(metadata.get("workplace")) or normalise_workplace(
        posting.location
    )
    posting.employment_type = normalise_employment_type(metadata.get("employment_type"))
    posting.department = join_unique(name_of(d) for d in as_list(job.get("departments")))
    posting.external_id = tidy(job.get("id"))
    set_urls(posting, job.get("absolute_url"), job.get("absolute_url"))
    published = job.get("first_published") or job.get("updated_at")
    posting.posted_on = read_date(published, position, "posted_on", problems)

    content = job.get("content")
    content = html.unescape(content) if isinstance(content, str) else ""
    set_description(posting, content)
    # Pay transparency: structured ranges when the board sends them (in cents), else the
    # "pay-range" block Greenhouse renders into the content.
    ranges = [as_dict(r) for r in as_list(job.get("pay_input_ranges")) if isinstance(r, dict)]
    if ranges:
        first = ranges[0]
        low, high = first.get("min_cents"), first.get("max_cents")
        apply_salary(
            posting, _cents(low), _cents(high), first.get("currency_type"), "", position, problems
        )
    elif (match := _PAY_RANGE.search(content)) and (
        # Spans sit side by side ("Base pay<span>$150,000</span>"): space them apart.
        salary := find_salary(html.unescape(re.sub(r"<[^>]+>", " ", match[1])))
    ):
        apply_salary(posting, *salary, position, problems)
    return posting


def _cents(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value / 100
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip()) / 100
    return value


def parse_greenhouse(data: Any, board: str = "") -> ImportResult:
    """Postings from Greenhouse's job board API (`/v1/boards/{token}/jobs?content=true`)."""
    jobs = job_list(data, "jobs", "title")
    if jobs is None:
        return unusable("This is not a Greenhouse job board payload: it has no list of jobs.")
    result = ImportResult(postings=[], problems=[])
    collect(jobs, _greenhouse_job, board, "jobs", result)
    return result


# --- Lever -----------------------------------------------------------------------------


def _lever_posting(
    job: dict[str, Any], site: str, problems: list[Problem], position: str
) -> ParsedPosting | None:
    posting = start_posting(job, "text", "lever", problems, position)
    if posting is None:
        return None
    categories = as_dict(job.get("categories"))
    posting.company = tidy(site)
    primary = name_of(categories.get("location"))
    posting.location = join_unique([primary, *as_list(categories.get("allLocations"))], "; ")
    posting.workplace = normalise_workplace(job.get("workplaceType")) or normalise_workplace(
        primary
    )
    posting.employment_type = normalise_employment_type(name_of(categories.get("commitment")))
    posting.department = name_of(categories.get("department")) or name_of(categories.get("team"))
    posting.external_id = tidy(job.get("id"))
    set_urls(posting, job.get("hostedUrl"), job.get("applyUrl"))
    posting.posted_on = read_date(job.get("createdAt"), position, "posted_on", problems)

    # Lever splits the posting: an opening description, titled lists of <li> items, and a
    # closing "additional" part. Put them back together in the order the page shows them.
    parts = [job.get("description") or job.get("opening") or ""]
    for entry in as_list(job.get("lists")):
        entry = as_dict(entry)
        heading = html.escape(tidy(entry.get("text")))
        items = entry.get("content") if isinstance(entry.get("content"), str) else ""
        parts.append(f"<h3>{heading}</h3><ul>{items}</ul>" if heading else f"<ul>{items}</ul>")
    parts.append(job.get("additional") or "")
    markup = "".join(part for part in parts if isinstance(part, str))
    set_description(posting, markup, job.get("descriptionPlain"))

    salary = job.get("salaryRange")
    if isinstance(salary, dict):
        apply_salary(
            posting,
            salary.get("min"),
            salary.get("max"),
            salary.get("currency"),
            salary.get("interval"),
            position,
            problems,
        )
    return posting


def parse_lever(data: Any, site: str = "") -> ImportResult:
    """Postings from Lever's postings API (`/v0/postings/{site}?mode=json`)."""
    jobs = job_list(data, "data", "text")
    if jobs is None:
        return unusable("This is not a Lever postings payload: it is not a list of postings.")
    result = ImportResult(postings=[], problems=[])
    collect(jobs, _lever_posting, site, "postings", result)
    return result


# --- Ashby -----------------------------------------------------------------------------


def _ashby_salary(
    compensation: Any, posting: ParsedPosting, position: str, problems: list[Problem]
) -> None:
    """Salary components across the summary and every tier: the lowest minimum and the
    highest maximum, in the first component's currency and interval."""
    compensation = as_dict(compensation)
    components = list(as_list(compensation.get("summaryComponents")))
    for tier in as_list(compensation.get("compensationTiers")):
        components.extend(as_list(as_dict(tier).get("components")))
    salaries = [
        c for c in map(as_dict, components) if tidy(c.get("compensationType")).lower() == "salary"
    ]
    if not salaries:
        if salary := find_salary(tidy(compensation.get("compensationTierSummary"))):
            apply_salary(posting, *salary, position, problems)
        return
    key = (tidy(salaries[0].get("currencyCode")).upper(), tidy(salaries[0].get("interval")))
    same = [
        c for c in salaries if (tidy(c.get("currencyCode")).upper(), tidy(c.get("interval"))) == key
    ]
    if len(same) < len(salaries):
        kept = join_unique([key[0], normalise_interval(key[1])], " per ")
        message = f"Salary tiers differ in currency or period; only the {kept} ones were kept."
        problems.append(Problem(position, "salary_currency", message))
    low = min(filter(None, (parse_money(c.get("minValue")) for c in same)), default=None)
    high = max(filter(None, (parse_money(c.get("maxValue")) for c in same)), default=None)
    apply_salary(posting, low, high, key[0], key[1], position, problems)


def _ashby_job(
    job: dict[str, Any], board: str, problems: list[Problem], position: str
) -> ParsedPosting | None:
    if job.get("isListed") is False:  # hidden from the public board: not ours to import
        return None
    posting = start_posting(job, "title", "ashby", problems, position)
    if posting is None:
        return None
    posting.company = tidy(board)
    address = as_dict(as_dict(job.get("address")).get("postalAddress"))
    primary = name_of(job.get("location")) or join_unique(
        [
            address.get("addressLocality"),
            address.get("addressRegion"),
            address.get("addressCountry"),
        ]
    )
    secondary = [as_dict(s).get("location") for s in as_list(job.get("secondaryLocations"))]
    posting.location = join_unique([primary, *secondary], "; ")
    posting.workplace = (
        normalise_workplace(job.get("workplaceType"))
        or ("remote" if job.get("isRemote") is True else "")
        or normalise_workplace(primary)
    )
    posting.employment_type = normalise_employment_type(job.get("employmentType"))
    posting.department = tidy(job.get("department")) or tidy(job.get("team"))
    url = job.get("jobUrl")
    posting.external_id = tidy(job.get("id")) or _last_segment(url)
    set_urls(posting, url, job.get("applyUrl"))
    posting.posted_on = read_date(job.get("publishedAt"), position, "posted_on", problems)
    set_description(posting, job.get("descriptionHtml"), job.get("descriptionPlain"))
    _ashby_salary(job.get("compensation"), posting, position, problems)
    return posting


def _last_segment(url: Any) -> str:
    """Ashby's job URLs end in the job's UUID; use it when the id itself is absent."""
    match = re.search(r"/([0-9a-f]{8}-[0-9a-f-]{27,})/?(?:[?#]|$)", tidy(url), re.IGNORECASE)
    return match[1] if match else ""


def parse_ashby(data: Any, board: str = "") -> ImportResult:
    """Postings from Ashby's job board API, unlisted jobs left out."""
    jobs = job_list(data, "jobs", "title")
    if jobs is None:
        return unusable("This is not an Ashby job board payload: it has no list of jobs.")
    result = ImportResult(postings=[], problems=[])
    collect(jobs, _ashby_job, board, "jobs", result)
    return result
