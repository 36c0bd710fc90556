"""Mock interviews: a set of questions for a target company and level, answered back-to-back
against the clock, then a report. Writes here, reads in mock_queries.py.

The set follows a typical PM loop: one product sense, one execution, one behavioural and one
motivation question, each suited to the level, preferring the company's own questions and
avoiding anything practised in the last month."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from pmpath.career import queries as career
from pmpath.core.models import get_owned_or_404
from pmpath.interview.models import LEVELS, Attempt, Mock, MockItem, Question
from pmpath.interview.practice_queries import LEVEL_NAMES, RECENT, level_filter
from pmpath.jobs.models import Application, Company

PLAN = ["product_sense", "execution", "behavioural", "motivation"]
TITLE_MAX = 200


class MockError(Exception):
    """A mock interview could not be made; the message names the field first."""


def _pick(
    user: Any, category: str, level: str, names: list[str], exclude: set[int], now: datetime
) -> Question | None:
    """One question of the category: the company's own first, then any; suited to the level
    and not answered lately where possible (each constraint is dropped only if nothing fits)."""
    recent = Attempt.objects.filter(
        user=user, submitted_at__gte=now - RECENT, submitted_at__isnull=False
    ).values("question_id")
    company_match = Q()
    for name in names:
        company_match |= Q(company__iexact=name)
    base = (
        Question.objects.visible_to(user)
        .filter(category=category)
        .exclude(pk__in=exclude)
        .annotate(
            own=Case(When(company_match, then=1), default=0, output_field=IntegerField())
            if names
            else Value(0, output_field=IntegerField())
        )
    )
    for rows in (
        base.filter(level_filter(level)).exclude(pk__in=recent),
        base.filter(level_filter(level)),
        base,
    ):
        found = rows.order_by("-own", "?").first()
        if found is not None:
            return found
    return None


def create_mock(
    user: Any,
    *,
    company_id: int | None = None,
    application_id: int | None = None,
    level: str = "",
    title: str = "",
    now: datetime | None = None,
) -> Mock:
    now = now or timezone.now()
    application = None
    if application_id:
        application = (
            Application.objects.owned_by(user)
            .select_related("company")
            .filter(pk=application_id)
            .first()
        )
        if application is None:
            raise MockError("application: that application is not yours")
    company = None
    if company_id:
        company = Company.objects.owned_by(user).filter(pk=company_id).first()
        if company is None:
            raise MockError("company: that company is not in your list")
    elif application is not None:
        company = application.company
    if not level:
        profile = career.profile_for(user)
        level = profile.target_level if profile and profile.target_level in LEVELS else "pm"
    if level not in LEVELS:
        raise MockError(f"level: choose one of {', '.join(LEVELS)}")
    names = [company.name, *[str(a) for a in company.aliases or []]] if company else []
    chosen: list[Question] = []
    for category in PLAN:
        found = _pick(user, category, level, names, {q.pk for q in chosen}, now)
        if found is not None:
            chosen.append(found)
    if not chosen:
        raise MockError("level: the question bank has nothing to ask yet; run `pmpath setup`")
    title = (title or "").strip()[:TITLE_MAX] or (
        f"{company.name} mock, {LEVEL_NAMES[level]}" if company else f"{LEVEL_NAMES[level]} mock"
    )
    with transaction.atomic():
        mock = Mock.objects.create(
            user=user, title=title, company=company, application=application, level=level
        )
        MockItem.objects.bulk_create(
            [MockItem(mock=mock, question=q, order=i + 1) for i, q in enumerate(chosen)]
        )
    return mock


def delete_mock(user: Any, *, mock_id: int) -> str:
    """Delete a mock; its answers stay in the practice history."""
    mock = get_owned_or_404(Mock, user, pk=mock_id)
    title = mock.title
    mock.delete()
    return title


def start(user: Any, *, mock_id: int, now: datetime | None = None) -> Mock:
    mock = get_owned_or_404(Mock, user, pk=mock_id)
    if mock.status == "ready":
        mock.status, mock.started_at = "running", now or timezone.now()
        mock.save(update_fields=["status", "started_at", "updated_at"])
    return mock
