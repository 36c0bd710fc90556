"""Reads for the career area: the ladder, backgrounds, guides and the candidate's profile."""

from __future__ import annotations

from typing import Any

from pmpath.career.models import Background, Behaviour, CandidateProfile, Competency, Guide, Level
from pmpath.core.memo import knowledge

# The knowledge base is read through pmpath.core.memo.knowledge: callers must treat what these
# functions return as read-only.


def competencies() -> list[Competency]:
    return knowledge.get("career.competencies", lambda: list(Competency.objects.order_by("order")))


def ladder() -> dict[str, Any]:
    """The whole ladder as plain data: three queries whatever its size, then none for a while."""
    return knowledge.get("career.ladder", _load_ladder)


def _load_ladder() -> dict[str, Any]:
    comps = list(Competency.objects.order_by("order"))
    levels = list(Level.objects.order_by("order"))
    by_level: dict[int, dict[str, list[str]]] = {lv.pk: {c.key: [] for c in comps} for lv in levels}
    comp_keys = {c.pk: c.key for c in comps}
    for level_id, comp_id, text in Behaviour.objects.order_by(
        "level__order", "competency__order", "order"
    ).values_list("level_id", "competency_id", "text"):
        by_level[level_id][comp_keys[comp_id]].append(text)
    return {
        "competencies": [
            {"key": c.key, "name": c.name, "core": c.core, "summary": c.summary} for c in comps
        ],
        "levels": [
            {
                "key": lv.key,
                "name": lv.name,
                "short": lv.short,
                "order": lv.order,
                "typical_years": lv.typical_years,
                "summary": lv.summary,
                "scope": lv.scope,
                "titles": lv.titles,
                "behaviours": by_level[lv.pk],
            }
            for lv in levels
        ],
    }


def level_or_none(key: str) -> dict[str, Any] | None:
    for level in ladder()["levels"]:
        if level["key"] == key:
            return level
    return None


def level_choices() -> list[tuple[str, str]]:
    return [(lv["key"], lv["name"]) for lv in ladder()["levels"]]


def backgrounds() -> list[Background]:
    return knowledge.get("career.backgrounds", lambda: list(Background.objects.order_by("order")))


def background_or_none(key: str) -> Background | None:
    return next((bg for bg in backgrounds() if bg.key == key), None) if key else None


def background_choices() -> list[tuple[str, str]]:
    return [(bg.key, bg.name) for bg in backgrounds()]


def guide(key: str) -> dict[str, Any] | None:
    guides = knowledge.get(
        "career.guides", lambda: dict(Guide.objects.values_list("key", "content"))
    )
    row = guides.get(key)
    return row if isinstance(row, dict) else None


def profile_for(user: Any) -> CandidateProfile | None:
    return CandidateProfile.objects.owned_by(user).first()


def needs_onboarding(user: Any) -> bool:
    return not CandidateProfile.objects.owned_by(user).filter(onboarded_at__isnull=False).exists()


def profile_as_dict(profile: CandidateProfile | None) -> dict[str, Any] | None:
    if profile is None:
        return None
    return {
        "display_name": profile.display_name,
        "background": profile.background,
        "current_role": profile.current_role,
        "current_company": profile.current_company,
        "years_experience": profile.years_experience,
        "target_level": profile.target_level,
        "target_companies": profile.target_companies,
        "headline": profile.headline,
        "summary": profile.summary,
        "onboarded": profile.onboarded,
        "is_demo": profile.is_demo,
    }
