"""Reads for the self-assessment and readiness pages: the ladder as the engine sees it, an
assessment's ratings and evidence, the readiness report and its history, and what a candidate
can attach as evidence. Every function runs a fixed number of queries whatever the data size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse

from pmpath.career import queries, readiness
from pmpath.career.models import Assessment, Behaviour, BehaviourRating, Evidence, Experience
from pmpath.core.memo import knowledge

DEFAULT_LEVEL = "pm"
HISTORY_SHOWN = 24  # assessments on the history chart
CHOICES_SHOWN = 100  # of each kind of evidence offered in the attach form


def engine_ladder() -> readiness.Ladder:
    """The ladder with behaviour ids, as the pure engine takes it (cached like the ladder)."""
    return knowledge.get("career.engine_ladder", _load_engine_ladder)


def _load_engine_ladder() -> readiness.Ladder:
    data = queries.ladder()
    rows = Behaviour.objects.order_by("level__order", "competency__order", "order").values_list(
        "id", "level__key", "competency__key", "text"
    )
    return readiness.Ladder(
        levels=tuple(
            readiness.LevelSpec(lv["key"], lv["name"], lv["order"], lv["short"])
            for lv in data["levels"]
        ),
        skills=tuple(readiness.Skill(c["key"], c["name"], c["core"]) for c in data["competencies"]),
        behaviours=tuple(readiness.BehaviourSpec(*row) for row in rows),
    )


def level_keys() -> list[str]:
    return [lv.key for lv in engine_ladder().levels]


def target_level(user: Any, requested: str = "") -> str:
    """The level to assess against: the one asked for, else the profile's target, else PM."""
    keys = level_keys()
    if requested in keys:
        return requested
    profile = queries.profile_for(user)
    if profile is not None and profile.target_level in keys:
        return profile.target_level
    return DEFAULT_LEVEL if DEFAULT_LEVEL in keys else (keys[0] if keys else DEFAULT_LEVEL)


def window(target: str) -> list[readiness.LevelSpec]:
    """The level below the target, the target and the level above: what the candidate rates."""
    ladder = engine_ladder()
    i = ladder.level_index(target)
    return list(ladder.levels[max(0, i - 1) : i + 2])


def latest(user: Any) -> Assessment | None:
    return Assessment.objects.owned_by(user).order_by("-created_at", "-id").first()


def is_latest(user: Any, assessment: Assessment) -> bool:
    newest = latest(user)
    return newest is not None and newest.pk == assessment.pk


def _with_evidence_flag(rows: Any) -> Any:
    return rows.annotate(evidenced=Exists(Evidence.objects.filter(rating=OuterRef("pk"))))


def ratings_of(assessment: Assessment | None) -> dict[int, readiness.Rating]:
    if assessment is None:
        return {}
    rows = _with_evidence_flag(BehaviourRating.objects.filter(assessment=assessment))
    return {
        behaviour_id: readiness.Rating(status, bool(evidenced))
        for behaviour_id, status, evidenced in rows.values_list(
            "behaviour_id", "status", "evidenced"
        )
    }


def evidence_href(kind: str, object_id: int | None, url: str) -> str:
    """Where an evidence row points: the object's own page when it has one, else its link."""
    names = {
        "story": "interview:story",
        "practice": "interview:attempt",
        "experience": "career:experience_edit",
        "case_study": "portfolio:case_study",
    }
    if object_id and kind in names:
        try:
            return reverse(names[kind], args=[object_id])
        except NoReverseMatch:
            pass
    return url


def evidence_by_behaviour(assessment: Assessment | None) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if assessment is None:
        return found
    rows = Evidence.objects.filter(rating__assessment=assessment).order_by("id")
    for pk, kind, object_id, label, url, behaviour_id in rows.values_list(
        "id", "kind", "object_id", "label", "url", "rating__behaviour_id"
    ):
        found[behaviour_id].append(
            {
                "id": pk,
                "kind": kind,
                "object_id": object_id,
                "label": label,
                "url": url,
                "href": evidence_href(kind, object_id, url),
            }
        )
    return found


@dataclass
class BehaviourRow:
    id: int
    text: str
    status: str  # "" when not rated
    evidence: list[dict[str, Any]] = field(default_factory=list)

    @property
    def claim(self) -> bool:
        return self.status in ("sometimes", "consistently") and not self.evidence


@dataclass
class SkillBlock:
    key: str
    name: str
    core: bool
    levels: list[tuple[readiness.LevelSpec, list[BehaviourRow]]]

    @property
    def rated(self) -> int:
        return sum(1 for _, rows in self.levels for r in rows if r.status)

    @property
    def total(self) -> int:
        return sum(len(rows) for _, rows in self.levels)


def rating_sheet(assessment: Assessment | None, target: str) -> list[SkillBlock]:
    """The assessment page's content: per skill, the window's behaviours with their ratings."""
    ladder = engine_ladder()
    levels = window(target)
    statuses: dict[int, str] = {}
    if assessment is not None:
        statuses = dict(
            BehaviourRating.objects.filter(assessment=assessment).values_list(
                "behaviour_id", "status"
            )
        )
    evidence = evidence_by_behaviour(assessment)
    by_cell: dict[tuple[str, str], list[readiness.BehaviourSpec]] = defaultdict(list)
    for b in ladder.behaviours:
        by_cell[(b.level, b.skill)].append(b)
    return [
        SkillBlock(
            skill.key,
            skill.name,
            skill.core,
            [
                (
                    level,
                    [
                        BehaviourRow(b.id, b.text, statuses.get(b.id, ""), evidence.get(b.id, []))
                        for b in by_cell[(level.key, skill.key)]
                    ],
                )
                for level in levels
            ],
        )
        for skill in ladder.skills
    ]


def behaviour_or_none(behaviour_id: int) -> readiness.BehaviourSpec | None:
    return next((b for b in engine_ladder().behaviours if b.id == behaviour_id), None)


def report(user: Any, level: str = "") -> tuple[Assessment | None, readiness.Report]:
    assessment = latest(user)
    target = target_level(user, level)
    return assessment, readiness.assess(engine_ladder(), ratings_of(assessment), target)


@dataclass(frozen=True)
class HistoryPoint:
    assessment_id: int
    created_at: Any
    overall: float
    evidenced: int
    claimed: int


def history(user: Any, target: str) -> list[HistoryPoint]:
    """Overall readiness for `target` at each of the recent assessments, oldest first. Every
    point is scored against the same level, so the line shows growth, not a change of target."""
    ladder = engine_ladder()
    recent = list(
        Assessment.objects.owned_by(user)
        .order_by("-created_at", "-id")
        .values_list("id", "created_at")[:HISTORY_SHOWN]
    )
    if not recent:
        return []
    per: dict[int, dict[int, readiness.Rating]] = defaultdict(dict)
    rows = _with_evidence_flag(
        BehaviourRating.objects.filter(assessment_id__in=[pk for pk, _ in recent])
    ).values_list("assessment_id", "behaviour_id", "status", "evidenced")
    for assessment_id, behaviour_id, status, evidenced in rows:
        per[assessment_id][behaviour_id] = readiness.Rating(status, bool(evidenced))
    points = []
    for pk, created_at in reversed(recent):
        level = readiness.level_readiness(ladder, per[pk], target)
        points.append(
            HistoryPoint(
                pk,
                created_at,
                level.overall,
                sum(s.evidenced for s in level.skills),
                sum(s.claimed for s in level.skills),
            )
        )
    return points


def assessments(user: Any, *, limit: int = 12) -> list[Assessment]:
    return list(Assessment.objects.owned_by(user).order_by("-created_at", "-id")[:limit])


def chart_data(report: readiness.Report, points: list[HistoryPoint]) -> dict[str, Any]:
    """The readiness page's two charts as plain data (rendered with json_script)."""
    ladder = engine_ladder()
    return {
        "levels": [lv.short or lv.name for lv in ladder.levels],
        "radar": {
            "labels": [s.name for s in ladder.skills],
            "you": [report.positions.get(s.key, 0.0) for s in ladder.skills],
            "target": [report.target.order for _ in ladder.skills],
            "target_name": report.target.name,
            "max": len(ladder.levels),
        },
        "history": {
            "labels": [p.created_at.strftime("%d %b %Y") for p in points],
            "overall": [round(p.overall * 100) for p in points],
            "target_name": report.target.name,
        },
    }


# --- evidence the candidate can attach -------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    kind: str
    object_id: int
    label: str


def evidence_choices(user: Any) -> dict[str, list[Choice]]:
    """The candidate's own stories, case studies, experience-log entries and scored practice
    attempts, newest first, for the attach form."""
    from pmpath.interview.models import Attempt, Story
    from pmpath.portfolio.models import CaseStudy

    stories = Story.objects.owned_by(user).order_by("-updated_at", "-id")
    cases = CaseStudy.objects.owned_by(user).order_by("-updated_at", "-id")
    entries = Experience.objects.owned_by(user).order_by("-done_on", "-id")
    attempts = (
        Attempt.objects.owned_by(user)
        .filter(submitted_at__isnull=False, score__isnull=False)
        .order_by("-submitted_at", "-id")
    )
    return {
        "story": [
            Choice("story", pk, title)
            for pk, title in stories.values_list("id", "title")[:CHOICES_SHOWN]
        ],
        "case_study": [
            Choice("case_study", pk, title)
            for pk, title in cases.values_list("id", "title")[:CHOICES_SHOWN]
        ],
        "experience": [
            Choice("experience", pk, title)
            for pk, title in entries.values_list("id", "title")[:CHOICES_SHOWN]
        ],
        "practice": [
            Choice("practice", pk, practice_label(text, score, when))
            for pk, text, score, when in attempts.values_list(
                "id", "question__text", "score", "submitted_at"
            )[:CHOICES_SHOWN]
        ],
    }


def practice_label(question: str, score: int, when: Any) -> str:
    short = question if len(question) <= 70 else question[:69].rstrip() + "…"
    return f"{short} ({score}/100, {when:%d %b %Y})"
