"""Readiness: where a candidate stands on the ladder, from their self-assessment. Pure: no Django.

The candidate rates each observable behaviour of the ladder as "not yet", "sometimes" or
"consistently" and may attach evidence (a story, a case study, an experience-log entry, a
practice score or a link). From those ratings:

Credit per behaviour
    consistently, with evidence ........ 1.0
    sometimes, with evidence ............ 0.5
    consistently, no evidence (a claim) . 0.5   (the claim discount: half of the evidenced credit)
    sometimes, no evidence (a claim) .... 0.25
    not yet, or not rated ............... 0.0
    Evidence on a "not yet" rating earns nothing: it proves a behaviour you say you do not show.

Readiness of one skill for one level
    the credit earned by the level's behaviours in that skill / the number of those behaviours,
    so 0.0 to 1.0.

Overall readiness for one level
    the weighted mean of the six skills' readiness. The guide's four core skills (communication,
    strategic thinking, technical knowledge, project management) weigh 2; customer focus and
    leadership weigh 1. The weights sum to 10.

The level the candidate operates at
    the highest level whose overall readiness is at least THRESHOLD (0.75) with every lower level
    also met. The ladder is cumulative, so a lower level the candidate did not assess at all (not
    one of its behaviours rated, as when a senior PM rates the PM, senior PM and lead PM levels
    only) does not hold them back; a lower level that was assessed and falls short does. With no
    level met the candidate is "working towards" the first level.

The largest gaps
    the skills with the lowest readiness at the target level (core skills first on a tie), each
    with the behaviours that do not yet earn full credit and why (not shown yet, shown only
    sometimes, or claimed without evidence).

A skill's position on the ladder (for the radar chart)
    the order of the highest level met in that skill (same rule as above, skill by skill), plus
    the skill's readiness at the next level up: 2.4 means "meets PM, 40% of the way to senior PM".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

Status = Literal["not_yet", "sometimes", "consistently"]
STATUSES: tuple[Status, ...] = ("not_yet", "sometimes", "consistently")

EVIDENCED_CREDIT: dict[str, float] = {"not_yet": 0.0, "sometimes": 0.5, "consistently": 1.0}
CLAIM_DISCOUNT = 0.5  # a rating without evidence counts this share of its evidenced credit
THRESHOLD = 0.75  # overall readiness at which a level counts as met
CORE_WEIGHT = 2.0
OTHER_WEIGHT = 1.0


@dataclass(frozen=True)
class Skill:
    key: str
    name: str
    core: bool = False

    @property
    def weight(self) -> float:
        return CORE_WEIGHT if self.core else OTHER_WEIGHT


@dataclass(frozen=True)
class LevelSpec:
    key: str
    name: str
    order: int
    short: str = ""  # "Senior PM", for tight spaces


@dataclass(frozen=True)
class BehaviourSpec:
    id: int
    level: str
    skill: str
    text: str


@dataclass(frozen=True)
class Ladder:
    levels: tuple[LevelSpec, ...]  # in ladder order, lowest first
    skills: tuple[Skill, ...]
    behaviours: tuple[BehaviourSpec, ...]

    def level_index(self, key: str) -> int:
        for i, level in enumerate(self.levels):
            if level.key == key:
                return i
        raise KeyError(key)

    def behaviours_of(self, level: str, skill: str) -> list[BehaviourSpec]:
        return [b for b in self.behaviours if b.level == level and b.skill == skill]


@dataclass(frozen=True)
class Rating:
    status: Status
    evidenced: bool = False


Ratings = Mapping[int, Rating]  # behaviour id -> rating; a behaviour not in it is not rated


def credit(rating: Rating | None) -> float:
    if rating is None:
        return 0.0
    base = EVIDENCED_CREDIT.get(rating.status, 0.0)
    return base if rating.evidenced else base * CLAIM_DISCOUNT


@dataclass(frozen=True)
class Gap:
    behaviour: BehaviourSpec
    status: str  # not_rated, not_yet, sometimes, or claimed (rated without evidence)
    credit: float


@dataclass(frozen=True)
class SkillReadiness:
    skill: Skill
    readiness: float
    behaviours: int
    evidenced: int  # behaviours credited with evidence behind them
    claimed: int  # behaviours rated sometimes/consistently without evidence
    assessed: bool  # at least one of the behaviours is rated
    missing: tuple[Gap, ...] = ()


@dataclass(frozen=True)
class LevelReadiness:
    level: LevelSpec
    overall: float
    skills: tuple[SkillReadiness, ...]
    assessed: bool

    @property
    def met(self) -> bool:
        return self.overall >= THRESHOLD

    def skill(self, key: str) -> SkillReadiness:
        return next(s for s in self.skills if s.skill.key == key)


@dataclass(frozen=True)
class Report:
    target: LevelSpec
    below: LevelReadiness | None
    at_target: LevelReadiness
    above: LevelReadiness | None
    levels: tuple[LevelReadiness, ...]  # every level of the ladder, lowest first
    operates_at: LevelSpec | None
    gaps: tuple[SkillReadiness, ...]  # lowest readiness at the target first
    positions: dict[str, float] = field(default_factory=dict)  # skill key -> ladder position

    @property
    def window(self) -> tuple[LevelReadiness, ...]:
        return tuple(r for r in (self.below, self.at_target, self.above) if r is not None)

    @property
    def ready_for_target(self) -> bool:
        return self.operates_at is not None and self.operates_at.order >= self.target.order


def skill_readiness(ladder: Ladder, ratings: Ratings, level: str, skill: Skill) -> SkillReadiness:
    behaviours = ladder.behaviours_of(level, skill.key)
    if not behaviours:
        return SkillReadiness(skill, 0.0, 0, 0, 0, False)
    earned = 0.0
    evidenced = claimed = 0
    assessed = False
    missing: list[Gap] = []
    for b in behaviours:
        rating = ratings.get(b.id)
        got = credit(rating)
        earned += got
        if rating is not None:
            assessed = True
            if rating.status != "not_yet":
                if rating.evidenced:
                    evidenced += 1
                else:
                    claimed += 1
        if got < 1.0:
            if rating is None:
                why = "not_rated"
            elif rating.status != "not_yet" and not rating.evidenced:
                why = "claimed"
            else:
                why = rating.status
            missing.append(Gap(b, why, got))
    value = min(1.0, max(0.0, earned / len(behaviours)))
    return SkillReadiness(
        skill, value, len(behaviours), evidenced, claimed, assessed, tuple(missing)
    )


def level_readiness(ladder: Ladder, ratings: Ratings, level: str) -> LevelReadiness:
    skills = tuple(skill_readiness(ladder, ratings, level, s) for s in ladder.skills)
    weights = sum(s.skill.weight for s in skills if s.behaviours)
    overall = (
        sum(s.readiness * s.skill.weight for s in skills if s.behaviours) / weights
        if weights
        else 0.0
    )
    spec = ladder.levels[ladder.level_index(level)]
    return LevelReadiness(spec, min(1.0, overall), skills, any(s.assessed for s in skills))


def _highest_met(met: Sequence[bool], assessed: Sequence[bool]) -> int | None:
    """Index of the highest met level whose lower levels are all met or were not assessed."""
    best = None
    for i, ok in enumerate(met):
        if ok:
            best = i
        elif assessed[i]:
            break
    return best


def operates_at(ladder: Ladder, levels: Sequence[LevelReadiness]) -> LevelSpec | None:
    index = _highest_met([lr.met for lr in levels], [lr.assessed for lr in levels])
    return None if index is None else ladder.levels[index]


def skill_positions(ladder: Ladder, levels: Sequence[LevelReadiness]) -> dict[str, float]:
    positions = {}
    for skill in ladder.skills:
        per_level = [lr.skill(skill.key) for lr in levels]
        index = _highest_met(
            [s.readiness >= THRESHOLD for s in per_level], [s.assessed for s in per_level]
        )
        base = 0.0 if index is None else float(ladder.levels[index].order)
        nxt = 0 if index is None else index + 1
        partial = per_level[nxt].readiness if nxt < len(per_level) else 0.0
        positions[skill.key] = round(base + partial, 2)
    return positions


def assess(ladder: Ladder, ratings: Ratings, target: str) -> Report:
    """The full readiness report for `target` (a level key of `ladder`)."""
    t = ladder.level_index(target)  # KeyError for an unknown level: callers validate first
    levels = tuple(level_readiness(ladder, ratings, lv.key) for lv in ladder.levels)
    at_target = levels[t]
    order = {s.key: i for i, s in enumerate(ladder.skills)}
    gaps = tuple(
        sorted(
            (s for s in at_target.skills if s.readiness < 1.0 and s.behaviours),
            key=lambda s: (s.readiness, -s.skill.weight, order[s.skill.key]),
        )
    )
    return Report(
        target=ladder.levels[t],
        below=levels[t - 1] if t > 0 else None,
        at_target=at_target,
        above=levels[t + 1] if t + 1 < len(levels) else None,
        levels=levels,
        operates_at=operates_at(ladder, levels),
        gaps=gaps,
        positions=skill_positions(ladder, levels),
    )


def overall_at(ladder: Ladder, ratings: Ratings, target: str) -> float:
    """Overall readiness for one level only (the history chart's figure)."""
    return level_readiness(ladder, ratings, target).overall
