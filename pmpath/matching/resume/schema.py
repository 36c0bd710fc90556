"""The published JSON Resume schema (from the `@jsonresume/schema` npm package, copied into the
git-ignored vendor folder by `make install`) and validation against it with every error named
by its JSON path: "work[0].startDate: '2020-13' is not a date like 2024, 2024-06 or 2024-06-29".

Also the canonical JSON of a document and its checksum, which the match engine uses to tell a
stale score from a fresh one."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, FormatChecker
from jsonschema.exceptions import ValidationError

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "static" / "vendor" / "jsonresume-schema.json"
MAX_ERRORS = 200  # a document that is wrong everywhere still gets a readable list

# The sections of a JSON Resume document, in the order a resume shows them.
LIST_SECTIONS = (
    "work",
    "projects",
    "education",
    "skills",
    "certificates",
    "languages",
    "volunteer",
    "awards",
    "publications",
    "interests",
    "references",
)


class SchemaMissing(RuntimeError):
    """The schema file is not installed (make install copies it from node_modules)."""


@dataclass(frozen=True)
class SchemaError:
    path: str  # "work[0].startDate"; "(the document)" for the top level
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


# A checkout where `npm ci` ran but the vendor copy was not made yet still finds it.
_CHECKOUT_PATH = (
    Path(__file__).resolve().parents[3] / "node_modules" / "@jsonresume" / "schema" / "schema.json"
)


@cache
def schema() -> dict[str, Any]:
    for path in (SCHEMA_PATH, _CHECKOUT_PATH):
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    raise SchemaMissing(
        f"the JSON Resume schema is not installed at {SCHEMA_PATH}: run `make install`"
    )


@cache
def _validator() -> Draft7Validator:
    # Formats are checked where jsonschema can without extra packages (email, dates); "uri"
    # is left as text, as most resumes in the wild write "example.com" without a scheme.
    return Draft7Validator(schema(), format_checker=FormatChecker())


def json_path(parts: Any) -> str:
    """deque(["work", 0, "startDate"]) → "work[0].startDate"."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(the document)"


def _message(error: ValidationError) -> str:
    if error.validator == "pattern" and "[1-2][0-9]{3}" in str(error.validator_value):
        return f"{error.instance!r} is not a date like 2024, 2024-06 or 2024-06-29"
    if error.validator == "type":
        wanted = error.validator_value
        names = {
            "string": "text",
            "array": "a list",
            "object": "an object (keys and values)",
            "number": "a number",
            "integer": "a whole number",
            "boolean": "true or false",
        }
        shown = "null" if error.instance is None else repr(_short(error.instance))
        if isinstance(wanted, str):
            return f"{shown} should be {names.get(wanted, wanted)}"
    if error.validator == "format":
        return f"{error.instance!r} is not a valid {error.validator_value} address"
    return error.message


def _short(value: Any) -> Any:
    text = json.dumps(value, ensure_ascii=False)
    return value if len(text) <= 60 else text[:57] + "…"


def validate(document: Any) -> list[SchemaError]:
    """Every way `document` breaks the schema, in document order; [] when it is valid."""
    errors = sorted(
        _validator().iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path]
    )
    return [SchemaError(json_path(e.absolute_path), _message(e)) for e in errors[:MAX_ERRORS]]


def canonical_json(document: Any) -> str:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def checksum(document: Any) -> str:
    return hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()


_ISO_DATE = re.compile(r"^[1-2][0-9]{3}(-[0-1][0-9](-[0-3][0-9])?)?$")


def is_date(value: str) -> bool:
    """A date as the schema accepts it: 2024, 2024-06 or 2024-06-29."""
    return bool(_ISO_DATE.match(value))
