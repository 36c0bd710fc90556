"""Progress on the interview overview: average score per category per week, the practice
streak, what is due, recent answers. Six queries whatever the number of attempts: the weekly
averages are grouped in SQL over a bounded window, the streak reads one row per day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Avg, Count, DateField, F, Func, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from pmpath.interview.models import CATEGORIES, Attempt, ReviewCard
from pmpath.interview.practice import due_window

WEEKS = 12
RECENT_SHOWN = 8
STREAK_LOOKBACK = 366


class LocalDay(Func):
    """The local date of a timestamp. On SQLite, Django's TruncDate calls back into Python for
    every row (13,000 calls took 120 ms at 10,000 answers); SQLite's own date() with the zone's
    current offset does the same in C. A day boundary may shift by an hour around a change of
    summer time, which a streak and a weekly average can live with."""

    output_field = DateField()

    def __init__(self, expression: Any, offset_minutes: int) -> None:
        super().__init__(expression)
        self.offset_minutes = offset_minutes

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **extra: Any) -> Any:  # type: ignore[override]
        zone = timezone.get_current_timezone()
        return TruncDate(self.source_expressions[0], tzinfo=zone).as_sql(compiler, connection)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, %s)", [*params, f"{self.offset_minutes:+d} minutes"]


class LocalWeek(LocalDay):
    """The Monday of a timestamp's local week, so the weekly averages group a dozen weeks
    rather than every day (about 600 rows to 70 for the heavy user). Elsewhere than SQLite and
    PostgreSQL it is the local day, which `weekly_series` folds into weeks all the same."""

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = self.as_sql(compiler, connection)
        return f"DATE_TRUNC('week', {sql})::date", params

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = super().as_sqlite(compiler, connection)
        return f"date({sql}, 'weekday 0', '-6 days')", params


def local_day(field: str, now: datetime) -> LocalDay:
    return LocalDay(F(field), _offset_minutes(now))


def local_week(field: str, now: datetime) -> LocalWeek:
    return LocalWeek(F(field), _offset_minutes(now))


def _offset_minutes(now: datetime) -> int:
    offset = timezone.localtime(now).utcoffset()
    return round(offset.total_seconds() / 60) if offset else 0


@dataclass
class Series:
    category: str
    label: str
    points: list[float | None]  # one per week, None where nothing was answered
    attempts: int

    @property
    def latest(self) -> float | None:
        return next((p for p in reversed(self.points) if p is not None), None)


@dataclass
class Progress:
    weeks: list[date]  # the Monday of each week, oldest first
    series: list[Series]
    streak: int
    practised_today: bool
    due_today: int
    due_week: int
    cards: int
    submitted: int
    recent: list[Attempt]
    drafts: list[Attempt]

    def chart(self) -> dict[str, Any]:
        """The chart's data: plain JSON, drawn by progress.js."""
        return {
            "labels": [w.strftime("%d %b") for w in self.weeks],
            "series": [
                {"label": s.label, "key": s.category, "points": s.points} for s in self.series
            ],
        }


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def streak(days: list[date], today: date) -> tuple[int, bool]:
    """Consecutive days with a submitted answer, ending today, or yesterday when today has no
    answer yet (the streak is still alive until midnight). Returns (days, practised today)."""
    seen = set(days)
    practised_today = today in seen
    cursor = today if practised_today else today - timedelta(days=1)
    count = 0
    while cursor in seen:
        count += 1
        cursor -= timedelta(days=1)
    return count, practised_today


def weekly_series(rows: list[tuple[str, date, float, int]], weeks: list[date]) -> list[Series]:
    """Rows of (category, day, average score, answers) grouped per week, in category order,
    where a day may be its week's Monday already. Each week's figure is the answer-weighted
    average of its rows."""
    index = {w: i for i, w in enumerate(weeks)}
    sums: dict[str, list[float]] = {}
    counts: dict[str, list[int]] = {}
    for category, day, average, n in rows:
        slot = index.get(monday(day))
        if slot is None:
            continue
        sums.setdefault(category, [0.0] * len(weeks))[slot] += average * n
        counts.setdefault(category, [0] * len(weeks))[slot] += n
    found = []
    for key, label in CATEGORIES:
        if key not in counts:
            continue
        points = [
            round(s / c, 1) if c else None for s, c in zip(sums[key], counts[key], strict=True)
        ]
        found.append(Series(key, label, points, sum(counts[key])))
    return found


def progress_for(user: Any, *, now: datetime | None = None) -> Progress:
    now = now or timezone.now()
    today = timezone.localdate(now)
    first = monday(today) - timedelta(weeks=WEEKS - 1)
    weeks = [first + timedelta(weeks=i) for i in range(WEEKS)]
    zone = timezone.get_current_timezone()
    since = datetime.combine(first, datetime.min.time(), tzinfo=zone)
    submitted = Attempt.objects.owned_by(user).filter(submitted_at__isnull=False)
    # Grouped by week in SQL (a dozen rows a category), checked into `weeks` in Python.
    weekly = (
        submitted.filter(submitted_at__gte=since, score__isnull=False)
        .annotate(week=local_week("submitted_at", now))
        .values_list("question__category", "week")
        .annotate(avg=Avg("score"), n=Count("id"))
        .order_by()
    )
    series = weekly_series([(c, d, float(a), n) for c, d, a, n in weekly], weeks)
    days = list(
        submitted.filter(
            submitted_at__gte=datetime.combine(
                today - timedelta(days=STREAK_LOOKBACK), datetime.min.time(), tzinfo=zone
            )
        )
        .annotate(day=local_day("submitted_at", now))
        .values_list("day", flat=True)
        .distinct()
        .order_by()
    )
    run, practised_today = streak(days, today)
    end = due_window(now)
    cards = ReviewCard.objects.owned_by(user).aggregate(
        total=Count("id"),
        today=Count("id", filter=Q(due_at__lt=end)),
        week=Count("id", filter=Q(due_at__lt=end + timedelta(days=6))),
    )
    recent = list(
        submitted.select_related("question")
        .order_by("-submitted_at", "-id")
        .only(
            "id",
            "submitted_at",
            "score",
            "rating",
            "mock_id",
            "question",
            "question__text",
            "question__category",
        )[:RECENT_SHOWN]
    )
    drafts = list(
        Attempt.objects.owned_by(user)
        .filter(submitted_at__isnull=True)
        .select_related("question")
        .only("id", "updated_at", "question", "question__text", "mock_id")
        .order_by("-updated_at", "-id")[:3]
    )
    return Progress(
        weeks=weeks,
        series=series,
        streak=run,
        practised_today=practised_today,
        due_today=cards["today"],
        due_week=cards["week"],
        cards=cards["total"],
        submitted=sum(s.attempts for s in series),
        recent=recent,
        drafts=drafts,
    )
