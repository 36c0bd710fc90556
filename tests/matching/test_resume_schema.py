"""JSON Resume validation against the published schema (node_modules/@jsonresume/schema, copied
to the vendor folder by `make install`).

No published version of @jsonresume/schema (1.2.0, 1.2.1, 1.3.1) or of the older
`resume-schema` package ships the project's test fixtures; they live only in its repository.
So the cases below are our own, covering the same rules the official suite covers: every
section valid as an empty list/object and invalid as null, every field valid with a value of
its type and invalid as null, every list item invalid as null, the three date forms and a
malformed date, "$schema", a bad e-mail address and a basics of the wrong type. A test checks
that the table names every property the schema defines, so a new schema version cannot slip
past it. The examples the package does ship are checked to stay valid."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pmpath.matching.resume import schema
from tests.matching.resume_factories import full

PACKAGE = Path(__file__).resolve().parents[2] / "node_modules" / "@jsonresume" / "schema"

# section -> {field: a valid value}; "x[]" is a list of strings; "x.y" a nested object's field.
TEXT, DATE, LIST = "Some text", "2014-06-29", ["one", "two"]
FIELDS: dict[str, dict[str, Any]] = {
    "basics": {"name": TEXT, "label": TEXT, "image": "me.png", "email": "me@example.com",
               "phone": "(912) 555-4321", "url": "https://example.com", "summary": TEXT,
               "location": {}, "location.address": TEXT, "location.postalCode": "CA 94115",
               "location.city": TEXT, "location.countryCode": "US", "location.region": TEXT,
               "profiles": [], "profiles[].network": "Mastodon", "profiles[].username": TEXT,
               "profiles[].url": "https://example.com/me"},
    "work": {"name": TEXT, "location": TEXT, "description": TEXT, "position": TEXT,
             "url": "https://example.com", "startDate": DATE, "endDate": DATE, "summary": TEXT,
             "highlights[]": LIST},
    "volunteer": {"organization": TEXT, "position": TEXT, "url": "https://example.com",
                  "startDate": DATE, "endDate": DATE, "summary": TEXT, "highlights[]": LIST},
    "education": {"institution": TEXT, "url": "https://example.com", "area": TEXT,
                  "studyType": TEXT, "startDate": DATE, "endDate": DATE, "score": "3.67/4.0",
                  "courses[]": LIST},
    "awards": {"title": TEXT, "date": DATE, "awarder": TEXT, "summary": TEXT},
    "certificates": {"name": TEXT, "date": DATE, "url": "https://example.com", "issuer": TEXT},
    "publications": {"name": TEXT, "publisher": TEXT, "releaseDate": DATE,
                     "url": "https://example.com", "summary": TEXT},
    "skills": {"name": TEXT, "level": TEXT, "keywords[]": LIST},
    "languages": {"language": TEXT, "fluency": TEXT},
    "interests": {"name": TEXT, "keywords[]": LIST},
    "references": {"name": TEXT, "reference": TEXT},
    "projects": {"name": TEXT, "description": TEXT, "highlights[]": LIST, "keywords[]": LIST,
                 "startDate": DATE, "endDate": DATE, "url": "https://example.com",
                 "roles[]": LIST, "entity": TEXT, "type": TEXT},
    "meta": {"canonical": "https://example.com/resume.json", "version": "v1.0.0",
             "lastModified": "2017-06-29T15:53:00"},
}  # fmt: skip
OBJECT_SECTIONS = {"basics", "meta"}


def _doc(section: str, path: str, value: Any) -> dict[str, Any]:
    """A document with `value` at `path` inside one item (or the object) of `section`."""
    key = path.removesuffix("[]")
    if key.startswith("profiles[]."):
        inner: dict[str, Any] = {"profiles": [{key.split(".", 1)[1]: value}]}
    elif "." in key:
        outer, field = key.split(".", 1)
        inner = {outer: {field: value}}
    else:
        inner = {key: value}
    return {section: inner if section in OBJECT_SECTIONS else [inner]}


def _valid_cases() -> list[tuple[str, dict[str, Any]]]:
    cases = [("$schema", {"$schema": "foo-bar-baz"}), ("empty document", {})]
    for section in FIELDS:
        cases.append((f"{section} empty", {section: {} if section in OBJECT_SECTIONS else []}))
        for path, value in FIELDS[section].items():
            cases.append((f"{section}.{path}", _doc(section, path, value)))
    for date in ("2013-12-02", "2013-12", "2013"):
        cases.append((f"date {date}", {"work": [{"startDate": date}]}))
    return cases


def _invalid_cases() -> list[tuple[str, dict[str, Any], str]]:
    cases = [
        ("$schema not text", {"$schema": {}}, "$schema"),
        ("basics a list", {"basics": []}, "basics"),
        ("bad email", {"basics": {"email": "not an address"}}, "basics.email"),
    ]
    for section in FIELDS:
        cases.append((f"{section} null", {section: None}, section))
        if section not in OBJECT_SECTIONS:
            cases.append((f"{section} item null", {section: [None]}, f"{section}[0]"))
        for path in FIELDS[section]:
            where = _where(section, path)
            cases.append((f"{section}.{path} null", _doc(section, path, None), where))
            if path.endswith("[]"):
                doc = _doc(section, path, [None])
                cases.append((f"{section}.{path} item null", doc, where + "[0]"))
    for date in ("2013-12-021", "present", "13-12-2013", "Dec 2013"):
        cases.append((f"date {date}", {"work": [{"endDate": date}]}, "work[0].endDate"))
    return cases


def _where(section: str, path: str) -> str:
    key = path.removesuffix("[]")
    if key.startswith("profiles[]."):
        return f"basics.profiles[0].{key.split('.', 1)[1]}"
    prefix = section if section in OBJECT_SECTIONS else f"{section}[0]"
    return f"{prefix}.{key}"


@pytest.mark.parametrize(("name", "document"), _valid_cases(), ids=lambda v: str(v)[:40])
def test_valid_documents_stay_valid(name: str, document: dict[str, Any]) -> None:
    assert schema.validate(document) == [], name


@pytest.mark.parametrize(("name", "document", "path"), _invalid_cases(), ids=lambda v: str(v)[:40])
def test_invalid_documents_stay_invalid_and_name_the_path(
    name: str, document: dict[str, Any], path: str
) -> None:
    errors = schema.validate(document)
    assert errors, name
    assert path in [e.path for e in errors], (name, errors)


def _schema_paths(node: dict[str, Any], prefix: str = "") -> set[str]:
    found: set[str] = set()
    for name, spec in (node.get("properties") or {}).items():
        path = f"{prefix}{name}"
        if spec.get("type") == "array" and (spec.get("items") or {}).get("type") != "object":
            found.add(path + "[]")
        else:
            found.add(path)
        if spec.get("type") == "object":
            found |= _schema_paths(spec, path + ".")
        if (spec.get("items") or {}).get("type") == "object":
            found |= _schema_paths(spec["items"], path + "[].")
    return found


def test_the_case_table_covers_every_property_of_the_schema() -> None:
    in_schema = _schema_paths(schema.schema())
    in_table = {"$schema"} | {
        f"{s}.{p}" if s in OBJECT_SECTIONS else f"{s}[].{p}" for s, fs in FIELDS.items() for p in fs
    }
    in_table |= set(FIELDS)
    missing = {p for p in in_schema if p not in in_table}
    assert not missing, f"add cases for: {sorted(missing)}"


def test_the_examples_the_package_ships_are_valid() -> None:
    shipped = [PACKAGE / "sample.resume.json", *sorted((PACKAGE / "examples").glob("*.json"))]
    assert shipped[0].exists(), "run make install: node_modules/@jsonresume/schema is missing"
    for path in shipped:
        assert schema.validate(json.loads(path.read_text())) == [], path.name


def test_the_vendor_copy_is_the_package_schema() -> None:
    assert schema.SCHEMA_PATH.read_bytes() == (PACKAGE / "schema.json").read_bytes()


def test_every_error_is_named_by_its_json_path() -> None:
    document = full()
    document["work"][1]["startDate"] = "2020-13-45"
    document["work"][0]["highlights"] = "one long string"
    document["basics"]["email"] = "maya at example"
    document["skills"][0]["keywords"] = [None]
    errors = [str(e) for e in schema.validate(document)]
    assert errors == [
        "basics.email: 'maya at example' is not a valid email address",
        "skills[0].keywords[0]: null should be text",
        "work[0].highlights: 'one long string' should be a list",
        "work[1].startDate: '2020-13-45' is not a date like 2024, 2024-06 or 2024-06-29",
    ]


def test_the_checksum_ignores_key_order_but_not_content() -> None:
    a = {"basics": {"name": "A", "label": "PM"}}
    b = {"basics": {"label": "PM", "name": "A"}}
    assert schema.checksum(a) == schema.checksum(b)
    assert schema.checksum(a) != schema.checksum({"basics": {"name": "B", "label": "PM"}})
