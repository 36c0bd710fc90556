"""The one shape every importer returns, and the helpers they share.

ParsedPosting is what every parser produces, whatever the source; Problem says what could
not be read and where; ImportResult carries both. The value readers (parse_date,
parse_money, normalise_workplace, canonical_url, …) live in values.py and are
re-exported here, so importers need only this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from pmpath.jobs.importers.values import (
    EMPLOYMENT_TYPES,
    INTERVALS,
    WORKPLACES,
    as_dict,
    as_list,
    canonical_url,
    join_unique,
    name_of,
    normalise_currency,
    normalise_employment_type,
    normalise_interval,
    normalise_workplace,
    parse_date,
    parse_money,
    safe_url,
    scrub,
    tidy,
)

__all__ = [
    "EMPLOYMENT_TYPES",
    "INTERVALS",
    "WORKPLACES",
    "ImportResult",
    "ParsedPosting",
    "Problem",
    "apply_salary",
    "as_dict",
    "as_list",
    "canonical_url",
    "join_unique",
    "name_of",
    "normalise_currency",
    "normalise_employment_type",
    "normalise_interval",
    "normalise_workplace",
    "parse_date",
    "parse_money",
    "read_date",
    "safe_url",
    "scrub",
    "shown",
    "tidy",
    "unusable",
]


@dataclass
class ParsedPosting:
    title: str
    company: str = ""
    location: str = ""  # human readable, "" when unknown
    workplace: str = ""  # "remote" | "hybrid" | "onsite" | ""
    employment_type: str = ""  # "full_time" | "part_time" | "contract" | "internship" | ...
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    salary_currency: str = ""  # ISO 4217 upper case
    salary_interval: str = ""  # "year" | "month" | "week" | "day" | "hour" | ""
    description_html: str = ""  # SANITISED html (nh3 allowlist)
    description_text: str = ""  # plain text of the description
    source: str = ""  # greenhouse | lever | ashby | ... | page | text | csv
    source_url: str = ""  # canonical URL of the posting when known
    apply_url: str = ""
    external_id: str = ""  # the source's own id, as text
    posted_on: date | None = None
    valid_through: date | None = None
    department: str = ""


@dataclass
class Problem:
    position: str  # where: "jobs[3]", "row 12", "JSON-LD block 1", "payload"
    field: str  # which field, "" when the whole item
    message: str  # one clear sentence


@dataclass
class ImportResult:
    postings: list[ParsedPosting]
    problems: list[Problem]
    missing: list[str] = field(default_factory=list)  # job pages: absent required properties


def unusable(message: str) -> ImportResult:
    """The answer for a payload that cannot be read at all."""
    return ImportResult(postings=[], problems=[Problem("payload", "", message)])


# --- reading fields with problems -------------------------------------------------------


def shown(value: Any) -> str:
    """A short quotation of a bad value for a problem message."""
    text = tidy(value) if not isinstance(value, dict | list) else type(value).__name__
    return f'"{text[:57]}…"' if len(text) > 60 else f'"{text}"'


def _given(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def read_date(raw: Any, position: str, field_name: str, problems: list[Problem]) -> date | None:
    """parse_date, reporting a value that was there but could not be read."""
    parsed = parse_date(raw)
    if parsed is None and _given(raw):
        message = f"{shown(raw)} is not a date we can read, so it was left empty."
        problems.append(Problem(position, field_name, message))
    return parsed


def apply_salary(
    posting: ParsedPosting,
    low: Any,
    high: Any,
    currency: Any,
    interval: Any,
    position: str,
    problems: list[Problem],
) -> None:
    """Set the salary fields from raw values, reporting amounts that are not numbers and
    swapping a range given upside down. Zero means "not given" in every feed we read."""
    amounts: list[Decimal | None] = []
    for raw, name in ((low, "salary_min"), (high, "salary_max")):
        amount = parse_money(raw)
        if amount is None and _given(raw):
            message = f"{shown(raw)} is not an amount, so it was left empty."
            problems.append(Problem(position, name, message))
        amounts.append(amount or None)
    minimum, maximum = amounts
    if minimum is None and maximum is None:
        return
    if minimum is not None and maximum is not None and minimum > maximum:
        minimum, maximum = maximum, minimum
        message = "The minimum salary was above the maximum, so the two were swapped."
        problems.append(Problem(position, "salary_min", message))
    posting.salary_min, posting.salary_max = minimum, maximum
    posting.salary_currency = normalise_currency(currency)
    posting.salary_interval = normalise_interval(interval)
