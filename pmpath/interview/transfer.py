"""Questions in and out as CSV, JSON and Markdown. Pure: plain data in, plain data out.

Readers never raise: every row that cannot be used becomes a Problem naming the row (or item,
or question) and the field, and the other rows still come through. A row is used whole or not
at all, so a typo in a level never stores half a question. A blank category is filled in by
categorise.suggest and flagged, so the person can check it.

Lists travel as: tags (levels, skills, themes) separated by commas, semicolons or bars; texts
(follow-ups, strong-answer points, pitfalls) one per line inside the cell."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pmpath.interview.categorise import suggest
from pmpath.interview.knowledge import CATEGORIES, LEVELS, SKILLS, THEMES

FORMATS = {"csv": "CSV", "json": "JSON", "md": "Markdown"}
JSON_FORMAT = "pmpath-questions"
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
TEXT_MAX = 2000
POINT_MAX = 1000
POINTS_MAX = 30
COMPANY_MAX = 200
COLUMNS = (
    "text",
    "category",
    "difficulty",
    "levels",
    "skills",
    "themes",
    "company",
    "framework",
    "time_limit_seconds",
    "follow_ups",
    "strong_answer",
    "pitfalls",
    "key",
)
TAG_FIELDS = ("levels", "skills", "themes")
POINT_FIELDS = ("follow_ups", "strong_answer", "pitfalls")
CATEGORY_LABELS = {
    "product_sense": "Product sense / design",
    "strategy": "Product strategy",
    "estimation": "Estimation",
    "execution": "Execution and metrics",
    "technical": "Technical",
    "behavioural": "Behavioural",
    "motivation": "Motivation",
    "company": "Company research",
}
_CATEGORY_ALIASES = {
    **{label.casefold(): key for key, label in CATEGORY_LABELS.items()},
    "product sense": "product_sense",
    "product design": "product_sense",
    "design": "product_sense",
    "product strategy": "strategy",
    "market sizing": "estimation",
    "fermi": "estimation",
    "metrics": "execution",
    "execution": "execution",
    "analytical": "execution",
    "tech": "technical",
    "system design": "technical",
    "behavioral": "behavioural",
    "leadership": "behavioural",
    "why pm": "motivation",
    "company": "company",
    "research": "company",
}
_LEVEL_ALIASES = {
    "associate": "apm",
    "associate_product_manager": "apm",
    "product_manager": "pm",
    "senior": "senior_pm",
    "senior_product_manager": "senior_pm",
    "spm": "senior_pm",
    "lead": "lead_pm",
    "group_pm": "lead_pm",
    "gpm": "lead_pm",
    "principal_pm": "lead_pm",
    "lead_product_manager": "lead_pm",
    "head_of_product": "director",
    "director_of_product": "director",
}
_SKILL_ALIASES = {
    "strategy": "strategic_thinking",
    "strategic": "strategic_thinking",
    "technical": "technical_knowledge",
    "tech": "technical_knowledge",
    "project": "project_management",
    "execution": "project_management",
    "customer": "customer_focus",
    "customers": "customer_focus",
    "leading": "leadership",
}
_THEME_ALIASES = {
    "influence_without_authority": "influence",
    "data_driven_decision": "data",
    "data_driven": "data",
    "customer_obsession": "customer",
    "stakeholder_management": "stakeholder",
    "stakeholders": "stakeholder",
    "leading_a_team": "leadership",
    "prioritization": "prioritisation",
    "priorities": "prioritisation",
}
_DIFFICULTY = {
    "1": 1, "warm-up": 1, "warmup": 1, "easy": 1,
    "2": 2, "standard": 2, "medium": 2,
    "3": 3, "hard": 3, "difficult": 3,
}  # fmt: skip
_HEADER_ALIASES = {
    "question": "text",
    "prompt": "text",
    "level": "levels",
    "skill": "skills",
    "theme": "themes",
    "follow_up": "follow_ups",
    "followups": "follow_ups",
    "probes": "follow_ups",
    "model_points": "strong_answer",
    "strong_answer_points": "strong_answer",
    "what_a_strong_answer_shows": "strong_answer",
    "pitfall": "pitfalls",
    "time_limit": "time_limit_seconds",
    "seconds": "time_limit_seconds",
}


@dataclass(frozen=True)
class Problem:
    position: str  # "row 4", "item 2", "question 3 (line 40)", "file", "header"
    field: str  # "" when about the whole row
    message: str


@dataclass
class QuestionRow:
    position: str
    text: str
    category: str
    difficulty: int = 2
    levels: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    company: str = ""
    framework: str = ""
    time_limit_seconds: int | None = None
    follow_ups: list[str] = field(default_factory=list)
    strong_answer: list[str] = field(default_factory=list)
    pitfalls: list[str] = field(default_factory=list)
    key: str = ""
    suggested: bool = False  # the category came from the classifier
    given: frozenset[str] = frozenset()  # the fields the file had for this row

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in COLUMNS if name != "key"}


@dataclass
class Parsed:
    rows: list[QuestionRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def fold(text: str) -> str:
    """The text as compared on import: case and spacing ignored."""
    return " ".join(text.split()).casefold()


def format_for(name: str, explicit: str = "") -> str | None:
    """The format from an explicit choice or the file name's extension."""
    if explicit:
        chosen = explicit.lower()
    else:
        chosen = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {"markdown": "md", "csv": "csv", "json": "json", "md": "md"}.get(chosen)


def parse(name: str, data: bytes | str, *, framework_keys: Iterable[str], fmt: str = "") -> Parsed:
    """Read a file in any of the three formats. Never raises."""
    chosen = format_for(name, fmt)
    if chosen is None:
        message = f"{name} is not a .csv, .json or .md file; choose the format."
        return Parsed(problems=[Problem("file", "", message)])
    if len(data) > MAX_BYTES:
        message = f"{name} is {len(data) // 1024:,} KB; the limit is {MAX_BYTES // 1024:,} KB."
        return Parsed(problems=[Problem("file", "", message)])
    text = _decode(data)
    if text is None:
        return Parsed(problems=[Problem("file", "", f"{name} is not UTF-8 text.")])
    reader = {"csv": _read_csv, "json": _read_json, "md": _read_markdown}[chosen]
    parsed = Parsed()
    try:
        raw = reader(text, parsed.problems)
    except Exception as error:  # a reader's surprise must not reach the person as a traceback
        message = f"{name} could not be read as {FORMATS[chosen]} ({type(error).__name__})."
        return Parsed(problems=[Problem("file", "", message)])
    if not raw and not parsed.problems:
        parsed.problems.append(Problem("file", "", f"{name} has no questions in it."))
    known = frozenset(framework_keys)
    for position, values in raw[:MAX_ROWS]:
        row = _row(position, values, known, parsed.problems)
        if row is not None:
            parsed.rows.append(row)
    if len(raw) > MAX_ROWS:
        message = f"The file has {len(raw):,} questions; only the first {MAX_ROWS:,} were read."
        parsed.problems.append(Problem("file", "", message))
    return parsed


def _decode(data: bytes | str) -> str | None:
    if isinstance(data, str):
        text = data
    else:
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
    return text.lstrip("\ufeff").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


# --- the three readers: (position, {field: raw value}) pairs ------------------------------------

Raw = list[tuple[str, dict[str, Any]]]


def _header(name: str) -> str:
    key = re.sub(r"[\s\-]+", "_", name.strip().lower()).strip("_")
    return _HEADER_ALIASES.get(key, key)


def _read_csv(text: str, problems: list[Problem]) -> Raw:
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers = next(reader, None)
    if not headers:
        problems.append(Problem("file", "", "The file is empty."))
        return []
    columns: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = _header(header)
        if key in COLUMNS and key not in columns.values():
            columns[index] = key
        elif key:
            message = f"The column \u201c{header.strip()}\u201d is not a question field; ignored."
            problems.append(Problem("header", header.strip(), message))
    if "text" not in columns.values():
        message = "The header row has no text (or question) column, so no row can be read."
        problems.append(Problem("header", "text", message))
        return []
    raw: Raw = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {key: _unprotect(cells[i]) for i, key in columns.items() if i < len(cells)}
        raw.append((f"row {number}", values))
    return raw


def _read_json(text: str, problems: list[Problem]) -> Raw:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        problems.append(Problem("file", "", f"Not valid JSON (line {error.lineno})."))
        return []
    items = data.get("questions") if isinstance(data, dict) else data
    if not isinstance(items, list):
        message = 'Expected a list of questions, or an object with a "questions" list.'
        problems.append(Problem("file", "", message))
        return []
    raw: Raw = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(Problem(f"item {number}", "", "This item is not an object; skipped."))
            continue
        values = {}
        for name, value in item.items():
            key = _header(str(name))
            if key in COLUMNS:
                values[key] = value
            elif key not in {"id", "owner", "created_at", "updated_at", "category_label"}:
                message = f"\u201c{name}\u201d is not a question field; ignored."
                problems.append(Problem(f"item {number}", str(name), message))
        raw.append((f"item {number}", values))
    return raw


_MD_SECTIONS = {
    "follow-ups": "follow_ups",
    "follow ups": "follow_ups",
    "follow-up questions": "follow_ups",
    "strong answer": "strong_answer",
    "model points": "strong_answer",
    "what a strong answer shows": "strong_answer",
    "pitfalls": "pitfalls",
    "common pitfalls": "pitfalls",
}


def _read_markdown(text: str, problems: list[Problem]) -> Raw:
    raw: Raw = []
    current: dict[str, Any] | None = None
    section = ""
    position = ""
    number = 0
    for line_no, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("## ") and not stripped.startswith("### "):
            number += 1
            position = f"question {number} (line {line_no})"
            current = {"text": stripped[3:].strip()}
            raw.append((position, current))
            section = ""
            continue
        if current is None or not stripped:
            continue
        if stripped.startswith("### "):
            title = stripped[4:].strip().rstrip(":").casefold()
            section = _MD_SECTIONS.get(title, "")
            if not section:
                message = f"\u201c{stripped[4:].strip()}\u201d is not a known section; ignored."
                problems.append(Problem(position, stripped[4:].strip(), message))
                section = "?"
            else:
                current.setdefault(section, [])
            continue
        bullet = re.match(r"^[-*+]\s+(.*)$", stripped)
        if section:
            if section != "?" and bullet:
                current[section].append(bullet.group(1).strip())
            elif section != "?" and current[section]:
                current[section][-1] += " " + stripped  # a wrapped bullet
            continue
        meta = re.match(r"^([A-Za-z][A-Za-z _-]*):\s*(.*)$", bullet.group(1)) if bullet else None
        if meta:
            key = _header(meta.group(1))
            if key in COLUMNS and key != "text":
                current[key] = meta.group(2).strip()
            else:
                message = f"\u201c{meta.group(1)}\u201d is not a question field; ignored."
                problems.append(Problem(position, meta.group(1), message))
        elif not bullet and "levels" not in current and "category" not in current:
            current["text"] += "\n" + stripped  # the question text goes on
    return raw


def _unprotect(cell: str) -> str:
    # Exports put an apostrophe before cells a spreadsheet would run as a formula.
    return cell[1:] if cell[:2] in {"'=", "'+", "'-", "'@"} else cell


# --- one row's values -> a QuestionRow, or problems ---------------------------------------------


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(_as_text(v) for v in value)
    return str(value).strip()


def _tags(value: Any) -> list[str]:
    items = value if isinstance(value, list) else re.split(r"[,;|\n]", _as_text(value))
    return [str(v).strip() for v in items if str(v).strip()]


def _points(value: Any) -> list[str]:
    items = value if isinstance(value, list) else _as_text(value).split("\n")
    return [re.sub(r"^[-*\u2022]\s+", "", str(v).strip()) for v in items if str(v).strip()]


def _key(value: str) -> str:
    return re.sub(r"[\s\-/]+", "_", value.strip().casefold())


def _choose(
    values: list[str], allowed: tuple[str, ...], aliases: dict[str, str]
) -> tuple[list[str], list[str]]:
    chosen, unknown = [], []
    for value in values:
        key = _key(value)
        key = aliases.get(key, key)
        if key in allowed:
            if key not in chosen:
                chosen.append(key)
        else:
            unknown.append(value)
    return chosen, unknown


def _seconds(value: str) -> int | None:
    found = re.fullmatch(r"(\d+)\s*(s|sec|secs|seconds|m|min|mins|minutes)?", value.casefold())
    if not found:
        raise ValueError
    number = int(found.group(1))
    return number * 60 if (found.group(2) or "s").startswith("m") else number


def _row(
    position: str, values: dict[str, Any], frameworks: frozenset[str], problems: list[Problem]
) -> QuestionRow | None:
    found: list[Problem] = []

    def bad(name: str, message: str) -> None:
        found.append(
            Problem(position, name, message + (" The row was skipped." if position else ""))
        )

    text = _as_text(values.get("text"))
    if not text:
        bad("text", "The question text is missing.")
    elif len(text) > TEXT_MAX:
        bad("text", f"The question is {len(text):,} characters; the limit is {TEXT_MAX:,}.")
    raw_category = _as_text(values.get("category"))
    category = raw_category.casefold().strip()
    category = category if category in CATEGORIES else _CATEGORY_ALIASES.get(category, "")
    suggested = False
    if raw_category and not category:
        bad("category", f"\u201c{raw_category}\u201d is not a category ({', '.join(CATEGORIES)}).")
    elif not raw_category and text:
        category, suggested = suggest(text).category, True
    raw_difficulty = _as_text(values.get("difficulty")).casefold()
    difficulty = _DIFFICULTY.get(raw_difficulty, 0) if raw_difficulty else 2
    if not difficulty:
        bad(
            "difficulty",
            f"\u201c{raw_difficulty}\u201d is not 1, 2 or 3 (warm-up, standard, hard).",
        )
    tags: dict[str, list[str]] = {}
    for name, allowed, aliases in (
        ("levels", LEVELS, _LEVEL_ALIASES),
        ("skills", SKILLS, _SKILL_ALIASES),
        ("themes", THEMES, _THEME_ALIASES),
    ):
        tags[name], unknown = _choose(_tags(values.get(name)), allowed, aliases)
        if unknown:
            shown = ", ".join(f"\u201c{u}\u201d" for u in unknown)
            bad(name, f"{shown} not known; use {', '.join(allowed)}.")
    points: dict[str, list[str]] = {}
    for name in POINT_FIELDS:
        points[name] = _points(values.get(name))
        if len(points[name]) > POINTS_MAX:
            bad(name, f"{len(points[name])} points; the limit is {POINTS_MAX}.")
        elif any(len(p) > POINT_MAX for p in points[name]):
            bad(name, f"A point is over {POINT_MAX:,} characters.")
    company = _as_text(values.get("company"))
    if len(company) > COMPANY_MAX:
        bad("company", f"The company name is over {COMPANY_MAX} characters.")
    framework = _as_text(values.get("framework")).casefold()
    if framework and framework not in frameworks:
        bad(
            "framework",
            f"\u201c{framework}\u201d is not a framework ({', '.join(sorted(frameworks))}).",
        )
    raw_limit = _as_text(values.get("time_limit_seconds"))
    limit = None
    if raw_limit:
        try:
            limit = _seconds(raw_limit)
        except ValueError:
            bad("time_limit_seconds", f"\u201c{raw_limit}\u201d is not a number of seconds.")
        else:
            if limit is not None and not 30 <= limit <= 3600:
                bad("time_limit_seconds", "The time limit must be 30 to 3,600 seconds.")
    if found:
        problems.extend(found)
        return None
    return QuestionRow(
        position=position,
        text=text,
        category=category,
        difficulty=difficulty,
        company=company,
        framework=framework,
        time_limit_seconds=limit,
        key=_as_text(values.get("key")),
        suggested=suggested,
        given=frozenset(k for k in values if k in COLUMNS),
        **tags,
        **points,
    )


def clean(
    values: dict[str, Any], *, framework_keys: Iterable[str]
) -> tuple[QuestionRow | None, list[Problem]]:
    """Check one question's values as the readers do (for the add and edit forms' service)."""
    problems: list[Problem] = []
    row = _row("", values, frozenset(framework_keys), problems)
    return row, problems


# --- writing ------------------------------------------------------------------------------------


FORMULA_STARTS = frozenset({"=", "+", "-", "@"})


def format_csv(questions: Iterable[dict[str, Any]]) -> str:
    joiners = [
        ", " if name in TAG_FIELDS else "\n" if name in POINT_FIELDS else None for name in COLUMNS
    ]
    columns = list(zip(COLUMNS, joiners, strict=True))
    rows: list[list[str]] = [list(COLUMNS)]
    for q in questions:
        cells = []
        for name, joiner in columns:
            value = q.get(name)
            if joiner is not None:
                cell = joiner.join(value or [])
            else:
                cell = "" if value is None else str(value)
            cells.append("'" + cell if cell[:1] in FORMULA_STARTS else cell)
        rows.append(cells)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def format_json(questions: Iterable[dict[str, Any]]) -> str:
    items = [{name: q.get(name) for name in COLUMNS} for q in questions]
    body = {"format": JSON_FORMAT, "version": 1, "questions": items}
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def format_markdown(questions: Iterable[dict[str, Any]], *, title: str = "") -> str:
    lines = [f"# {title or 'Interview questions'}", ""]
    for q in questions:
        first, *rest = (q.get("text") or "").split("\n")
        lines.append(f"## {first.strip()}")
        lines.extend(line.strip() for line in rest if line.strip())
        lines.append("")
        lines.append(f"- category: {q.get('category', '')}")
        lines.append(f"- difficulty: {q.get('difficulty', 2)}")
        for name in (*TAG_FIELDS, "company", "framework", "time_limit_seconds", "key"):
            value = q.get(name)
            if value:
                shown = ", ".join(value) if name in TAG_FIELDS else str(value)
                lines.append(f"- {name}: {shown}")
        for name, heading in (
            ("follow_ups", "Follow-ups"),
            ("strong_answer", "Strong answer"),
            ("pitfalls", "Pitfalls"),
        ):
            points = q.get(name) or []
            if points:
                lines += ["", f"### {heading}", ""]
                lines += [f"- {' '.join(p.split())}" for p in points]
        lines.append("")
    return "\n".join(lines)


def format_as(fmt: str, questions: Iterable[dict[str, Any]], *, title: str = "") -> str:
    if fmt == "csv":
        return format_csv(questions)
    if fmt == "json":
        return format_json(questions)
    if fmt == "md":
        return format_markdown(questions, title=title)
    raise ValueError(f"format: {fmt!r} is not one of csv, json, md")


def template_csv() -> str:
    example = {
        "text": "Tell me about a time you changed a roadmap because of what customers told you.",
        "category": "behavioural",
        "difficulty": 2,
        "levels": ["pm", "senior_pm"],
        "skills": ["customer_focus", "communication"],
        "themes": ["customer"],
        "follow_ups": ["How did you know it was more than one customer?"],
        "strong_answer": ["Names the evidence and how widely it applied.", "Gives the result."],
        "pitfalls": ["Changing course on one anecdote."],
    }
    return format_csv([example])
