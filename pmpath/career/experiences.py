"""Writes for the experience log: entries the candidate adds, and stretch experiences planned
from their background's suggestions."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from pmpath.career import experience_queries as eq
from pmpath.career import queries
from pmpath.career.models import Evidence, Experience

FIELDS = ("title", "status", "done_on", "what", "outcome", "skills")


class ExperienceError(Exception):
    """An experience-log value pmpath cannot store; the message names the field."""


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ExperienceError(f"Unknown experience fields: {', '.join(sorted(unknown))}")
    cleaned = dict(values)
    if "title" in cleaned:
        title = " ".join(str(cleaned["title"] or "").split())
        if not title:
            raise ExperienceError("title: say what the experience was")
        if len(title) > 200:
            raise ExperienceError("title: at most 200 characters")
        cleaned["title"] = title
    if "status" in cleaned and cleaned["status"] not in eq.STATUS_NAMES:
        raise ExperienceError(f"status: {cleaned['status']!r} is not planned, doing or done")
    done_on = cleaned.get("done_on")
    if done_on is not None and not isinstance(done_on, date):
        raise ExperienceError("done_on: give a date")
    if "skills" in cleaned:
        known = {c.key for c in queries.competencies()}
        skills = list(dict.fromkeys(cleaned["skills"] or []))
        wrong = [s for s in skills if s not in known]
        if wrong:
            raise ExperienceError(f"skills: {', '.join(wrong)} is not a skill on the ladder")
        cleaned["skills"] = skills
    return cleaned


def add_experience(user: Any, **values: Any) -> Experience:
    cleaned = _clean(values)
    if "title" not in cleaned:
        raise ExperienceError("title: say what the experience was")
    return Experience.objects.create(user=user, **cleaned)


def update_experience(user: Any, *, experience: Experience, **values: Any) -> Experience:
    if experience.user_id != user.pk:
        raise ExperienceError("experience: not yours")
    for field, value in _clean(values).items():
        setattr(experience, field, value)
    experience.save()
    return experience


def delete_experience(user: Any, *, experience: Experience) -> None:
    """Delete an entry and the evidence that pointed at it (those ratings become claims)."""
    if experience.user_id != user.pk:
        raise ExperienceError("experience: not yours")
    with transaction.atomic():
        Evidence.objects.owned_by(user).filter(kind="experience", object_id=experience.pk).delete()
        experience.delete()


def plan_stretch(user: Any, *, stretch_key: str) -> tuple[Experience, bool]:
    """Put a suggested stretch experience in the log as planned; (entry, created). Planning the
    same one twice returns the entry already there."""
    stretch = eq.stretch_or_none(stretch_key)
    if stretch is None:
        raise ExperienceError(f"stretch_key: {stretch_key!r} is not a suggested stretch experience")
    with transaction.atomic():
        existing = Experience.objects.owned_by(user).filter(stretch_key=stretch.key).first()
        if existing is not None:
            return existing, False
        title = stretch.text if len(stretch.text) <= 200 else stretch.text[:199].rstrip() + "…"
        entry = Experience.objects.create(
            user=user,
            title=title,
            status="planned",
            what=stretch.text if len(stretch.text) > 200 else "",
            skills=[stretch.skill] if stretch.skill else [],
            stretch_key=stretch.key,
        )
    return entry, True
