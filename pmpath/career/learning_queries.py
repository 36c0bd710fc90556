"""Reads for the learning plan: the candidate's largest gaps, the resources proposed for them,
and what they are enrolled in. A fixed number of queries whatever the data size.

Where the gaps come from, in order:
1. the latest self-assessment, through the readiness engine: the (up to) three skills with the
   lowest readiness at the target level; when nothing is missing there, the gaps at the level
   above, as stretch goals;
2. with no assessment yet, the typical gaps of the candidate's background (ladder data), at
   the target level;
3. with neither a background nor an assessment, no gaps: the page asks for one or the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from pmpath.career import assessment_queries, queries
from pmpath.career.learning import Item, Need, NeedPlan, propose
from pmpath.career.models import CandidateProfile, Enrolment, Resource

GAPS_SHOWN = 3
PER_GAP = 3
_WHY = {"not_rated": "not rated yet", "not_yet": "not shown yet", "sometimes": "shown sometimes"}


def _names() -> tuple[dict[str, str], dict[str, str], list[str]]:
    ladder = queries.ladder()
    skills = {c["key"]: c["name"] for c in ladder["competencies"]}
    levels = {lv["key"]: lv["name"] for lv in ladder["levels"]}
    return skills, levels, [lv["key"] for lv in ladder["levels"]]


def _detail(skill: Any) -> str:
    """ "40% ready: 2 not shown yet, 1 claimed without evidence"."""
    counts: dict[str, int] = {}
    for gap in skill.missing:
        counts[gap.status] = counts.get(gap.status, 0) + 1
    parts = [f"{n} {_WHY[s]}" for s, n in counts.items() if s in _WHY]
    if counts.get("claimed"):
        parts.append(f"{counts['claimed']} claimed without evidence")
    of = f" of {skill.behaviours} behaviours" if skill.behaviours else ""
    return f"{round(skill.readiness * 100)}% ready" + (f": {', '.join(parts)}{of}" if parts else "")


def needs_for(user: Any, profile: CandidateProfile | None) -> tuple[list[Need], str, str]:
    """The gaps to plan for, where they came from ("assessment", "background" or "none"),
    and the target level's key."""
    skill_names, level_names, _ = _names()
    assessment, report = assessment_queries.report(user)
    target = report.target.key
    if assessment is not None:
        source, level, gaps = "assessment", report.target, report.gaps
        if not gaps and report.above is not None:
            source, level = "stretch", report.above.level
            gaps = tuple(
                sorted(
                    (s for s in report.above.skills if s.readiness < 1.0 and s.behaviours),
                    key=lambda s: (s.readiness, -s.skill.weight),
                )
            )
        needs = [
            Need(
                skill=s.skill.key,
                skill_name=s.skill.name,
                level=level.key,
                level_name=level.name,
                source=source,  # type: ignore[arg-type]
                readiness=s.readiness,
                detail=_detail(s),
            )
            for s in gaps[:GAPS_SHOWN]
        ]
        return needs, "assessment", target
    background = queries.background_or_none(profile.background if profile else "")
    if background is None:
        return [], "none", target
    needs = [
        Need(
            skill=gap["competency"],
            skill_name=skill_names.get(gap["competency"], gap["competency"]),
            level=target,
            level_name=level_names.get(target, target),
            source="background",
            detail=f"a typical gap for people from {background.name.lower()}: {gap['text']}",
        )
        for gap in background.gaps[:GAPS_SHOWN]
    ]
    return needs, "background", target


def _items(user: Any, skills: list[str]) -> list[Item]:
    """The resources the engine may propose: only those teaching one of the gaps' skills, and
    only the columns it ranks by (prices and times are read for the few proposed)."""
    if not skills:
        return []
    teaches = Q()
    for skill in skills:
        teaches |= Q(skills__icontains=f'"{skill}"')
    rows = (
        Resource.objects.visible_to(user)
        .filter(teaches)
        .values_list("id", "name", "provider", "kind", "levels", "skills", "owner_id")
    )
    return [
        Item(pk, name, provider, kind, tuple(levels or ()), tuple(taught or ()), own=bool(owner))
        for pk, name, provider, kind, levels, taught, owner in rows.order_by("id")
    ]


def enrolments(user: Any) -> list[Enrolment]:
    """Every enrolment: in progress first, then planned, done (latest first) and dropped."""
    rows = list(Enrolment.objects.owned_by(user).select_related("resource"))
    order = {"active": 0, "planned": 1, "done": 2, "dropped": 3}
    rows.sort(
        key=lambda e: (
            order.get(e.status, 9),
            -(e.completed_on or e.updated_at.date()).toordinal(),
            -e.pk,
        )
    )
    return rows


@dataclass
class Plan:
    profile: CandidateProfile | None
    target: str
    basis: str  # "assessment", "background" or "none"
    needs: list[NeedPlan]
    enrolments: list[Enrolment]
    resources: dict[int, Resource] = field(default_factory=dict)  # proposed ones, by id

    def enrolled_name(self, resource_id: int) -> str:
        return next((e.resource.name for e in self.enrolments if e.resource_id == resource_id), "")

    def by_status(self, status: str) -> list[Enrolment]:
        return [e for e in self.enrolments if e.status == status]

    @property
    def hours_done(self) -> Decimal:
        return sum((e.resource.hours or Decimal(0) for e in self.by_status("done")), Decimal(0))

    @property
    def hours_ahead(self) -> Decimal:
        ahead = self.by_status("active") + self.by_status("planned")
        return sum(
            ((e.resource.hours or Decimal(0)) * (100 - e.progress) / 100 for e in ahead),
            Decimal(0),
        )


def plan(user: Any) -> Plan:
    profile = queries.profile_for(user)
    needs, basis, target = needs_for(user, profile)
    enrolled = enrolments(user)
    _, _, order = _names()
    plans = propose(
        needs,
        _items(user, [n.skill for n in needs]),
        enrolled={e.resource_id: e.status for e in enrolled},
        level_order=order,
        per_need=PER_GAP,
    )
    ids = [p.item.id for np in plans for p in np.proposals]
    resources = Resource.objects.in_bulk(ids) if ids else {}
    return Plan(profile, target, basis, plans, enrolled, resources)


def _proposal(r: Resource, why: str) -> dict[str, Any]:
    return {
        "id": r.pk,
        "name": r.name,
        "provider": r.provider,
        "kind": r.kind,
        "cost": None if r.cost is None else float(r.cost),
        "currency": r.currency,
        "hours": None if r.hours is None else float(r.hours),
        "url": r.url,
        "why": why,
    }


def as_dict(p: Plan) -> dict[str, Any]:
    """The plan as plain data, for `pmpath career plan --json` and the API."""
    return {
        "target_level": p.target,
        "based_on": p.basis,
        "gaps": [
            {
                "skill": np.need.skill,
                "level": np.need.level,
                "source": np.need.source,
                "readiness": np.need.readiness,
                "reason": np.need.reason,
                "detail": np.need.detail,
                "already_on_plan": list(np.on_plan),
                "proposals": [
                    _proposal(p.resources[pr.item.id], f"{pr.reason} ({pr.level_fit})")
                    for pr in np.proposals
                ],
            }
            for np in p.needs
        ],
        "enrolments": [
            {
                "id": e.pk,
                "resource_id": e.resource_id,
                "resource": e.resource.name,
                "status": e.status,
                "progress": e.progress,
                "started_on": e.started_on.isoformat() if e.started_on else None,
                "completed_on": e.completed_on.isoformat() if e.completed_on else None,
                "certificate_url": e.certificate_url,
                "applied_notes": e.applied_notes,
            }
            for e in p.enrolments
        ],
    }


def evidence_candidates(user: Any, *, skills: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Completed resources as evidence the candidate can attach to a rating (newest first):
    a finished course or book, its certificate, and what they applied from it. With `skills`,
    only resources that teach one of them."""
    rows = (
        Enrolment.objects.owned_by(user)
        .filter(status="done")
        .select_related("resource")
        .order_by("-completed_on", "-id")
    )
    found = []
    for e in rows:
        if skills and not set(skills) & set(e.resource.skills or []):
            continue
        when = f", completed {e.completed_on:%d %b %Y}" if e.completed_on else ""
        found.append(
            {
                "enrolment_id": e.pk,
                "label": f"{e.resource.name} ({e.resource.get_kind_display().lower()}{when})",
                "url": e.certificate_url or e.resource.url,
                "skills": list(e.resource.skills or []),
                "applied": e.applied_notes,
            }
        )
    return found
