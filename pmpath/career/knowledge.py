"""The shape of the career knowledge files in `data/`. Pure: pydantic only, no Django."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, model_validator

DATA = Path(__file__).parent / "data"

COMPETENCIES = (
    "communication",
    "strategic_thinking",
    "technical_knowledge",
    "project_management",
    "customer_focus",
    "leadership",
)
LEVELS = ("apm", "pm", "senior_pm", "lead_pm", "director")
CompetencyKey = Literal[
    "communication",
    "strategic_thinking",
    "technical_knowledge",
    "project_management",
    "customer_focus",
    "leadership",
]
Text = Field(min_length=3)


class Competency(BaseModel):
    key: CompetencyKey
    name: str = Text
    core: bool
    summary: str = Text


class Level(BaseModel):
    key: Literal["apm", "pm", "senior_pm", "lead_pm", "director"]
    name: str = Text
    short: str = Field(min_length=2)
    order: int
    typical_years: str
    summary: str = Text
    scope: str = Text
    titles: list[str] = Field(min_length=1)
    behaviours: dict[CompetencyKey, list[str]]

    @model_validator(mode="after")
    def every_competency_has_behaviours(self) -> Level:
        missing = [c for c in COMPETENCIES if not self.behaviours.get(c)]
        if missing:
            raise ValueError(f"level {self.key} has no behaviours for {', '.join(missing)}")
        return self


class Ladder(BaseModel):
    version: int
    competencies: list[Competency]
    levels: list[Level]

    @model_validator(mode="after")
    def complete(self) -> Ladder:
        if [c.key for c in self.competencies] != list(COMPETENCIES):
            raise ValueError(f"competencies must be, in order: {', '.join(COMPETENCIES)}")
        if [lv.key for lv in self.levels] != list(LEVELS):
            raise ValueError(f"levels must be, in order: {', '.join(LEVELS)}")
        return self


class SkillNote(BaseModel):
    competency: CompetencyKey
    text: str = Text


class StretchProject(BaseModel):
    """A concrete experience to gain in the current job, tagged with the skill it grows."""

    key: str = Field(pattern=r"^[a-z0-9-]+$", max_length=80)
    skill: CompetencyKey
    text: str = Text


class Background(BaseModel):
    key: str = Field(pattern=r"^[a-z_]+$")
    name: str = Text
    summary: str = Text
    strengths: list[SkillNote] = Field(min_length=1)
    gaps: list[SkillNote] = Field(min_length=1)
    first_steps: list[str] = Field(min_length=1)
    stretch_projects: list[StretchProject] = Field(min_length=1)


class Backgrounds(BaseModel):
    version: int
    backgrounds: list[Background] = Field(min_length=1)

    @model_validator(mode="after")
    def stretch_keys_are_unique(self) -> Backgrounds:
        # An experience-log entry remembers the stretch project it came from by this key.
        keys = [p.key for bg in self.backgrounds for p in bg.stretch_projects]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise ValueError(f"stretch project keys used twice: {', '.join(repeated)}")
        return self


class Partner(BaseModel):
    key: str
    name: str
    text: str


class Stage(BaseModel):
    key: str
    name: str
    question: str
    pm_does: list[str]
    partners: list[str]
    artefacts: list[str]


class Role(BaseModel):
    version: int
    intro: str = Text
    is_not: list[str]
    partners: list[Partner]
    lifecycle: list[Stage] = Field(min_length=3)
    career_paths: list[str]

    @model_validator(mode="after")
    def stages_name_known_partners(self) -> Role:
        known = {p.key for p in self.partners}
        for stage in self.lifecycle:
            unknown = set(stage.partners) - known
            if unknown:
                raise ValueError(f"stage {stage.key} names unknown partners {sorted(unknown)}")
        return self


class Area(BaseModel):
    key: Literal["dashboard", "jobs", "network", "interview", "career", "portfolio", "trends"]
    title: str
    why: str
    steps: list[str] = Field(min_length=1)
    mistakes: list[str]
    by_background: dict[str, str]


class Playbook(BaseModel):
    version: int
    areas: list[Area]


class DemoCandidate(BaseModel):
    display_name: str
    background: str
    current_role: str
    current_company: str
    years_experience: int = Field(ge=0, le=60)
    target_level: Literal["apm", "pm", "senior_pm", "lead_pm", "director"]
    target_companies: list[str]
    headline: str
    summary: str


class Demo(BaseModel):
    version: int
    candidate: DemoCandidate
