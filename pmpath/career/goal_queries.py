"""Reads for weekly goals: the targets, and progress counted from what the candidate really did.

How each figure is counted, for a week from Monday to Sunday (the site's time zone):
- applications: job applications whose applied date falls in the week (pmpath sets it when an
  application moves past the first stage of the pipeline);
- outreach: network interactions marked "I reached out" that happened in the week;
- practice sessions: interview practice answers submitted in the week;
- learning hours: the hours of learning-plan resources marked completed in the week (a course
  counts when you complete it, with the hours the catalogue gives it).
One aggregate query per source covers every week shown, so the page costs the same whatever the
amount of data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from pmpath.career.models import Enrolment, WeeklyGoal

METRICS = [
    ("applications", "Applications sent"),
    ("outreach", "People reached out to"),
    ("practice_sessions", "Practice answers"),
    ("learning_hours", "Learning hours"),
]
HISTORY_WEEKS = 8


def week_of(day: date | None = None) -> date:
    """The Monday that starts the week of `day` (today in the site's time zone by default)."""
    day = day or timezone.localdate()
    return day - timedelta(days=day.weekday())


def goal_for(user: Any, week_start: date) -> WeeklyGoal | None:
    return WeeklyGoal.objects.owned_by(user).filter(week_start=week_start).first()


def last_goal(user: Any, before: date) -> WeeklyGoal | None:
    return WeeklyGoal.objects.owned_by(user).filter(week_start__lt=before).first()


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def actuals(user: Any, weeks: list[date]) -> dict[date, dict[str, float]]:
    """What the candidate did in each week (Mondays), from their applications, interactions,
    practice attempts and completed learning."""
    from pmpath.interview.models import Attempt
    from pmpath.jobs.models import Application
    from pmpath.network.models import Interaction

    found: dict[date, dict[str, float]] = {w: {} for w in weeks}
    if not weeks or user is None or not user.is_authenticated:
        return {w: {key: 0 for key, _ in METRICS} for w in weeks}

    def per_week(rows: Any, field: str) -> dict:
        """Counts for a datetime field in one query: how many rows from each Monday on (one
        comparison each, half the expressions to build), then each week as the difference
        from the next one. `rows` must already end with the last week."""
        ordered = sorted(weeks)
        since = rows.aggregate(
            **{
                w.isoformat(): Count("id", filter=Q(**{f"{field}__gte": _start(w)}))
                for w in ordered
            }
        )
        spans, later = {}, 0
        for w in reversed(ordered):
            total = since[w.isoformat()] or 0
            spans[w.isoformat()] = total - later
            later = total
        return spans

    def per_week_by_day(rows: Any, field: str, total: Any = None) -> dict:
        """Totals per day for a date field, summed into weeks here: one grouped pass (over an
        index where there is one) costs less to build and to run than a filtered count per
        week. COUNT(*) rather than COUNT(id): SQLite then need not read the id."""
        spans = {w.isoformat(): 0 for w in weeks}
        grouped = rows.values_list(field).annotate(n=total or Count("*")).order_by()
        for day, n in grouped:
            week = day - timedelta(days=(day - weeks[0]).days % 7)
            if week.isoformat() in spans and n:
                spans[week.isoformat()] += n
        return spans

    first, last = min(weeks), max(weeks) + timedelta(days=7)
    apps = per_week_by_day(
        Application.objects.owned_by(user).filter(applied_on__gte=first, applied_on__lt=last),
        "applied_on",
    )
    outreach = per_week_by_day(
        Interaction.objects.owned_by(user).filter(
            direction="outbound", occurred_on__gte=first, occurred_on__lt=last
        ),
        "occurred_on",
    )
    practice = per_week(
        Attempt.objects.owned_by(user).filter(
            submitted_at__gte=_start(first), submitted_at__lt=_start(last)
        ),
        "submitted_at",
    )
    hours = per_week_by_day(
        Enrolment.objects.owned_by(user).filter(
            status="done", completed_on__gte=first, completed_on__lt=last
        ),
        "completed_on",
        total=Sum("resource__hours"),
    )
    for w in weeks:
        k = w.isoformat()
        found[w] = {
            "applications": apps[k] or 0,
            "outreach": outreach[k] or 0,
            "practice_sessions": practice[k] or 0,
            "learning_hours": float(hours[k] or Decimal(0)),
        }
    return found


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    target: float
    done: float

    @property
    def percent(self) -> int:
        if not self.target:
            return 100 if self.done else 0
        return min(100, round(self.done * 100 / self.target))

    @property
    def met(self) -> bool:
        return bool(self.target) and self.done >= self.target

    @property
    def shown_done(self) -> str:
        return _number(self.done)

    @property
    def shown_target(self) -> str:
        return _number(self.target)


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class Week:
    start: date
    goal: WeeklyGoal | None
    lines: list[Line]

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def met(self) -> int:
        return sum(1 for line in self.lines if line.met)

    @property
    def targets_set(self) -> int:
        return sum(1 for line in self.lines if line.target)


def _lines(goal: WeeklyGoal | None, done: dict[str, float]) -> list[Line]:
    return [
        Line(
            key,
            label,
            float(getattr(goal, key)) if goal is not None else 0,
            done.get(key, 0),
        )
        for key, label in METRICS
    ]


def this_week(user: Any, *, today: date | None = None) -> Week:
    """This week's targets and progress: the dashboard card (five queries)."""
    start = week_of(today)
    goal = goal_for(user, start)
    done = actuals(user, [start])[start]
    return Week(start, goal, _lines(goal, done))


def recent_weeks(user: Any, *, today: date | None = None, weeks: int = HISTORY_WEEKS) -> list[Week]:
    """This week and the ones before it, newest first."""
    start = week_of(today)
    mondays = [start - timedelta(weeks=i) for i in range(weeks)]
    goals = {
        g.week_start: g for g in WeeklyGoal.objects.owned_by(user).filter(week_start__in=mondays)
    }
    done = actuals(user, mondays)
    return [Week(m, goals.get(m), _lines(goals.get(m), done[m])) for m in mondays]
