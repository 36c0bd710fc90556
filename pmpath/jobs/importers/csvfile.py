"""Postings in and out of CSV, the format people keep their own job lists in.

The reader is for files people made in a spreadsheet: headers in any case and spacing,
a byte-order mark, semicolons from European Excel, cells with commas and line breaks,
extra columns. A bad cell costs that cell, a row without a title costs that row, and the
rest of the file still imports.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from pmpath.jobs.importers.base import (
    ImportResult,
    ParsedPosting,
    Problem,
    apply_salary,
    canonical_url,
    normalise_currency,
    normalise_employment_type,
    normalise_interval,
    normalise_workplace,
    read_date,
    safe_url,
    shown,
    tidy,
    unusable,
)
from pmpath.jobs.importers.html import (
    clean_html,
    html_to_text,
    looks_like_html,
    text_to_html,
    tidy_text,
)

POSTING_COLUMNS = (
    "title",
    "company",
    "location",
    "workplace",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_interval",
    "source_url",
    "apply_url",
    "external_id",
    "posted_on",
    "valid_through",
    "department",
    "description",
)
# Headers people write for the same columns in their own sheets.
_ALIASES = {
    "job_title": "title",
    "position": "title",
    "role": "title",
    "company_name": "company",
    "employer": "company",
    "url": "source_url",
    "link": "source_url",
    "job_url": "source_url",
    "currency": "salary_currency",
    "id": "external_id",
    "date_posted": "posted_on",
    "posted": "posted_on",
    "deadline": "valid_through",
    "team": "department",
    "description_text": "description",
}
# A cell starting with one of these is a formula to Excel and LibreOffice: a CSV we write
# must never run code when someone opens it, so such cells get a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MAX_BAD_ROWS = 1000  # a file that is mostly broken CSV: stop reporting, it is not CSV


def _header_key(header: Any) -> str:
    key = re.sub(r"[\s\-]+", "_", tidy(header).lstrip("\ufeff").lower()).strip("_")
    return _ALIASES.get(key, key)


def _decode(data: bytes, problems: list[Problem]) -> str:
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):  # Excel's "Unicode text" export
            return data[len(bom) :].decode(encoding, "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the ANSI code page, almost always Windows-1252.
        message = "The file is not UTF-8, so it was read as Windows-1252; check accented letters."
        problems.append(Problem("payload", "", message))
        return data.decode("cp1252", "replace")


def _delimiter(text: str) -> str:
    """Comma, or semicolon or tab when the header row plainly uses those instead."""
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=lambda d: (header.count(d), d == ","))


def _unprotect(value: str) -> str:
    if value.startswith("'") and value.lstrip("'")[:1] in _FORMULA_START and value.lstrip("'"):
        return value[1:]
    return value


def parse_postings_csv(data: Any, *, max_rows: int = 20000) -> ImportResult:
    """Postings from a CSV file (bytes as uploaded, or text). Never raises."""
    try:
        return _parse(data, max_rows)
    except Exception as error:  # the csv module's surprises must not reach the caller
        return unusable(f"The file could not be read as CSV ({type(error).__name__}).")


def _parse(data: Any, max_rows: int) -> ImportResult:
    problems: list[Problem] = []
    if isinstance(data, bytes | bytearray):
        data = _decode(bytes(data), problems)
    if not isinstance(data, str):
        return unusable("The file is not CSV text.")
    text = data.lstrip("\ufeff").replace("\x00", "")
    if not text.strip():
        return unusable("The file is empty.")
    # csv.reader rather than DictReader: DictReader silently skips blank lines, and a
    # spreadsheet counts them, so row numbers in problems would drift from what people see.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        headers = next(reader)
    except (StopIteration, csv.Error):
        return unusable("The file has no readable header row.")
    columns: dict[int, str] = {}  # cell index -> our column
    for index, header in enumerate(headers):
        key = _header_key(header)
        if key in POSTING_COLUMNS and key not in columns.values():
            columns[index] = key
        elif key in POSTING_COLUMNS:
            message = f"The column {shown(header)} appears twice; only the first one was read."
            problems.append(Problem("header", key, message))
        elif key:
            message = f"The column {shown(header)} is not a posting field and was ignored."
            problems.append(Problem("header", tidy(header), message))
    if "title" not in columns.values():
        return unusable("The header row has no title column, so no posting can be read.")

    result = ImportResult(postings=[], problems=problems)
    number, data_rows, bad = 1, 0, 0  # number as a spreadsheet counts: the header is row 1
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
            continue  # a blank line between rows
        if data_rows >= max_rows:
            message = (
                f"The file has more than {max_rows} rows; only the first {max_rows} were read."
            )
            problems.append(Problem(f"row {number}", "", message))
            break
        data_rows += 1
        if any(cell.strip() for cell in row[len(headers) :]):
            message = (
                "This row has more cells than the header has columns; the extras were ignored."
            )
            problems.append(Problem(f"row {number}", "", message))
        values = {key: _unprotect(row[i]) for i, key in columns.items() if i < len(row)}
        if posting := _posting(values, f"row {number}", problems):
            result.postings.append(posting)
    return result


def _posting(
    values: dict[str, str], position: str, problems: list[Problem]
) -> ParsedPosting | None:
    title = tidy(values.get("title"))
    if not title:
        problems.append(Problem(position, "title", "title is required; the row was skipped."))
        return None
    posting = ParsedPosting(title=title, source="csv")
    for name in ("company", "location", "external_id", "department"):
        setattr(posting, name, tidy(values.get(name)))
    checks = (
        ("workplace", normalise_workplace, "remote, hybrid or onsite"),
        ("employment_type", normalise_employment_type, "full_time, part_time, contract, …"),
    )
    for name, normalise, expected in checks:
        raw = tidy(values.get(name))
        setattr(posting, name, normalise(raw))
        if raw and not getattr(posting, name):
            message = f"{shown(raw)} is not one of {expected}, so it was left empty."
            problems.append(Problem(position, name, message))
    currency, interval = values.get("salary_currency"), values.get("salary_interval")
    if tidy(currency) and not normalise_currency(currency):
        message = f"{shown(currency)} is not a currency code such as USD or EUR."
        problems.append(Problem(position, "salary_currency", message))
    if tidy(interval) and not normalise_interval(interval):
        message = f"{shown(interval)} is not one of year, month, week, day or hour."
        problems.append(Problem(position, "salary_interval", message))
    low, high = values.get("salary_min"), values.get("salary_max")
    apply_salary(posting, low, high, currency, interval, position, problems)
    for name, clean in (("source_url", canonical_url), ("apply_url", safe_url)):
        raw = tidy(values.get(name))
        setattr(posting, name, clean(raw))
        if raw and not getattr(posting, name):
            message = f"{shown(raw)} is not a web address (http or https), so it was left empty."
            problems.append(Problem(position, name, message))
    posting.posted_on = read_date(values.get("posted_on"), position, "posted_on", problems)
    posting.valid_through = read_date(
        values.get("valid_through"), position, "valid_through", problems
    )
    description = values.get("description") or ""
    if looks_like_html(description):
        posting.description_html, posting.description_text = clean_html(description)
    elif text := tidy_text(description):
        posting.description_text, posting.description_html = text, text_to_html(text)
    return posting


# --- writing ----------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text.lstrip("'")[:1] in _FORMULA_START and text.lstrip("'"):
        return "'" + text
    return text


def _row(posting: ParsedPosting) -> list[str]:
    values = {name: getattr(posting, name, "") for name in POSTING_COLUMNS[:-1]}
    values["description"] = posting.description_text or html_to_text(posting.description_html)
    return [_cell(values[name]) for name in POSTING_COLUMNS]


def write_postings_csv(postings: Iterable[ParsedPosting]) -> str:
    """CSV text with POSTING_COLUMNS as the header; the description is written as plain
    text, which is what people edit in a spreadsheet. parse_postings_csv reads it back."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(POSTING_COLUMNS)
    for posting in postings:
        writer.writerow(_row(posting))
    return buffer.getvalue()


def template_csv() -> str:
    """A header row and one example row, for people starting a file of their own."""
    example = ParsedPosting(
        title="Senior Product Manager, Payments",
        company="Example Analytics Ltd",
        location="London, United Kingdom",
        workplace="hybrid",
        employment_type="full_time",
        salary_min=Decimal(85000),
        salary_max=Decimal(100000),
        salary_currency="GBP",
        salary_interval="year",
        source_url="https://careers.example.com/jobs/pm-payments",
        apply_url="https://careers.example.com/jobs/pm-payments/apply",
        external_id="PM-042",
        posted_on=date(2025, 11, 3),
        valid_through=date(2025, 12, 31),
        department="Product",
        description_text=(
            "Own the checkout and invoicing roadmap.\n\n"
            "- Three days a week in our London office\n"
            "- Work with two engineering squads"
        ),
    )
    return write_postings_csv([example])
