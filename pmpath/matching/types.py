"""The plain data the match engine works on and answers with. Pure: no Django.

The resume side is a `ProfileDoc` (built from a JSON Resume document by `profile_from_resume`),
the posting side a `PostingDoc`; `engine.score(profile, posting, taxonomy)` answers a `Match`,
and `index.PostingIndex` ranks many postings at once with the same parts and weights, so a
ranked list and a posting's match panel always agree."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Level = Literal["apm", "pm", "senior_pm", "lead_pm", "director"]
LEVEL_ORDER: tuple[Level, ...] = ("apm", "pm", "senior_pm", "lead_pm", "director")


@dataclass(frozen=True)
class ResumeLine:
    """One line of the resume the engine can quote as evidence, and where it sits: `where` is a
    JSON path into the resume document ("work[0].highlights[2]", "skills[1].keywords[0]")."""

    text: str
    where: str
    section: Literal["basics", "work", "projects", "education", "skills", "certificates",
                     "volunteer", "awards", "publications", "languages", "other"]  # fmt: skip


@dataclass(frozen=True)
class ProfileDoc:
    lines: tuple[ResumeLine, ...]
    # Whole years of relevant work, from the work entries' dates (overlaps counted once).
    years_experience: float = 0.0
    years_pm: float = 0.0
    # The level the candidate aims at (career profile's target level), if known.
    target_level: Level | None = None
    current_titles: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class PostingDoc:
    id: int
    title: str
    text: str
    family: str = "other"  # jobs classifier: product_management | adjacent | other
    level: Level | None = None
    location: str = ""
    workplace: str = ""  # onsite | hybrid | remote | ""
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str = ""
    posted_on: date | None = None
    company: str = ""


@dataclass(frozen=True)
class Part:
    """One visible part of a score: `value` in 0..1, `weight` its share of 100 points,
    `points` = round(value * weight, 1); `why` says in one sentence how it was reached."""

    # required_skills | preferred_skills | title_level | years | domain | lexical | semantic
    key: str
    label: str
    weight: float
    value: float
    points: float
    why: str


@dataclass(frozen=True)
class Requirement:
    """A skill (taxonomy id) the posting asks for, required or preferred, with the posting's own
    words for it."""

    skill: str
    name: str
    required: bool
    posting_text: str


@dataclass(frozen=True)
class Shown:
    requirement: Requirement
    line: ResumeLine  # the resume line that shows it
    resume_text: str  # the words in that line that matched


@dataclass(frozen=True)
class WordingDiff:
    """The resume shows the skill in other words ("A/B tests" vs "experimentation"): a
    tailoring suggestion that points at an existing line, never new experience."""

    requirement: Requirement
    line: ResumeLine
    resume_text: str
    suggestion: str


@dataclass(frozen=True)
class Match:
    posting_id: int
    score: int  # 0..100, = round(sum of parts' points)
    parts: tuple[Part, ...]
    shown: tuple[Shown, ...] = ()
    missing: tuple[Requirement, ...] = ()  # gaps to close: feed the learning plan
    wording: tuple[WordingDiff, ...] = ()
    years_asked: float | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Filters:
    levels: tuple[Level, ...] = ()
    remote_only: bool = False
    location: str = ""  # case-insensitive substring; remote postings always pass when set
    salary_floor: float | None = None  # postings whose max (or min) is below it are dropped
    family: str | None = "product_management"  # None: every family


@dataclass(frozen=True)
class Ranked:
    posting_id: int
    score: int
    parts: tuple[Part, ...]
    reasons: tuple[str, ...]  # two or three short phrases: why this rank
