"""JSON Resume documents as plain dicts (pure, no Django): tidying what a form or an import
produced, merging an imported document into the stored one, and the dates as people read them.

Merging is what makes a re-import safe and idempotent: items are matched by what names them
(a job by employer, position and start; a school by institution and degree; a skill by name),
a matched item takes the imported values and keeps what only the stored one had (the highlights
the candidate wrote here), and new items are added after the existing ones. Merging the same
document twice gives the same result as merging it once."""

from __future__ import annotations

import copy
from typing import Any

from pmpath.matching.resume.schema import LIST_SECTIONS

# What identifies an item of each section when two documents are merged.
ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "work": ("name", "position", "startDate"),
    "volunteer": ("organization", "position", "startDate"),
    "education": ("institution", "studyType", "area"),
    "awards": ("title", "awarder"),
    "certificates": ("name", "issuer"),
    "publications": ("name", "publisher"),
    "skills": ("name",),
    "languages": ("language",),
    "interests": ("name",),
    "references": ("name",),
    "projects": ("name",),
}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def tidy(value: Any) -> Any:
    """The document without empty strings, empty lists and empty objects (a form's blank
    fields), and with text trimmed; None is kept only where the schema would refuse it
    anyway, so the validator can name it."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            kept = tidy(item)
            if kept not in ("", [], {}):
                out[key] = kept
        return out
    if isinstance(value, list):
        return [kept for item in value if (kept := tidy(item)) not in ("", [], {})]
    if isinstance(value, str):
        return value.strip()
    return value


def _key(section: str, item: Any, fields: tuple[str, ...] | None = None) -> tuple[str, ...] | None:
    if not isinstance(item, dict):
        return None
    fields = fields or ITEM_KEYS.get(section, ("name",))
    key = tuple(" ".join(str(item.get(f) or "").lower().split()) for f in fields)
    return key if any(key) else None


def merge(stored: dict[str, Any], incoming: dict[str, Any]) -> dict[str, Any]:
    """`incoming` merged into a copy of `stored` (see the module's note)."""
    result = copy.deepcopy(stored) if isinstance(stored, dict) else {}
    for name, value in incoming.items():
        if name in LIST_SECTIONS and isinstance(value, list):
            result[name] = _merge_list(name, result.get(name), value)
        elif isinstance(value, dict) and isinstance(result.get(name), dict):
            result[name] = _merge_object(result[name], value)
        else:
            result[name] = copy.deepcopy(value)
    return result


def _merge_object(stored: dict[str, Any], incoming: dict[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(stored)
    for name, value in incoming.items():
        if isinstance(value, dict) and isinstance(result.get(name), dict):
            result[name] = _merge_object(result[name], value)
        elif name == "profiles" and isinstance(value, list) and isinstance(result.get(name), list):
            result[name] = _merge_list("profiles", result[name], value, fields=("network",))
        elif _strings(value) and _strings(result.get(name)):
            # Highlights, keywords, courses: what was written here stays, new lines are added.
            result[name] = result[name] + [v for v in value if v not in result[name]]
        elif value not in ("", None, [], {}):
            result[name] = copy.deepcopy(value)
    return result


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _merge_list(
    section: str, stored: Any, incoming: list[Any], fields: tuple[str, ...] | None = None
) -> list[Any]:
    result = copy.deepcopy(stored) if isinstance(stored, list) else []
    where = {
        k: i for i, item in enumerate(result) if (k := _key(section, item, fields)) is not None
    }
    for item in incoming:
        key = _key(section, item, fields)
        if key is not None and key in where:
            at = where[key]
            result[at] = _merge_object(result[at], item)
        elif item not in result:
            result.append(copy.deepcopy(item))
            if key is not None:
                where[key] = len(result) - 1
    return result


def shown_date(value: Any) -> str:
    """ "2021-03" → "Mar 2021"; "2021" stays; anything else is shown as it is."""
    text = str(value or "")
    parts = text.split("-")
    if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return text


def period(item: dict[str, Any]) -> str:
    """An item's start and end as people read them: "Mar 2021 - present", "2016 - 2019"
    (with en dashes), "2019"."""
    start, end = shown_date(item.get("startDate")), shown_date(item.get("endDate"))
    if start and end:
        return start if start == end else f"{start} \u2013 {end}"
    if start:
        return f"{start} \u2013 present"
    return end


def counts(document: dict[str, Any]) -> dict[str, int]:
    return {s: len(v) for s in LIST_SECTIONS if isinstance(v := document.get(s), list)}


def is_empty(document: Any) -> bool:
    return not isinstance(document, dict) or not tidy(
        {k: v for k, v in document.items() if k not in ("$schema", "meta")}
    )


def basics_of(document: Any) -> dict[str, Any]:
    value = document.get("basics") if isinstance(document, dict) else None
    return value if isinstance(value, dict) else {}


def items_of(document: Any, section: str) -> list[Any]:
    value = document.get(section) if isinstance(document, dict) else None
    return value if isinstance(value, list) else []
