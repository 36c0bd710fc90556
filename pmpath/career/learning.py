"""The learning plan's proposals: which resources to suggest for a candidate's largest gaps.
Pure: plain data in, plain data out, no Django.

A need is a skill to grow at a level, with where it came from (the readiness engine's gaps
from an assessment, or the typical gaps of the candidate's background when there is no
assessment yet). For each need, in order, the engine picks up to `per_need` resources that

- teach that skill (the resource lists it), and
- suit that level: made for it, or for the level just below or above (a resource with no
  levels suits every level, a little less well than one made for it);

ranked by how well the level fits, then by how central the skill is to the resource (the
first skill it lists is its main one), then the candidate's own additions first (they added
them to use them), then things one finishes (books, courses, certifications) before things
one follows (podcasts, newsletters, communities), then by name. The first picks for a need are
of different kinds (a book, a course, a community…) before any kind repeats. A resource the
candidate is already enrolled in (in any state, dropped included) is never proposed again,
and no resource is proposed for two needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Source = Literal["assessment", "stretch", "background"]
Rank = tuple[int, int, bool, int, str, int]
# Things with an end and a result first; things to follow along afterwards.
KIND_ORDER = (
    "book",
    "course",
    "certification",
    "article",
    "video",
    "tool",
    "podcast",
    "newsletter",
    "community",
)


@dataclass(frozen=True)
class Need:
    skill: str
    skill_name: str
    level: str
    level_name: str
    source: Source
    readiness: float | None = None  # 0.0 to 1.0, from an assessment
    detail: str = ""  # why this is a gap, in a few words

    @property
    def reason(self) -> str:
        return f"For your gap in {self.skill_name.lower()} at {self.level_name}"


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    provider: str
    kind: str
    levels: tuple[str, ...]
    skills: tuple[str, ...]
    own: bool = False  # the candidate added it


@dataclass(frozen=True)
class Proposal:
    item: Item
    need: Need
    level_fit: str  # "made for this level", "pitched at a neighbouring level", "suits any level"

    @property
    def reason(self) -> str:
        return self.need.reason


@dataclass(frozen=True)
class NeedPlan:
    need: Need
    proposals: tuple[Proposal, ...]
    on_plan: tuple[int, ...]  # enrolled items (not dropped) that already serve this need


def level_distance(item: Item, level: str, order: Sequence[str]) -> int | None:
    """0 made for the level, 1 for a neighbouring level or any level, None otherwise."""
    if not item.levels:
        return 1
    if level in item.levels:
        return 0
    if level not in order:
        return None
    at = order.index(level)
    near = {order[i] for i in (at - 1, at + 1) if 0 <= i < len(order)}
    return 1 if near & set(item.levels) else None


def _fit(item: Item, distance: int) -> str:
    if distance == 0:
        return "made for this level"
    if not item.levels:
        return "suits any level"
    return "pitched at a neighbouring level"


def propose(
    needs: Sequence[Need],
    items: Sequence[Item],
    *,
    enrolled: dict[int, str],
    level_order: Sequence[str],
    per_need: int = 3,
) -> list[NeedPlan]:
    """`enrolled` maps the candidate's enrolled item ids to their status."""
    used: set[int] = set(enrolled)
    plans: list[NeedPlan] = []
    for need in needs:
        ranked: list[tuple[Rank, Item, int]] = []
        for item in items:
            if need.skill not in item.skills:
                continue
            distance = level_distance(item, need.level, level_order)
            if distance is None:
                continue
            rank = (
                distance,
                item.skills.index(need.skill),
                not item.own,
                KIND_ORDER.index(item.kind) if item.kind in KIND_ORDER else len(KIND_ORDER),
                item.name.casefold(),
                item.id,
            )
            ranked.append((rank, item, distance))
        ranked.sort(key=lambda entry: entry[0])
        on_plan = tuple(
            item.id
            for _, item, _ in ranked
            if item.id in enrolled and enrolled[item.id] != "dropped"
        )
        picked: list[tuple[Rank, Item, int]] = []
        kinds: set[str] = set()
        for varied in (True, False):  # first one of each kind, then fill up
            for entry in ranked:
                item = entry[1]
                if len(picked) >= per_need:
                    break
                if item.id in used or (varied and item.kind in kinds):
                    continue
                picked.append(entry)
                kinds.add(item.kind)
                used.add(item.id)
        picked.sort(key=lambda entry: entry[0])
        proposals = tuple(Proposal(item, need, _fit(item, d)) for _, item, d in picked)
        plans.append(NeedPlan(need, proposals, on_plan))
    return plans
