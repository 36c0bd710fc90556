"""The shape of the interview knowledge files in `data/`: the question bank (`questions_*.yaml`)
and the answer frameworks (`frameworks.yaml`). Pure: pydantic and the memo cache, no models.

The first framework that lists a category is that category's default: its timer is the
category's time limit, and a question without a framework of its own is answered with it."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, field_validator, model_validator

from pmpath.core.knowledge import KnowledgeError, read_yaml
from pmpath.core.memo import knowledge

DATA = Path(__file__).parent / "data"
FRAMEWORKS_FILE = DATA / "frameworks.yaml"

CATEGORIES = (
    "product_sense",
    "strategy",
    "estimation",
    "execution",
    "technical",
    "behavioural",
    "motivation",
    "company",
)
LEVELS = ("apm", "pm", "senior_pm", "lead_pm", "director")
SKILLS = (
    "communication",
    "strategic_thinking",
    "technical_knowledge",
    "project_management",
    "customer_focus",
    "leadership",
)
THEMES = (
    "conflict",
    "failure",
    "feedback",
    "influence",
    "ambiguity",
    "prioritisation",
    "leadership",
    "customer",
    "data",
    "stakeholder",
)
Category = Literal[
    "product_sense",
    "strategy",
    "estimation",
    "execution",
    "technical",
    "behavioural",
    "motivation",
    "company",
]
LevelKey = Literal["apm", "pm", "senior_pm", "lead_pm", "director"]
Skill = Literal[
    "communication",
    "strategic_thinking",
    "technical_knowledge",
    "project_management",
    "customer_focus",
    "leadership",
]
Theme = Literal[
    "conflict",
    "failure",
    "feedback",
    "influence",
    "ambiguity",
    "prioritisation",
    "leadership",
    "customer",
    "data",
    "stakeholder",
]
SLUG = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
Sentence = Field(min_length=3)


def _unique(values: list[Any], what: str) -> list[Any]:
    seen = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} {value!r} appears twice")
        seen.add(value)
    return values


class QuestionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=SLUG, max_length=80)
    text: str = Field(min_length=10)
    category: Category
    difficulty: int = Field(ge=1, le=3)
    levels: list[LevelKey] = Field(min_length=1)
    skills: list[Skill] = Field(min_length=1)
    themes: list[Theme] = []
    framework: str = Field(pattern=SLUG)
    follow_ups: list[str] = Field(min_length=1)
    strong_answer: list[str] = Field(min_length=2)
    pitfalls: list[str] = Field(min_length=1)
    company: str = ""
    time_limit_seconds: int | None = Field(default=None, ge=30, le=3600)

    @field_validator("levels", "skills", "themes")
    @classmethod
    def no_repeats(cls, values: list[str]) -> list[str]:
        return _unique(values, "value")

    @field_validator("follow_ups", "strong_answer", "pitfalls")
    @classmethod
    def no_blank_points(cls, values: list[str]) -> list[str]:
        if any(len(v.strip()) < 3 for v in values):
            raise ValueError("every point needs some text")
        return values


class QuestionFile(RootModel[list[QuestionEntry]]):
    @model_validator(mode="after")
    def keys_unique(self) -> QuestionFile:
        _unique([q.key for q in self.root], "key")
        return self


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=SLUG)
    name: str = Sentence
    guidance: str = Field(min_length=20)
    cues: list[str] = Field(min_length=8, max_length=20)

    @field_validator("cues")
    @classmethod
    def cues_are_lower_case_and_distinct(cls, cues: list[str]) -> list[str]:
        for cue in cues:
            if cue != cue.lower() or cue != " ".join(cue.split()) or not cue:
                raise ValueError(f"cue {cue!r} must be lower case, trimmed, single-spaced")
        return _unique(cues, "cue")


class RubricItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=SLUG)
    name: str = Sentence
    description: str = Field(min_length=10)


class Framework(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=SLUG)
    name: str = Sentence
    credit: str = ""
    categories: list[Category] = Field(min_length=1)
    time_limit_seconds: int = Field(ge=60, le=3600)
    summary: str = ""  # one line shown above the steps
    steps: list[Step] = Field(min_length=3, max_length=10)
    rubric: list[RubricItem] = Field(min_length=3, max_length=5)

    @model_validator(mode="after")
    def keys_unique(self) -> Framework:
        _unique([s.key for s in self.steps], "step")
        _unique([r.key for r in self.rubric], "rubric dimension")
        return self


class FrameworkFile(RootModel[list[Framework]]):
    @model_validator(mode="after")
    def every_category_has_one(self) -> FrameworkFile:
        _unique([f.key for f in self.root], "framework")
        covered = {c for f in self.root for c in f.categories}
        missing = [c for c in CATEGORIES if c not in covered]
        if missing:
            raise ValueError(f"no framework for {', '.join(missing)}")
        return self


# --- reading ------------------------------------------------------------------------------


def question_files() -> list[Path]:
    return sorted(DATA.glob("questions_*.yaml"))


def read_frameworks() -> tuple[list[Framework], str]:
    data, checksum = read_yaml(FRAMEWORKS_FILE, FrameworkFile)
    return data.root, checksum


def read_bank() -> tuple[list[QuestionEntry], str]:
    """Every shipped question from every questions_*.yaml, checked across files: keys unique,
    frameworks known. Returns the questions and one checksum over all the files."""
    known = {f.key for f in frameworks()}
    questions: list[QuestionEntry] = []
    where: dict[str, str] = {}
    sums = []
    for path in question_files():
        data, checksum = read_yaml(path, QuestionFile)
        sums.append(f"{path.name}:{checksum}")
        for q in data.root:
            if q.key in where:
                raise KnowledgeError(f"{path.name}: {q.key}: key already used in {where[q.key]}")
            if q.framework not in known:
                raise KnowledgeError(f"{path.name}: {q.key}: framework: unknown {q.framework!r}")
            where[q.key] = path.name
            questions.append(q)
    return questions, hashlib.sha256("\n".join(sums).encode()).hexdigest()


_parsed: dict[tuple[int, int], list[Framework]] = {}


def _load_frameworks() -> list[Framework]:
    # Parsing and validating the file takes tens of milliseconds; the memo cache expires every
    # minute, so the result is also kept against the file's size and time and re-read only
    # when the file changes.
    stat = FRAMEWORKS_FILE.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    if stamp not in _parsed:
        _parsed.clear()
        _parsed[stamp] = read_frameworks()[0]
    return _parsed[stamp]


def frameworks() -> list[Framework]:
    """The frameworks, validated once and kept in the process cache. Treat as read-only."""
    return knowledge.get("interview.frameworks", _load_frameworks)


def framework(key: str) -> Framework | None:
    return next((f for f in frameworks() if f.key == key), None)


def default_framework(category: str) -> Framework | None:
    return next((f for f in frameworks() if category in f.categories), None)


def framework_for(question: Any) -> Framework | None:
    """The question's own framework, else its category's default."""
    return framework(getattr(question, "framework", "") or "") or default_framework(
        getattr(question, "category", "")
    )


def time_limit(question: Any) -> int:
    """Seconds allowed for an answer: the question's own limit, else its category's."""
    own = getattr(question, "time_limit_seconds", None)
    if own:
        return int(own)
    chosen = framework_for(question)
    return chosen.time_limit_seconds if chosen else 600


def framework_choices() -> list[tuple[str, str]]:
    return [(f.key, f.name) for f in frameworks()]


def fold(text: str) -> str:
    """Question text compared ignoring case and spacing: the key of import and de-duplication."""
    return re.sub(r"\s+", " ", text).strip().casefold()
