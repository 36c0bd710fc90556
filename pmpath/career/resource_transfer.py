"""Learning resources in and out: the shape of one resource, the shipped catalogue file, and the
CSV and JSON formats people import and export. Pure: pydantic and the standard library only.

Columns are matched by their header (any case, spaces or hyphens for underscores), so a file
made in a spreadsheet with only some columns still reads. Levels and skills are lists: in CSV
separated by commas, semicolons or line breaks, written as keys ("senior_pm") or names
("Senior PM", "Strategic thinking").
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from pmpath.career.knowledge import COMPETENCIES, LEVELS

KINDS = (
    "course",
    "certification",
    "book",
    "podcast",
    "newsletter",
    "community",
    "article",
    "video",
    "tool",
)
KindKey = Literal[
    "course",
    "certification",
    "book",
    "podcast",
    "newsletter",
    "community",
    "article",
    "video",
    "tool",
]
COLUMNS = (
    "key",
    "name",
    "provider",
    "kind",
    "url",
    "cost",
    "currency",
    "hours",
    "levels",
    "skills",
    "description",
)
JSON_FORMAT = "pmpath-resources"
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+[^\s]*$", re.IGNORECASE)
_SPLIT = re.compile(r"[\n,;]+")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
# A cell starting with one of these is a formula to spreadsheets: cells we write get a leading
# apostrophe so opening the file never runs anything, and reading strips it again.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def normalise_token(text: str) -> str:
    """ "Senior PM" -> "senior_pm"; "Strategic thinking" -> "strategic_thinking"."""
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


class ResourceRecord(BaseModel):
    """One resource as the catalogue file, the import and the export see it."""

    key: str = Field(default="", max_length=80, pattern=r"^([a-z0-9]+(-[a-z0-9]+)*)?$")
    name: str = Field(min_length=1, max_length=200)
    provider: str = Field(default="", max_length=200)
    kind: KindKey
    url: str = Field(default="", max_length=500)
    cost: Decimal | None = Field(default=None, ge=0, max_digits=9, decimal_places=2)
    currency: str = Field(default="", pattern=r"^([A-Z]{3})?$")
    hours: Decimal | None = Field(default=None, ge=0, le=10000, decimal_places=1)
    levels: list[Literal["apm", "pm", "senior_pm", "lead_pm", "director"]] = Field(
        default_factory=list
    )
    skills: list[
        Literal[
            "communication",
            "strategic_thinking",
            "technical_knowledge",
            "project_management",
            "customer_focus",
            "leadership",
        ]
    ] = Field(default_factory=list)
    description: str = Field(default="", max_length=2000)

    @field_validator("name", "provider", "description", mode="before")
    @classmethod
    def _tidy(cls, value: Any) -> Any:
        return " ".join(value.split()) if isinstance(value, str) else value

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if value and not _URL.match(value):
            raise ValueError("must be a web address starting with https:// (or http://)")
        return value

    @field_validator("levels", "skills")
    @classmethod
    def _unique_in_order(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    @model_validator(mode="after")
    def _currency_with_price(self) -> ResourceRecord:
        if self.cost and not self.currency:
            raise ValueError("currency: give the currency of the cost, e.g. USD or EUR")
        if not self.cost:
            self.currency = ""  # free or unknown: a currency would mean nothing
        return self

    @property
    def identity(self) -> tuple[str, str]:
        """What makes two resources the same when neither has a key: name and provider."""
        return identity(self.name, self.provider)


def identity(name: str, provider: str) -> tuple[str, str]:
    return (" ".join(name.split()).casefold(), " ".join(provider.split()).casefold())


class Catalogue(BaseModel):
    """The shipped catalogue file, data/resources.yaml."""

    version: int
    resources: list[ResourceRecord] = Field(min_length=1)

    @model_validator(mode="after")
    def _keys_present_and_unique(self) -> Catalogue:
        seen: set[str] = set()
        for index, r in enumerate(self.resources):
            if not r.key:
                raise ValueError(f"resources[{index}] ({r.name}) needs a key")
            if r.key in seen:
                raise ValueError(f"resources[{index}]: the key {r.key!r} is used twice")
            seen.add(r.key)
        return self


# --- reading ------------------------------------------------------------------------------


@dataclass
class Problem:
    position: str  # "row 4" (CSV, counting the header as row 1) or "resources[3]" (JSON)
    field: str  # "" when about the whole row or file
    message: str

    def __str__(self) -> str:
        where = f"{self.position}, {self.field}" if self.field else self.position
        return f"{where}: {self.message}"


@dataclass
class Parsed:
    records: list[tuple[str, ResourceRecord, frozenset[str]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # (position, record, the fields the row gave: an update changes only those)


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = _SPLIT.split(value)
    elif isinstance(value, list | tuple):
        parts = [str(v) for v in value]
    else:
        parts = [str(value)]
    return [normalise_token(p) for p in parts if p.strip()]


def _number(value: Any, *, free_word: bool = False) -> Any:
    if value is None or isinstance(value, int | float | Decimal):
        return value
    text = str(value).strip()
    if not text:
        return None
    if free_word and text.casefold() == "free":
        return Decimal(0)
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return value  # left as is: validation names the field


def _prepare(raw: Mapping[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in COLUMNS:
        if name not in raw:
            continue
        value = raw[name]
        if name in ("levels", "skills"):
            data[name] = _list(value)
        elif name == "cost":
            data[name] = _number(value, free_word=True)
        elif name == "hours":
            data[name] = _number(value)
        elif name == "kind":
            data[name] = normalise_token(str(value or ""))
        elif name == "currency":
            data[name] = str(value or "").strip().upper()
        elif name in ("key", "url"):
            data[name] = str(value or "").strip()
        else:
            data[name] = "" if value is None else str(value)
    return data


_MESSAGES = {
    "kind": f"must be one of {', '.join(KINDS)}",
    "levels": f"each level must be one of {', '.join(LEVELS)}",
    "skills": f"each skill must be one of {', '.join(COMPETENCIES)}",
    "key": "must be lower-case letters, digits and single hyphens (e.g. the-mom-test)",
    "currency": "must be a three-letter currency code such as USD or EUR",
    "cost": "must be a number, 0 for free",
    "hours": "must be a number of hours",
}


def _explain(exc: ValidationError, position: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else ""
        message = str(error["msg"]).removeprefix("Value error, ")
        if not name and message.startswith("currency: "):
            name, message = "currency", message.removeprefix("currency: ")
        if name in seen:
            continue
        seen.add(name)
        if error["type"] == "missing" or (name == "name" and error["type"] == "string_too_short"):
            message = "is required"
        elif name in _MESSAGES and error["type"] not in ("string_too_long", "value_error"):
            message = _MESSAGES[name]
        problems.append(Problem(position, name, message))
    return problems


def read_record(
    raw: Mapping[str, Any], position: str
) -> tuple[ResourceRecord | None, list[Problem]]:
    data = _prepare(raw)
    try:
        return ResourceRecord.model_validate(data), []
    except ValidationError as exc:
        return None, _explain(exc, position)


def _collect(parsed: Parsed, rows: Iterable[tuple[str, Mapping[str, Any]]]) -> Parsed:
    keys: dict[str, str] = {}
    names: dict[tuple[str, str], str] = {}
    for position, raw in rows:
        if len(parsed.records) + len(parsed.problems) >= MAX_ROWS:
            parsed.problems.append(Problem(position, "", f"over {MAX_ROWS} rows; split the file"))
            break
        record, problems = read_record(raw, position)
        if record is None:
            parsed.problems += problems
            continue
        if record.key and record.key in keys:
            message = f"the key {record.key!r} is already used by {keys[record.key]}"
            parsed.problems.append(Problem(position, "key", message))
            continue
        if record.identity in names:
            message = f"the same name and provider as {names[record.identity]}"
            parsed.problems.append(Problem(position, "name", message))
            continue
        if record.key:
            keys[record.key] = position
        names[record.identity] = position
        given = frozenset(data_key for data_key in COLUMNS if data_key in raw)
        parsed.records.append((position, record, given))
    return parsed


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def parse_csv(data: bytes | str) -> Parsed:
    """Resources from a CSV with a header row. Rows are numbered as a spreadsheet shows them."""
    parsed = Parsed()
    if len(data) > MAX_BYTES:
        parsed.problems.append(Problem("file", "", "is over the 5 MB limit"))
        return parsed
    text = _decode(data)
    if not text.strip():
        parsed.problems.append(Problem("file", "", "is empty"))
        return parsed
    first = text.splitlines()[0]
    delimiter = max((",", ";", "\t"), key=lambda d: (first.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [normalise_token(h) for h in next(reader)]
    except csv.Error as exc:
        parsed.problems.append(Problem("row 1", "", _csv_problem(exc)))
        return parsed
    if "name" not in header or "kind" not in header:
        missing = [c for c in ("name", "kind") if c not in header]
        message = f"the header has no {' or '.join(missing)} column (columns: {', '.join(COLUMNS)})"
        parsed.problems.append(Problem("row 1", "", message))
        return parsed

    def rows() -> Iterable[tuple[str, dict[str, Any]]]:
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            yield (
                f"row {number}",
                {
                    name: _unprotect(cells[i]) if i < len(cells) else ""
                    for i, name in enumerate(header)
                    if name in COLUMNS
                },
            )

    try:
        return _collect(parsed, rows())
    except csv.Error as exc:  # a cell over the csv module's 128 KB field limit, say
        parsed.problems.append(Problem(f"row {reader.line_num}", "", _csv_problem(exc)))
        return parsed


def _csv_problem(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        limit = csv.field_size_limit() // 1024
        return f"has a cell longer than {limit} KB, more than any resource needs"
    return f"cannot be read as CSV ({exc})"


def parse_json(data: bytes | str) -> Parsed:
    """Resources from JSON: our export ({"format": ..., "resources": [...]}) or a bare list."""
    parsed = Parsed()
    if len(data) > MAX_BYTES:
        parsed.problems.append(Problem("file", "", "is over the 5 MB limit"))
        return parsed
    try:
        document = json.loads(_decode(data))
    except json.JSONDecodeError as exc:
        message = f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        parsed.problems.append(Problem("file", "", message))
        return parsed
    except RecursionError:
        parsed.problems.append(Problem("file", "", "nests lists or objects too deeply to read"))
        return parsed
    items = document.get("resources") if isinstance(document, dict) else document
    if not isinstance(items, list):
        message = 'must be a list of resources or an object with a "resources" list'
        parsed.problems.append(Problem("file", "", message))
        return parsed

    def rows() -> Iterable[tuple[str, Mapping[str, Any]]]:
        for index, item in enumerate(items):
            position = f"resources[{index}]"
            if not isinstance(item, dict):
                parsed.problems.append(Problem(position, "", "is not an object"))
                continue
            yield position, {normalise_token(k): v for k, v in item.items()}

    return _collect(parsed, rows())


def parse(name: str, data: bytes | str) -> Parsed:
    """CSV or JSON, by the file name's extension (JSON also when the content starts like it)."""
    head = (data[:64] if isinstance(data, str) else data[:64].decode("utf-8", "ignore")).lstrip(
        "\ufeff \r\n\t"
    )
    if name.lower().endswith(".json") or head.startswith(("{", "[")):
        return parse_json(data)
    return parse_csv(data)


# --- writing ------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def as_dict(record: Mapping[str, Any]) -> dict[str, Any]:
    """One resource in the export's shape, from any mapping with the COLUMNS."""
    return {name: _plain(record.get(name)) for name in COLUMNS} | {
        "key": record.get("key") or "",
        "levels": list(record.get("levels") or []),
        "skills": list(record.get("skills") or []),
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(value)
    text = str(_plain(value))
    return f"'{text}" if text.lstrip("'")[:1] in _FORMULA_START else text


def _unprotect(value: str) -> str:
    return value[1:] if value.startswith("'") and value.lstrip("'")[:1] in _FORMULA_START else value


def format_csv(records: Iterable[Mapping[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        row = as_dict(record)
        writer.writerow([_cell(row[name]) for name in COLUMNS])
    return buffer.getvalue()


def format_json(records: Iterable[Mapping[str, Any]], *, exported_at: str = "") -> str:
    document = {
        "format": JSON_FORMAT,
        "version": 1,
        "exported_at": exported_at,
        "resources": [as_dict(r) for r in records],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
