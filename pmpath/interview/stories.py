"""Writes for the story bank: stories and where each was told. Keyword-only arguments, the
acting user first; StoryError's message starts with the field it is about."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from pmpath.core.models import get_owned_or_404
from pmpath.interview.knowledge import SKILLS, THEMES
from pmpath.interview.models import Question, Story, StoryUse
from pmpath.jobs.models import Application, Company

TITLE_MAX = 200
PART_MAX = 10_000
METRICS_MAX = 300
TEXT_FIELDS = ("situation", "task", "action", "result", "reflection")


class StoryError(Exception):
    """A story or a use of one was refused; the message names the field first."""


def _text(value: str | None, field: str, limit: int) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    if len(text) > limit:
        raise StoryError(f"{field}: keep it under {limit:,} characters")
    return text


def _choices(values: list[str] | None, allowed: tuple[str, ...], field: str) -> list[str]:
    kept: list[str] = []
    for value in values or []:
        if value not in allowed:
            raise StoryError(f"{field}: {value!r} is not one of {', '.join(allowed)}")
        if value not in kept:
            kept.append(value)
    return [v for v in allowed if v in kept]  # in the canonical order


def save_story(
    user: Any,
    *,
    story_id: int | None = None,
    title: str,
    situation: str = "",
    task: str = "",
    action: str = "",
    result: str = "",
    reflection: str = "",
    skills: list[str] | None = None,
    themes: list[str] | None = None,
    metrics: str = "",
) -> Story:
    """Create a story, or update one of the user's own when story_id is given."""
    story = get_owned_or_404(Story, user, pk=story_id) if story_id else Story(user=user)
    story.title = _text(title, "title", TITLE_MAX)
    if not story.title:
        raise StoryError("title: give the story a short name you will recognise")
    parts = {"situation": situation, "task": task, "action": action}
    parts.update(result=result, reflection=reflection)
    for name, value in parts.items():
        setattr(story, name, _text(value, name, PART_MAX))
    story.skills = _choices(skills, SKILLS, "skills")
    story.themes = _choices(themes, THEMES, "themes")
    story.metrics = _text(metrics, "metrics", METRICS_MAX)
    story.save()
    return story


def delete_story(user: Any, *, story_id: int) -> str:
    story = get_owned_or_404(Story, user, pk=story_id)
    title = story.title
    story.delete()
    return title


def add_use(
    user: Any,
    *,
    story_id: int,
    question_id: int | None = None,
    company_id: int | None = None,
    application_id: int | None = None,
    used_on: date | None = None,
) -> StoryUse:
    """Record where a story was told, or is planned: a question, a company, an application
    (whose company is filled in from it)."""
    story = get_owned_or_404(Story, user, pk=story_id)
    if not (question_id or company_id or application_id):
        raise StoryError("question: choose a question, a company or an application")
    question = None
    if question_id:
        question = Question.objects.visible_to(user).filter(pk=question_id).first()
        if question is None:
            raise StoryError("question: that question is not in your bank")
    application = None
    if application_id:
        application = Application.objects.owned_by(user).filter(pk=application_id).first()
        if application is None:
            raise StoryError("application: that application is not yours")
    company = None
    if company_id:
        company = Company.objects.owned_by(user).filter(pk=company_id).first()
        if company is None:
            raise StoryError("company: that company is not in your list")
    elif application is not None:
        company = application.company
    with transaction.atomic():
        existing = StoryUse.objects.owned_by(user).filter(
            story=story, question=question, company=company, application=application
        )
        found = existing.first()
        if found is not None:  # the same use twice is one use; keep the newer date
            if used_on and (found.used_on is None or used_on > found.used_on):
                found.used_on = used_on
                found.save(update_fields=["used_on", "updated_at"])
            return found
        return StoryUse.objects.create(
            user=user,
            story=story,
            question=question,
            company=company,
            application=application,
            used_on=used_on,
        )


def remove_use(user: Any, *, use_id: int) -> StoryUse:
    use = get_owned_or_404(StoryUse, user, pk=use_id)
    use.delete()
    return use
