"""What every contacts importer shares (pure, no Django): the shapes they return, the one
error they raise, and the readers for names, e-mail addresses, LinkedIn addresses and dates.

A parser either returns its rows with a list of Problems (a bad cell or row costs that cell or
row), or raises ImportProblem when the whole file cannot be read; it never raises anything
else, whatever bytes it is given."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import quote, unquote, urlsplit

# Field lengths of the Contact model, so nothing is cut by the database.
LIMITS = {
    "first_name": 100,
    "last_name": 100,
    "headline": 300,
    "company": 200,
    "role": 200,
    "email": 254,
    "phone": 50,
    "linkedin_url": 500,
    "how_met": 300,
}
MAX_TAG = 60
MAX_ROWS = 100_000  # rows per file: a connections export tops out at 30,000


class ImportProblem(ValueError):
    """The whole file cannot be imported; the message names the file and says why."""

    def __init__(self, file: str, message: str) -> None:
        self.file = file
        self.message = message
        super().__init__(f"{file}: {message}")


@dataclass
class Problem:
    file: str
    row: int | None  # the line the record starts on, as a text editor counts; None: the file
    field: str  # the column or property, "" for the whole row
    message: str  # one clear sentence
    skipped: bool = False  # the row was not imported (otherwise only the cell was ignored)

    @property
    def where(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(self.field)
        return ", ".join(parts)


@dataclass
class ParsedContact:
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    company: str = ""
    role: str = ""
    headline: str = ""
    linkedin_url: str = ""
    linkedin_key: str = ""
    how_met: str = ""
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    strength: int | None = None
    cadence_days: int | None = None
    connected_on: date | None = None
    row: int | None = None

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


@dataclass
class ParsedContacts:
    contacts: list[ParsedContact]
    problems: list[Problem]


# --- text --------------------------------------------------------------------------------


def tidy(value: object, limit: int | None = None) -> str:
    """One line, single spaces, no control characters; cut to `limit` characters."""
    text = " ".join(str(value or "").replace("\x00", "").split())
    return text[:limit] if limit else text


def tidy_block(value: object) -> str:
    """Multi-line text (notes, messages): LF line ends, no trailing spaces, no NULs."""
    text = str(value or "").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def decode(data: bytes | str) -> str:
    """Text from an upload: UTF-8 (with or without a byte-order mark), UTF-16 with its mark,
    else Windows-1252 (what Excel on Windows saves)."""
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def header_key(value: object) -> str:
    """A header as we compare it: "  Email_Address " and "email address" are one column."""
    text = str(value or "").lstrip("\ufeff").replace("_", " ").replace("-", " ").lower()
    return " ".join(text.split())


_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]+$")


def clean_email(value: object) -> tuple[str, bool]:
    """(address, ok): "" and True for an empty cell; the cell and False for a bad address."""
    text = tidy(value).removeprefix("mailto:").removeprefix("MAILTO:")
    if not text:
        return "", True
    if len(text) > LIMITS["email"] or not _EMAIL.match(text):
        return "", False
    return text, True


def split_name(full: str) -> tuple[str, str]:
    """ "Ada Lovelace" → ("Ada", "Lovelace"); "Doe, Jane" → ("Jane", "Doe")."""
    full = tidy(full)
    if "," in full:
        last, _, first = full.partition(",")
        return tidy(first, LIMITS["first_name"]), tidy(last, LIMITS["last_name"])
    first, _, last = full.rpartition(" ") if " " in full else (full, "", "")
    return tidy(first, LIMITS["first_name"]), tidy(last, LIMITS["last_name"])


# --- LinkedIn addresses -------------------------------------------------------------------

_SLUG_PARTS = {"in", "pub"}


# The address as LinkedIn writes it in every export: read without parsing the URL.
_PLAIN_PROFILE = re.compile(r"https://www\.linkedin\.com/in/([A-Za-z0-9_-]{1,100})/?")


def linkedin_profile(url: object) -> tuple[str, str]:
    """(canonical address, key) of a LinkedIn profile, or ("", "") when it is not one.

    The key is the lower-cased profile slug, "in/jane-doe-123", the same for
    "https://uk.linkedin.com/in/Jane-Doe-123/?trk=x" and "linkedin.com/in/jane-doe-123"."""
    if isinstance(url, str) and (plain := _PLAIN_PROFILE.fullmatch(url)):
        slug = plain[1]
        return f"https://www.linkedin.com/in/{slug}", f"in/{slug.lower()}"
    text = tidy(url)
    if not text or len(text) > 1000:
        return "", ""
    if "://" not in text:
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return "", ""
    if parts.scheme.lower() not in {"http", "https"}:
        return "", ""
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return "", ""
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if len(segments) < 2 or segments[0].lower() not in _SLUG_PARTS:
        return "", ""
    kept = segments[:2] if segments[0].lower() == "in" else segments[:5]
    if any(not s.strip() or any(c in s for c in " \t\n?#") for s in kept):
        return "", ""
    path = "/".join(kept)
    canonical = f"https://www.linkedin.com/{quote(path, safe='/-_.~')}"
    if len(canonical) > LIMITS["linkedin_url"]:
        return "", ""
    return canonical, path.lower()[:200]


def linkedin_key(url: object) -> str:
    return linkedin_profile(url)[1]


# --- dates -------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ \-]([A-Za-z]{3,9})\.?[ \-,]+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})\b")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_US = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,? +(\d{1,2}):(\d{2})(?::(\d{2}))? *([AaPp][Mm])?)?"
)


def parse_datetime(value: object) -> datetime | None:
    """The dates LinkedIn exports have used: "07 Dec 2025", "Dec 7, 2025", "2025-12-07
    14:03:12 UTC", "12/7/25, 2:03 PM". Naive: LinkedIn writes UTC or leaves the zone out."""
    text = tidy(value)
    if not text or len(text) > 60:
        return None
    try:
        if m := _ISO.match(text):
            year, month, day = int(m[1]), int(m[2]), int(m[3])
            hour, minute, second = int(m[4] or 0), int(m[5] or 0), int(m[6] or 0)
            return datetime(year, month, day, hour, minute, second)
        if m := _DAY_MONTH_YEAR.match(text):
            named = _MONTHS.get(m[2].lower())
            return datetime(int(m[3]), named, int(m[1])) if named else None
        if m := _MONTH_DAY_YEAR.match(text):
            named = _MONTHS.get(m[1].lower())
            return datetime(int(m[3]), named, int(m[2])) if named else None
        if m := _US.match(text):
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            hour = int(m[4] or 0)
            if m[7]:
                if not 1 <= hour <= 12:
                    return None
                hour = hour % 12 + (12 if m[7].lower() == "pm" else 0)
            return datetime(year, int(m[1]), int(m[2]), hour, int(m[5] or 0), int(m[6] or 0))
    except ValueError:  # 31 February and the like
        return None
    return None


def parse_date(value: object) -> date | None:
    found = parse_datetime(value)
    return found.date() if found and 1900 <= found.year <= 2200 else None


# --- CSV ---------------------------------------------------------------------------------


@dataclass
class Record:
    line: int  # where the record starts
    cells: list[str]


def csv_records(text: str, file: str, problems: list[Problem]) -> Iterator[Record]:
    """The records of a CSV text with the line each starts on; blank lines are dropped and a
    broken record is reported and skipped. Quoted commas and line breaks, CRLF, a BOM and
    semicolon- or tab-separated files all read."""
    text = text.lstrip("\ufeff").replace("\x00", "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    previous_end = 0
    bad = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            bad += 1
            problems.append(
                Problem(file, previous_end + 1, "", f"This row is not valid CSV ({error}).", True)
            )
            previous_end = reader.line_num
            if bad > 100:
                raise ImportProblem(file, "the file is not readable CSV.") from None
            continue
        start, previous_end = previous_end + 1, reader.line_num
        if "".join(cells).strip():
            yield Record(start, cells)


def _delimiter(text: str) -> str:
    """Comma, or a semicolon or tab when the first lines plainly use those instead."""
    head = "\n".join(text.split("\n", 12)[:12])
    counts = {d: head.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] > counts[","] * 2 else ","


def columns(headers: list[str], known: dict[str, str]) -> dict[str, int]:
    """Our field → the cell index of its column, by header name (the first of duplicates)."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = known.get(header_key(header))
        if name and name not in found:
            found[name] = index
    return found


def cell(cells: list[str], where: dict[str, int], name: str) -> str:
    index = where.get(name)
    return cells[index] if index is not None and index < len(cells) else ""
