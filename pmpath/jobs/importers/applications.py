"""Applications in and out of CSV: the rows people keep of where they applied (pure, no Django).

Headers are matched by name, in any case, order and spacing, with the names spreadsheets
commonly use ("Position", "Status", "Date applied"). A column that is absent leaves what is
stored alone when a row updates an application; a bad cell costs that cell, a row without a
role costs that row, and the rest of the file still imports. Stages are given by name and
resolved by the caller, which knows the person's stages.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pmpath.jobs.importers.base import Problem, read_date, scrub, shown, tidy
from pmpath.jobs.importers.csvfile import _MAX_BAD_ROWS, _cell, _decode, _delimiter, _unprotect

APPLICATION_COLUMNS = (
    "role",
    "company",
    "stage",
    "applied_on",
    "source",
    "referral",
    "next_action",
    "next_action_due",
    "resume_version",
    "cover_letter_version",
    "salary_expectation",
    "archived",
    "notes",
)
# Longest text each column keeps (the model's limits); longer cells are cut and reported.
LIMITS = {
    "role": 300,
    "company": 200,
    "stage": 60,
    "source": 100,
    "referral": 200,
    "next_action": 200,
    "resume_version": 120,
    "cover_letter_version": 120,
    "salary_expectation": 120,
    "notes": 20_000,
}
_ALIASES = {
    "role_title": "role",
    "title": "role",
    "job_title": "role",
    "position": "role",
    "company_name": "company",
    "employer": "company",
    "organisation": "company",
    "organization": "company",
    "status": "stage",
    "applied": "applied_on",
    "date_applied": "applied_on",
    "applied_date": "applied_on",
    "application_date": "applied_on",
    "found_via": "source",
    "where_found": "source",
    "channel": "source",
    "referred_by": "referral",
    "next_step": "next_action",
    "due": "next_action_due",
    "next_action_date": "next_action_due",
    "resume": "resume_version",
    "cv": "resume_version",
    "cover_letter": "cover_letter_version",
    "salary": "salary_expectation",
}
_YES = {"yes", "y", "true", "1", "archived", "x"}
_NO = {"no", "n", "false", "0", ""}


@dataclass
class ParsedApplication:
    row: int  # as a spreadsheet counts: the header is row 1
    role: str
    columns: frozenset[str]  # which columns the file has: only those are applied
    company: str = ""
    stage: str = ""
    applied_on: date | None = None
    source: str = ""
    referral: str = ""
    next_action: str = ""
    next_action_due: date | None = None
    resume_version: str = ""
    cover_letter_version: str = ""
    salary_expectation: str = ""
    archived: bool = False
    notes: str = ""


@dataclass
class ApplicationsCSV:
    applications: list[ParsedApplication] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _header_key(header: Any) -> str:
    key = re.sub(r"[\s\-]+", "_", tidy(header).lstrip("\ufeff").lower()).strip("_")
    return _ALIASES.get(key, key)


def parse_applications_csv(data: bytes | str, *, max_rows: int = 20_000) -> ApplicationsCSV:
    """Applications from a CSV file (bytes as uploaded, or text). Never raises."""
    try:
        return _parse(data, max_rows)
    except Exception as error:  # the csv module's surprises must not reach the caller
        message = f"The file could not be read as CSV ({type(error).__name__})."
        return ApplicationsCSV(problems=[Problem("file", "", message)])


def _parse(data: bytes | str, max_rows: int) -> ApplicationsCSV:
    result = ApplicationsCSV()
    problems = result.problems
    text = _decode(bytes(data), problems) if isinstance(data, bytes | bytearray) else data
    text = text.lstrip("\ufeff").replace("\x00", "")
    if not text.strip():
        problems.append(Problem("file", "", "The file is empty."))
        return result
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        headers = next(reader)
    except (StopIteration, csv.Error):
        problems.append(Problem("file", "", "The file has no readable header row."))
        return result
    columns: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = _header_key(header)
        if key in APPLICATION_COLUMNS and key not in columns.values():
            columns[index] = key
        elif key in APPLICATION_COLUMNS:
            message = f"The column {shown(header)} appears twice; only the first one was read."
            problems.append(Problem("header", key, message))
        elif key:
            message = f"The column {shown(header)} is not an application field and was ignored."
            problems.append(Problem("header", tidy(header), message))
    if "role" not in columns.values():
        message = "The header row has no role column (or title, position), so no row can be read."
        problems.append(Problem("header", "role", message))
        return result
    present = frozenset(columns.values())

    number, data_rows, bad = 1, 0, 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            bad += 1
            message = f"This row is not valid CSV ({error}), so it was skipped."
            problems.append(Problem(f"row {number}", "", message))
            if bad > _MAX_BAD_ROWS:
                break
            continue
        if not any(cell.strip() for cell in row):
            continue
        if data_rows >= max_rows:
            message = (
                f"The file has more than {max_rows} rows; only the first {max_rows} were read."
            )
            problems.append(Problem(f"row {number}", "", message))
            break
        data_rows += 1
        values = {key: _unprotect(row[i]) for i, key in columns.items() if i < len(row)}
        if parsed := _application(number, values, present, problems):
            result.applications.append(parsed)
    return result


def _application(
    number: int, values: dict[str, str], present: frozenset[str], problems: list[Problem]
) -> ParsedApplication | None:
    position = f"row {number}"
    texts: dict[str, str] = {}
    for name, limit in LIMITS.items():
        text = scrub(values.get(name) or "").strip() if name == "notes" else tidy(values.get(name))
        if len(text) > limit:
            message = f"This cell is over {limit:,} characters; it was cut to fit."
            problems.append(Problem(position, name, message))
            text = text[:limit].rstrip()
        texts[name] = text
    if not texts["role"]:
        problems.append(Problem(position, "role", "role is required; the row was skipped."))
        return None
    archived_text = tidy(values.get("archived")).casefold()
    archived = archived_text in _YES
    if archived_text not in _YES | _NO:
        message = f"{shown(archived_text)} is not yes or no, so the row is not archived."
        problems.append(Problem(position, "archived", message))
    return ParsedApplication(
        row=number,
        columns=present,
        applied_on=read_date(values.get("applied_on"), position, "applied_on", problems),
        next_action_due=read_date(
            values.get("next_action_due"), position, "next_action_due", problems
        ),
        archived=archived,
        **texts,
    )


# --- writing ----------------------------------------------------------------------------


def write_applications_csv(rows: Iterable[dict[str, Any]]) -> str:
    """CSV text with APPLICATION_COLUMNS as the header, from dicts keyed by those columns.
    Cells that a spreadsheet would run as formulas are written with a leading apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(APPLICATION_COLUMNS)
    for row in rows:
        writer.writerow([_cell(_shown_value(row.get(name))) for name in APPLICATION_COLUMNS])
    return buffer.getvalue()


def _shown_value(value: Any) -> Any:
    if value is True:
        return "yes"
    if value is False:
        return ""
    return value


def template_csv() -> str:
    """A header row and two example rows, for people starting a file of their own."""
    return write_applications_csv(
        [
            {
                "role": "Product Manager, Growth",
                "company": "Example Analytics Ltd",
                "stage": "Applied",
                "applied_on": date(2026, 1, 12),
                "source": "Company website",
                "next_action": "Follow up with the recruiter",
                "next_action_due": date(2026, 1, 19),
                "resume_version": "growth-v3",
                "notes": "Job ad asks for experimentation experience.",
            },
            {
                "role": "Associate Product Manager",
                "company": "Northwind Traders",
                "stage": "Screening",
                "applied_on": date(2026, 1, 5),
                "source": "Referral",
                "referral": "A former colleague",
            },
        ]
    )
