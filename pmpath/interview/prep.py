"""Company prep for one application with interviews coming: reads (prep_for) and writes (the
"why this company" answer, the stories chosen). Keyword-only arguments, acting user first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from pmpath.core.models import get_owned_or_404
from pmpath.interview import stories
from pmpath.interview.models import PrepNote, Question, Story, StoryUse
from pmpath.interview.practice_queries import (
    KIND_CATEGORIES,
    company_questions,
    first_per_category,
    level_filter,
)
from pmpath.jobs import research_queries
from pmpath.jobs.interview_queries import interviews_for
from pmpath.jobs.models import Application, Interview, ResearchBrief

NOTE_MAX = 10_000
# With no rounds booked yet, prepare for the loop most PM interviews follow.
DEFAULT_CATEGORIES = ["motivation", "product_sense", "execution", "behavioural"]


class PrepError(Exception):
    """The message names the field first."""


@dataclass
class Prep:
    application: Application
    brief: ResearchBrief | None
    note: PrepNote | None
    uses: list[StoryUse]
    story_choices: list[Story]
    company_questions: list[Question]
    likely: list[Question]
    categories: list[str]
    to_ask: list[str]
    interviews: list[Interview]
    upcoming: list[Interview]


def _lines(text: str) -> list[str]:
    """Questions to ask, one per line, list markers removed."""
    items = []
    for line in (text or "").splitlines():
        line = line.strip().lstrip("-*•0123456789.) ").strip()
        if line:
            items.append(line)
    return items


def prep_for(user: Any, application_id: int, *, level: str = "") -> Prep:
    application: Application = get_owned_or_404(
        Application.objects.select_related("company", "stage"), user, pk=application_id
    )
    company = application.company
    brief = research_queries.brief_for(user, company) if company else None
    rounds = interviews_for(application)
    now = timezone.now()
    upcoming = [i for i in rounds if i.starts_at >= now]
    categories: list[str] = []
    for interview in upcoming or rounds:
        for category in KIND_CATEGORIES.get(interview.kind, []):
            if category not in categories:
                categories.append(category)
    categories = categories or DEFAULT_CATEGORIES
    names = [company.name, *[str(a) for a in company.aliases or []]] if company else []
    visible = Question.objects.visible_to(user).filter(level_filter(level))
    uses = list(
        StoryUse.objects.owned_by(user)
        .filter(application=application)
        .select_related("story")
        .order_by("story__title", "id")
    )
    chosen = {u.story_id for u in uses}
    return Prep(
        application=application,
        brief=brief,
        note=PrepNote.objects.owned_by(user).filter(application=application).first(),
        uses=uses,
        story_choices=[
            s
            for s in Story.objects.owned_by(user).order_by("title", "id").only("id", "title")[:300]
            if s.pk not in chosen
        ],
        company_questions=company_questions(user, names) if names else [],
        likely=first_per_category(visible, categories, 2),
        categories=categories,
        to_ask=_lines(brief.questions_to_ask) if brief else [],
        interviews=rounds,
        upcoming=upcoming,
    )


def save_note(
    user: Any, *, application_id: int, why_company: str = "", notes: str = ""
) -> PrepNote:
    application = get_owned_or_404(Application, user, pk=application_id)
    values = {}
    for name, text in (("why_company", why_company), ("notes", notes)):
        text = (text or "").replace("\r\n", "\n").strip()
        if len(text) > NOTE_MAX:
            raise PrepError(f"{name}: keep it under {NOTE_MAX:,} characters")
        values[name] = text
    with transaction.atomic():
        found = PrepNote.objects.owned_by(user).filter(application=application).first()
        if found is None:
            try:
                with transaction.atomic():
                    return PrepNote.objects.create(user=user, application=application, **values)
            except IntegrityError:  # saved meanwhile in another tab
                found = PrepNote.objects.owned_by(user).get(application=application)
        for name, text in values.items():
            setattr(found, name, text)
        found.save()
    return found


def choose_story(user: Any, *, application_id: int, story_id: int) -> StoryUse:
    """Plan to tell this story in this application's interviews."""
    get_owned_or_404(Application, user, pk=application_id)
    get_owned_or_404(Story, user, pk=story_id)
    try:
        return stories.add_use(user, story_id=story_id, application_id=application_id)
    except stories.StoryError as exc:
        raise PrepError(str(exc)) from None
