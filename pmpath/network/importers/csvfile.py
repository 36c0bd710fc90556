"""Contacts in and out of CSV (pure, no Django), keyed on header names.

Reads our own export and the files people keep in a spreadsheet or get from Google Contacts
and Outlook: headers in any case, known aliases ("Given Name", "E-mail 1 - Value", "Job
Title"), a byte-order mark, semicolons from European Excel, quoted commas and line breaks,
blank lines, extra columns. A bad cell costs that cell; a row with no name and no e-mail
costs that row."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import date

from pmpath.network.importers.base import (
    LIMITS,
    MAX_ROWS,
    MAX_TAG,
    ImportProblem,
    ParsedContact,
    ParsedContacts,
    Problem,
    cell,
    clean_email,
    columns,
    csv_records,
    decode,
    header_key,
    linkedin_profile,
    parse_date,
    split_name,
    tidy,
    tidy_block,
)

CONTACT_COLUMNS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "company",
    "role",
    "headline",
    "linkedin_url",
    "how_met",
    "strength",
    "cadence_days",
    "tags",
    "connected_on",
    "notes",
)
_ALIASES = {
    **{c.replace("_", " "): c for c in CONTACT_COLUMNS},
    "name": "name",
    "full name": "name",
    "display name": "name",
    "given name": "first_name",
    "first": "first_name",
    "family name": "last_name",
    "surname": "last_name",
    "last": "last_name",
    "e mail": "email",
    "email address": "email",
    "e mail address": "email",
    "e mail 1 value": "email",
    "email 1 value": "email",
    "phone number": "phone",
    "mobile": "phone",
    "mobile phone": "phone",
    "business phone": "phone",
    "phone 1 value": "phone",
    "organization": "company",
    "organisation": "company",
    "organization 1 name": "company",
    "employer": "company",
    "title": "role",
    "job title": "role",
    "position": "role",
    "organization 1 title": "role",
    "linkedin": "linkedin_url",
    "linkedin url": "linkedin_url",
    "linkedin profile": "linkedin_url",
    "profile url": "linkedin_url",
    "url": "linkedin_url",
    "labels": "tags",
    "categories": "tags",
    "groups": "tags",
    "note": "notes",
    "cadence": "cadence_days",
    "connected": "connected_on",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXPECTED = "first_name, last_name or name, email, company, role, … as in the template"


def parse_contacts_csv(data: bytes | str, file: str = "contacts.csv") -> ParsedContacts:
    if not isinstance(data, bytes | bytearray | str):
        raise ImportProblem(file, "the file is not text.")
    text = decode(bytes(data) if isinstance(data, bytearray) else data)
    if not text.strip():
        raise ImportProblem(file, "the file is empty.")
    problems: list[Problem] = []
    records = iter(csv_records(text, file, problems))
    header = next(records, None)
    where = columns(header.cells, _ALIASES) if header else {}
    if header is None or not where.keys() & {"first_name", "last_name", "name", "email"}:
        raise ImportProblem(
            file, f"this is not a contacts CSV: expected a header row with {EXPECTED}."
        )
    contacts: list[ParsedContact] = []
    for record in records:
        if len(contacts) >= MAX_ROWS:
            problems.append(
                Problem(
                    file, record.line, "", f"More than {MAX_ROWS:,} rows; the rest were not read."
                )
            )
            break
        values = {name: _unprotect(cell(record.cells, where, name)) for name in where}
        if contact := _contact(values, record.line, file, problems):
            contacts.append(contact)
    return ParsedContacts(contacts, problems)


def _contact(
    values: dict[str, str], row: int, file: str, problems: list[Problem]
) -> ParsedContact | None:
    def problem(field: str, message: str, skipped: bool = False) -> None:
        problems.append(Problem(file, row, field, message, skipped))

    contact = ParsedContact(row=row)
    contact.first_name = tidy(values.get("first_name"), LIMITS["first_name"])
    contact.last_name = tidy(values.get("last_name"), LIMITS["last_name"])
    if not (contact.first_name or contact.last_name) and values.get("name"):
        contact.first_name, contact.last_name = split_name(values["name"])
    contact.email, ok = clean_email(values.get("email"))
    if not ok:
        problem("email", "This is not an e-mail address; ignored.")
    for name in ("phone", "company", "role", "headline", "how_met"):
        setattr(contact, name, tidy(values.get(name), LIMITS[name]))
    raw_url = tidy(values.get("linkedin_url"))
    contact.linkedin_url, contact.linkedin_key = linkedin_profile(raw_url)
    if raw_url and not contact.linkedin_key:
        problem("linkedin_url", "This is not a LinkedIn profile address; ignored.")
    contact.strength = _number(values.get("strength"), 1, 5, "strength", problem)
    contact.cadence_days = _number(values.get("cadence_days"), 1, 3650, "cadence_days", problem)
    raw_date = tidy(values.get("connected_on"))
    contact.connected_on = parse_date(raw_date)
    if raw_date and contact.connected_on is None:
        problem("connected_on", f'"{raw_date[:40]}" is not a date (use 2025-12-07); ignored.')
    tags: list[str] = []
    # Commas, or semicolons when a tag has a comma in it; Google Contacts writes " ::: " and
    # marks its own labels with "* ".
    raw_tags = values.get("tags") or ""
    for part in re.split(r";|:::" if ";" in raw_tags else r",|:::", raw_tags):
        tag = tidy(part, MAX_TAG)
        if tag and not tag.startswith("* ") and tag.lower() not in {t.lower() for t in tags}:
            tags.append(tag)
    contact.tags = tags
    contact.notes = tidy_block(values.get("notes"))[:20000]
    if not (contact.first_name or contact.last_name or contact.email):
        problem("", "The row has no name and no e-mail.", skipped=True)
        return None
    return contact


def _number(raw: object, low: int, high: int, field: str, problem: object) -> int | None:
    text = tidy(raw)
    if not text:
        return None
    try:
        value = int(float(text))
    except (ValueError, OverflowError):
        value = None
    if value is None or not low <= value <= high:
        problem(field, f'"{text[:20]}" is not a whole number from {low} to {high}; ignored.')  # type: ignore[operator]
        return None
    return value


def _unprotect(value: str) -> str:
    """Undo the apostrophe we put before cells a spreadsheet would run as a formula."""
    if value.startswith("'") and value[1:2] in _FORMULA_START:
        return value[1:]
    return value


def sniff(data: bytes | str) -> bool:
    """Whether the header row names contact columns."""
    try:
        text = decode(data[:65536])
        first = next(iter(csv_records(text, "", [])), None)
    except (ImportProblem, ValueError, TypeError):
        return False
    keys = {_ALIASES.get(header_key(c)) for c in first.cells} if first else set()
    return bool(keys & {"first_name", "last_name", "name", "email"})


# --- writing -----------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):  # tags
        return ("; " if any("," in str(v) for v in value) else ", ").join(map(str, value))
    text = str(value)
    # A cell a spreadsheet would run as a formula gets an apostrophe, which we remove on read.
    return "'" + text if text[:1] in _FORMULA_START else text


def write_contacts_csv(contacts: Iterable[ParsedContact]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CONTACT_COLUMNS)
    for contact in contacts:
        writer.writerow([_cell(getattr(contact, name)) for name in CONTACT_COLUMNS])
    return buffer.getvalue()


def template_csv() -> str:
    """The header and one example row, for someone starting their own list."""
    example = ParsedContact(
        first_name="Priya",
        last_name="Example",
        email="priya@example.com",
        phone="+44 20 7946 0000",
        company="Example Analytics Ltd",
        role="Group Product Manager",
        headline="Building analytics for small shops",
        linkedin_url="https://www.linkedin.com/in/priya-example",
        how_met="Product meetup, March",
        strength=3,
        cadence_days=60,
        tags=["mentors", "fintech"],
        connected_on=date(2025, 3, 14),
        notes="Happy to review a case study.",
    )
    return write_contacts_csv([example])
