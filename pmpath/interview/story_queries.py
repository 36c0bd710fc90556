"""Reads for the story bank: the list, the coverage grid and where each story was told. A fixed
number of queries whatever the number of stories; the grid reads only ids, titles and tags."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count

from pmpath.interview import story_checks
from pmpath.interview.knowledge import SKILLS, THEMES
from pmpath.interview.models import Question, Story, StoryUse
from pmpath.jobs.models import Application, Company

SKILL_NAMES = {key: key.replace("_", " ").capitalize() for key in SKILLS}
THEME_NAMES = {key: key.capitalize() for key in THEMES}
PAGE_SIZE = 50
CELL_SHOWN = 4  # stories named in one cell of the grid; the rest are counted
CHOICES_SHOWN = 300


def text_of(story: Story) -> story_checks.StoryText:
    return story_checks.StoryText(
        situation=story.situation,
        task=story.task,
        action=story.action,
        result=story.result,
        reflection=story.reflection,
        metrics=story.metrics,
    )


def report(story: Story) -> story_checks.StoryReport:
    return story_checks.check(text_of(story))


def stories(user: Any, *, page: Any = 1) -> Page:
    rows = Story.objects.owned_by(user).annotate(use_count=Count("uses")).order_by("title", "id")
    found = Paginator(rows, PAGE_SIZE).get_page(page)
    for story in found.object_list:
        story.report = report(story)  # type: ignore[attr-defined]
    return found


@dataclass
class Cell:
    key: str
    name: str
    kind: str  # skill | theme
    stories: list[tuple[int, str]] = field(default_factory=list)
    count: int = 0

    @property
    def gap(self) -> bool:
        return self.count == 0

    @property
    def more(self) -> int:
        return max(0, self.count - len(self.stories))


def coverage(user: Any) -> list[Cell]:
    """For every skill and common behavioural theme, the stories that answer it (gaps have
    none). One query over the user's stories' tags."""
    cells = [Cell(k, n, "skill") for k, n in SKILL_NAMES.items()]
    cells += [Cell(k, n, "theme") for k, n in THEME_NAMES.items()]
    index = {(c.kind, c.key): c for c in cells}
    rows = (
        Story.objects.owned_by(user)
        .order_by("title", "id")
        .values_list("id", "title", "skills", "themes")
    )
    for pk, title, skills, themes in rows:
        for kind, keys in (("skill", skills or []), ("theme", themes or [])):
            for key in keys:
                cell = index.get((kind, key))
                if cell is None:
                    continue
                cell.count += 1
                if len(cell.stories) < CELL_SHOWN:
                    cell.stories.append((pk, title))
    return cells


def uses_of(user: Any, story: Story) -> list[StoryUse]:
    return list(
        StoryUse.objects.owned_by(user)
        .filter(story=story)
        .select_related("question", "company", "application", "application__company")
        .order_by("-used_on", "-id")[:100]
    )


def question_choices(user: Any) -> list[tuple[int, str]]:
    """Questions a story answers, behavioural and motivation ones first: (id, text) pairs, read
    as plain rows (the story page and the mocks page show 300 of each kind)."""
    rows = (
        Question.objects.visible_to(user)
        .filter(category__in=["behavioural", "motivation", "company"])
        .order_by("category", "text")
        .values_list("id", "text")[:CHOICES_SHOWN]
    )
    return [(pk, text[:110]) for pk, text in rows]


def company_choices(user: Any) -> list[tuple[int, str]]:
    rows = Company.objects.owned_by(user).order_by("name").values_list("id", "name")
    return list(rows[:CHOICES_SHOWN])


def application_choices(user: Any) -> list[tuple[int, str]]:
    """(id, "role · company") for the open applications, the most recently moved first."""
    rows = (
        Application.objects.owned_by(user)
        .filter(archived_at__isnull=True)
        .order_by("-stage_changed_at", "-id")
        .values_list("id", "role_title", "company__name")[:CHOICES_SHOWN]
    )
    return [(pk, role + (f" · {company}" if company else "")) for pk, role, company in rows]
