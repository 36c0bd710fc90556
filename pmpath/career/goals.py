"""Writes for weekly goals: the candidate's targets for one week."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from pmpath.career.models import WeeklyGoal

LIMITS = {"applications": 100, "outreach": 200, "practice_sessions": 100}
MAX_HOURS = Decimal("80")


class GoalError(Exception):
    """A target pmpath cannot store; the message names the field."""


def set_goals(
    user: Any,
    *,
    week_start: date,
    applications: Any = 0,
    outreach: Any = 0,
    practice_sessions: Any = 0,
    learning_hours: Any = 0,
) -> WeeklyGoal:
    """Create or replace the targets for the week starting `week_start` (a Monday)."""
    if week_start.weekday() != 0:
        raise GoalError("week_start: a week starts on a Monday")
    counts = {}
    for field, value in (
        ("applications", applications),
        ("outreach", outreach),
        ("practice_sessions", practice_sessions),
    ):
        try:
            number = int(value or 0)
        except (TypeError, ValueError):
            raise GoalError(f"{field}: give a whole number") from None
        if not 0 <= number <= LIMITS[field]:
            raise GoalError(f"{field}: between 0 and {LIMITS[field]} a week")
        counts[field] = number
    try:
        hours = Decimal(str(learning_hours or 0)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise GoalError("learning_hours: give a number of hours, such as 3 or 2.5") from None
    if not Decimal(0) <= hours <= MAX_HOURS:
        raise GoalError(f"learning_hours: between 0 and {MAX_HOURS} hours a week")
    with transaction.atomic():
        goal, _ = WeeklyGoal.objects.select_for_update().get_or_create(
            user=user, week_start=week_start
        )
        for field, number in counts.items():
            setattr(goal, field, number)
        goal.learning_hours = hours
        goal.save()
    return goal
