"""The candidate's own profile from LinkedIn's data export (pure, no Django): Profile.csv,
Positions.csv, Education.csv and Skills.csv (and Languages.csv, Certifications.csv,
Projects.csv and Email Addresses.csv when present), as a JSON Resume document.

Columns are found by header name, never by position, across the export's vintages ("Company
Name" or "Company", "Started On" or "Start Date"); a byte-order mark, quoted multi-line
descriptions and CRLF line ends all read. The ZIP is opened with the contacts importer's
bounded reader (size, declared size, entry count and path-traversal checks before anything is
decompressed), so the rules live in one place. A bad cell costs that cell, named by file, row
and column; a file we cannot read at all raises ImportProblem naming it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pmpath.matching.resume.sections import iso_date
from pmpath.network.importers.base import (
    ImportProblem,
    Problem,
    Record,
    cell,
    columns,
    csv_records,
    decode,
    header_key,
    tidy,
    tidy_block,
)
from pmpath.network.importers.linkedin import is_zip, open_zip

MAX_ROWS = 2000  # a profile has tens of positions and skills, not thousands

WANTED = {
    "profile.csv": "profile",
    "positions.csv": "positions",
    "education.csv": "education",
    "skills.csv": "skills",
    "languages.csv": "languages",
    "certifications.csv": "certifications",
    "projects.csv": "projects",
    "email addresses.csv": "emails",
}

_COLUMNS: dict[str, dict[str, str]] = {
    "profile": {
        "first name": "first", "last name": "last", "headline": "headline",
        "summary": "summary", "geo location": "location", "location": "location",
        "websites": "websites", "twitter handles": "twitter",
    },
    "positions": {
        "company name": "company", "company": "company", "organization": "company",
        "title": "title", "position": "title", "description": "description",
        "location": "location", "started on": "start", "start date": "start",
        "from": "start", "finished on": "end", "end date": "end", "to": "end",
    },
    "education": {
        "school name": "school", "school": "school", "institution": "school",
        "degree name": "degree", "degree": "degree", "field of study": "field",
        "fields of study": "field", "field": "field", "major": "field",
        "start date": "start", "started on": "start", "end date": "end",
        "finished on": "end", "notes": "notes", "activities": "activities",
    },
    "skills": {"name": "name", "skill": "name", "skill name": "name", "skills": "name"},
    "languages": {"name": "name", "language": "name", "proficiency": "fluency"},
    "certifications": {
        "name": "name", "url": "url", "authority": "issuer", "started on": "date",
        "start date": "date", "finished on": "end", "license number": "number",
    },
    "projects": {
        "title": "name", "name": "name", "description": "description", "url": "url",
        "started on": "start", "start date": "start", "finished on": "end", "end date": "end",
    },
    "emails": {"email address": "email", "email": "email", "primary": "primary"},
}  # fmt: skip
# The columns that tell each file apart, and that it cannot do without.
_NEEDS: dict[str, tuple[set[str], ...]] = {
    "profile": ({"first", "last", "headline"}, {"first", "last", "summary"}),
    "positions": ({"company", "title", "start"},),
    "education": ({"school", "degree"}, {"school", "start"}),
    "certifications": ({"name", "issuer"},),
    "projects": ({"name", "description", "start"},),
    "languages": ({"name", "fluency"},),
    "emails": ({"email", "primary"},),
    "skills": ({"name"},),
}
EXPECTED = (
    "Profile.csv (First Name, Last Name, Headline, Summary), Positions.csv (Company Name, "
    "Title, Description, Location, Started On, Finished On), Education.csv (School Name, "
    "Degree Name, Start Date, End Date) or Skills.csv (Name)"
)


@dataclass
class ProfileExport:
    document: dict[str, Any]
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def looks_like(filename: str, data: bytes) -> bool:
    """Whether this is LinkedIn's export (a ZIP) or one of its profile CSVs."""
    if is_zip(data):
        return not filename.lower().endswith(".docx") and b"word/" not in data[:4096]
    return kind_of_csv(data) is not None


def kind_of_csv(data: bytes | str) -> str | None:
    try:
        text = decode(data[:65536])
        records = list(csv_records(text, "", []))[:10]
    except (ImportProblem, ValueError, TypeError):
        return None
    for record in records:
        if kind := _kind(record.cells):
            return kind
    return None


def _kind(headers: list[str]) -> str | None:
    keys = {header_key(h) for h in headers}
    for kind, needs in _NEEDS.items():
        found = {_COLUMNS[kind][k] for k in keys if k in _COLUMNS[kind]}
        if kind == "skills" and not keys <= _COLUMNS["skills"].keys():
            continue  # Skills.csv has one column; a file with "Name" among others is another
        if any(need <= found for need in needs):
            return kind
    return None


def read(filename: str, data: bytes) -> ProfileExport:
    """The document from the ZIP or from one of its CSV files."""
    export = ProfileExport({})
    if is_zip(data):
        members = open_zip(data, filename, WANTED)
        if not members.keys() & {"profile", "positions", "education", "skills"}:
            raise ImportProblem(
                filename,
                "this ZIP has no Profile.csv, Positions.csv, Education.csv or Skills.csv in it: "
                "ask LinkedIn for the complete archive (Settings, Data privacy, Get a copy of "
                "your data).",
            )
        for kind in WANTED.values():
            if kind in members:
                name, content = members[kind]
                try:
                    _read_file(export, kind, name, content)
                except ImportProblem as problem:
                    export.problems.append(Problem(name, None, "", problem.message))
        return export
    found = kind_of_csv(data)
    if found is None:
        raise ImportProblem(filename, f"this is not a LinkedIn profile file: expected {EXPECTED}.")
    _read_file(export, found, filename, data)
    return export


def _read_file(export: ProfileExport, kind: str, file: str, data: bytes) -> None:
    text = decode(data)
    if not text.strip():
        raise ImportProblem(file, "the file is empty.")
    problems = export.problems
    records = list(csv_records(text, file, problems))
    header = next((r for r in records[:10] if _kind(r.cells) == kind), None)
    if header is None:
        raise ImportProblem(file, f"the columns are not LinkedIn's: expected {EXPECTED}.")
    where = columns(header.cells, _COLUMNS[kind])
    rows = [r for r in records if r.line > header.line]
    if len(rows) > MAX_ROWS:
        problems.append(
            Problem(file, None, "", f"more than {MAX_ROWS:,} rows: the rest were not read.")
        )
        rows = rows[:MAX_ROWS]
    read_row = _READERS[kind]
    export.files.append(file)
    for row in rows:
        read_row(export.document, _Row(file, row, where, problems))


class _Row:
    def __init__(self, file: str, record: Record, where: dict[str, int], problems: list[Problem]):
        self.file, self.record, self.where, self.problems = file, record, where, problems

    def get(self, name: str) -> str:
        return tidy(cell(self.record.cells, self.where, name))

    def block(self, name: str) -> str:
        return tidy_block(cell(self.record.cells, self.where, name))

    def date(self, name: str, column: str) -> str:
        raw = self.get(name)
        if not raw:
            return ""
        found = iso_date(raw)
        if not found:
            self.problems.append(
                Problem(self.file, self.record.line, column,
                        f"{raw!r} is not a date like Mar 2021 or 2021; it was left out.")
            )  # fmt: skip
        return found


def _set(item: dict[str, Any], **values: Any) -> dict[str, Any]:
    item.update({k: v for k, v in values.items() if v not in ("", None, [])})
    return item


def _profile(document: dict[str, Any], row: _Row) -> None:
    basics = document.setdefault("basics", {})
    if basics.get("name"):
        return  # Profile.csv has one row; a second is a repeat
    name = tidy(f"{row.get('first')} {row.get('last')}")
    _set(basics, name=name, label=row.get("headline"), summary=row.block("summary"))
    place = row.get("location")
    if place:
        city, _, region = place.partition(",")
        basics["location"] = _set({}, city=city.strip(), region=region.strip())
    links = re.findall(r"(?:([A-Za-z _]+):)?((?:https?://|www\.)[^\s,\]]+)", row.get("websites"))
    if links:
        first = links[0][1]
        basics.setdefault("url", first if "://" in first else "https://" + first)
    handles = [h.strip(" @") for h in row.get("twitter").strip("[]").split(",") if h.strip(" @")]
    if handles:
        profiles = basics.setdefault("profiles", [])
        for handle in handles:
            profiles.append({"network": "Twitter", "username": handle,
                             "url": f"https://twitter.com/{handle}"})  # fmt: skip


_BULLET_LINE = re.compile(r"^\s*(?:[-*\u2022\u25cf\u25aa]|\d+[.)])\s+")


def _positions(document: dict[str, Any], row: _Row) -> None:
    description = row.block("description")
    summary_lines, highlights = [], []
    for line in description.split("\n"):
        if _BULLET_LINE.match(line):
            highlights.append(_BULLET_LINE.sub("", line).strip())
        elif line.strip():
            summary_lines.append(line.strip())
    item = _set(
        {},
        name=row.get("company"),
        position=row.get("title"),
        location=row.get("location"),
        startDate=row.date("start", "Started On"),
        endDate=row.date("end", "Finished On"),
        summary="\n".join(summary_lines),
        highlights=highlights,
    )
    if item.get("name") or item.get("position"):
        document.setdefault("work", []).append(item)


def _education(document: dict[str, Any], row: _Row) -> None:
    notes = [t for t in (row.block("notes"), row.block("activities")) if t]
    item = _set(
        {},
        institution=row.get("school"),
        studyType=row.get("degree"),
        area=row.get("field"),
        startDate=row.date("start", "Start Date"),
        endDate=row.date("end", "End Date"),
        courses=notes,
    )
    if item.get("institution"):
        document.setdefault("education", []).append(item)


def _skills(document: dict[str, Any], row: _Row) -> None:
    name = row.get("name")
    skills = document.setdefault("skills", [])
    if name and all(s["name"].lower() != name.lower() for s in skills):
        skills.append({"name": name})


def _languages(document: dict[str, Any], row: _Row) -> None:
    if language := row.get("name"):
        document.setdefault("languages", []).append(
            _set({"language": language}, fluency=row.get("fluency"))
        )


def _certifications(document: dict[str, Any], row: _Row) -> None:
    if name := row.get("name"):
        item = _set({"name": name}, issuer=row.get("issuer"), url=row.get("url"),
                    date=row.date("date", "Started On"))  # fmt: skip
        document.setdefault("certificates", []).append(item)


def _projects(document: dict[str, Any], row: _Row) -> None:
    if name := row.get("name"):
        item = _set(
            {"name": name},
            description=row.block("description"),
            url=row.get("url"),
            startDate=row.date("start", "Started On"),
            endDate=row.date("end", "Finished On"),
        )
        document.setdefault("projects", []).append(item)


def _emails(document: dict[str, Any], row: _Row) -> None:
    email = row.get("email")
    basics = document.setdefault("basics", {})
    if email and (row.get("primary").lower() in ("yes", "true") or "email" not in basics):
        basics["email"] = email


_READERS = {
    "profile": _profile,
    "positions": _positions,
    "education": _education,
    "skills": _skills,
    "languages": _languages,
    "certifications": _certifications,
    "projects": _projects,
    "emails": _emails,
}
