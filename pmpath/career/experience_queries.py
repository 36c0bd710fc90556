"""Reads for the experience log and the backgrounds' stretch experiences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.utils.text import slugify

from pmpath.career import queries
from pmpath.career.models import EXPERIENCE_STATUSES, Background, Experience

PAGE_SIZE = 50
STATUS_NAMES = dict(EXPERIENCE_STATUSES)


@dataclass(frozen=True)
class Stretch:
    key: str
    skill: str  # a competency key; "" when an admin wrote a plain line without one
    text: str
    background: str


def stretch_projects(background: Background | None) -> list[Stretch]:
    """A background's stretch experiences. The shipped data tags each with a key and the skill
    it grows; a plain line (as an admin may type) gets a key from its words and no skill."""
    if background is None:
        return []
    found = []
    for item in background.stretch_projects or []:
        if isinstance(item, dict) and item.get("text"):
            key = str(item.get("key") or slugify(item["text"])[:80])
            found.append(Stretch(key, str(item.get("skill") or ""), item["text"], background.key))
        elif isinstance(item, str) and item.strip():
            found.append(Stretch(slugify(item)[:80], "", item.strip(), background.key))
    return found


def stretch_or_none(key: str) -> Stretch | None:
    for background in queries.backgrounds():
        for stretch in stretch_projects(background):
            if stretch.key == key:
                return stretch
    return None


def skill_names() -> dict[str, str]:
    return {c.key: c.name for c in queries.competencies()}


def planned_keys(user: Any) -> dict[str, int]:
    """Which stretch experiences this candidate already has in the log (key -> entry id)."""
    rows = Experience.objects.owned_by(user).exclude(stretch_key="")
    return dict(rows.order_by("id").values_list("stretch_key", "id"))


def entries(user: Any, *, status: str = "", page: Any = 1) -> Page:
    rows = Experience.objects.owned_by(user).order_by("-done_on", "-id")
    if status in STATUS_NAMES:
        rows = rows.filter(status=status)
    return Paginator(rows, PAGE_SIZE).get_page(page)


def counts(user: Any) -> dict[str, int]:
    rows = Experience.objects.owned_by(user)
    totals = rows.aggregate(
        all=Count("id"), **{key: Count("id", filter=Q(status=key)) for key in STATUS_NAMES}
    )
    return {key: value or 0 for key, value in totals.items()}


def skills_evidenced(user: Any) -> dict[str, int]:
    """How many finished log entries evidence each skill."""
    tally: dict[str, int] = {}
    done = Experience.objects.owned_by(user).filter(status="done")
    for skills in done.values_list("skills", flat=True).iterator():
        for key in skills or []:
            tally[key] = tally.get(key, 0) + 1
    return tally
