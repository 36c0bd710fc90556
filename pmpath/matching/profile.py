"""A JSON Resume document as the engine reads it: quotable lines, each with its JSON path, and
years of experience from the work dates. Pure: no Django.

    >>> doc = {"work": [{"position": "Product Manager", "startDate": "2020-01",
    ...                  "highlights": ["Ran A/B tests on checkout"]}]}
    >>> p = profile_from_resume(doc, today=date(2024, 1, 1))
    >>> [line.where for line in p.lines], p.years_pm
    (['work[0].position', 'work[0].highlights[0]'], 4.0)
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pmpath.jobs.classify import classify
from pmpath.matching.types import LEVEL_ORDER, Level, ProfileDoc, ResumeLine

# Which fields of each section are evidence, in the order a reader meets them. Lists of strings
# (highlights, keywords, courses, roles) give one line per item.
_FIELDS: dict[str, tuple[str, ...]] = {
    "work": ("position", "summary", "description", "highlights"),
    "volunteer": ("position", "summary", "highlights"),
    "projects": ("name", "description", "highlights", "keywords", "roles"),
    "education": ("area", "studyType", "courses"),
    "skills": ("name", "keywords"),
    "certificates": ("name", "issuer"),
    "awards": ("title", "summary"),
    "publications": ("name", "summary"),
    "languages": ("language",),
    "interests": ("name", "keywords"),
}
_SECTION_OF = {"interests": "other"}
MAX_LINES = 2000  # a resume is a page or two; a longer document is read only in part
MAX_LINE_CHARS = 2000


def _text(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    return re.sub(r"\s+", " ", value).strip()[:MAX_LINE_CHARS]


def _lines(doc: dict[str, Any]) -> list[ResumeLine]:
    out: list[ResumeLine] = []
    basics = doc.get("basics")
    basics = basics if isinstance(basics, dict) else {}
    for key in ("label", "summary"):
        if text := _text(basics.get(key)):
            out.append(ResumeLine(text, f"basics.{key}", "basics"))
    for section, fields in _FIELDS.items():
        entries = doc.get(section)
        if not isinstance(entries, list):
            continue
        kind = _SECTION_OF.get(section, section)
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            for key in fields:
                value = entry.get(key)
                if isinstance(value, list):
                    for j, item in enumerate(value):
                        if text := _text(item):
                            out.append(ResumeLine(text, f"{section}[{i}].{key}[{j}]", kind))  # type: ignore[arg-type]
                elif text := _text(value):
                    out.append(ResumeLine(text, f"{section}[{i}].{key}", kind))  # type: ignore[arg-type]
    return out[:MAX_LINES]


def parse_date(value: Any) -> date | None:
    """JSON Resume dates: "2020", "2020-03" or "2020-03-15" (ISO 8601 prefixes)."""
    if not isinstance(value, str):
        return None
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:T.*)?\s*", value)
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    if not 1 <= month <= 12 or year < 1900:
        return None
    try:
        return date(year, month, day)
    except ValueError:  # "2020-02-30": the month is what matters
        return date(year, month, 28)


def _union_years(spans: list[tuple[date, date]]) -> float:
    """Years covered by the spans, overlaps counted once."""
    total = 0
    current: tuple[date, date] | None = None
    for start, end in sorted(spans):
        if current and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current:
            total += (current[1] - current[0]).days
        current = (start, end)
    if current:
        total += (current[1] - current[0]).days
    return round(total / 365.25, 1)


def _is_pm(position: str) -> bool:
    return bool(position) and classify(position).family == "product_management"


def profile_from_resume(
    doc: dict[str, Any], target_level: Level | None = None, *, today: date | None = None
) -> ProfileDoc:
    """Read a JSON Resume document. An entry with no end date runs to `today` (pass it for
    results that do not change from day to day)."""
    doc = doc if isinstance(doc, dict) else {}
    today = today or date.today()
    spans: list[tuple[date, date]] = []
    pm_spans: list[tuple[date, date]] = []
    dated: list[tuple[date, bool, str]] = []
    work = doc.get("work")
    for entry in work if isinstance(work, list) else []:
        if not isinstance(entry, dict):
            continue
        position = _text(entry.get("position"))
        start = parse_date(entry.get("startDate"))
        end = parse_date(entry.get("endDate"))
        open_ended = end is None
        end = min(end or today, today)
        if start and start < end:
            spans.append((start, end))
            if _is_pm(position):
                pm_spans.append((start, end))
        if position:
            dated.append((start or date.min, open_ended, position))
    # Current titles: the jobs still held; failing that, the latest one.
    current = [p for _, open_ended, p in sorted(dated, reverse=True) if open_ended]
    if not current and dated:
        current = [max(dated)[2]]
    level = target_level if target_level in LEVEL_ORDER else None
    return ProfileDoc(
        lines=tuple(_lines(doc)),
        years_experience=_union_years(spans),
        years_pm=_union_years(pm_spans),
        target_level=level,
        current_titles=tuple(current[:3]),
    )
