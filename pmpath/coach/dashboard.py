"""The dashboard's reads: everything the home page shows besides the coach, each a fixed number
of indexed queries (readiness, the funnel, the practice streak, networking activity, new jobs,
recent trends). The view in core/views.py calls `context`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.html import json_script

from pmpath.coach import memo
from pmpath.coach import queries as coach_queries
from pmpath.coach.detectors import Action
from pmpath.coach.links import form_links, href

FINDINGS_SHOWN = 5
WEEKS = 8
STREAK_LOOKBACK = 60


@dataclass(frozen=True)
class Readiness:
    assessed: bool
    overall: int  # per cent, at the target level
    target_name: str
    operates_at: str
    skills: list[tuple[str, int]]  # (name, per cent at target)


def readiness(user: Any) -> Readiness:
    from pmpath.career import assessment_queries

    assessment, report = assessment_queries.report(user)
    return Readiness(
        assessment is not None,
        round(report.at_target.overall * 100),
        report.target.name,
        report.operates_at.name if report.operates_at else "",
        [(s.skill.name, round(s.readiness * 100)) for s in report.at_target.skills if s.behaviours],
    )


@dataclass(frozen=True)
class Practice:
    streak: int
    practised_today: bool
    week: int  # answers submitted this week
    cards_due: int


def practice(user: Any, now: datetime, cards_due: int, week_done: float) -> Practice:
    from pmpath.interview.models import Attempt
    from pmpath.interview.progress import local_day, streak

    today = timezone.localdate(now)
    since = timezone.make_aware(
        datetime.combine(today - timedelta(days=STREAK_LOOKBACK), datetime.min.time())
    )
    days = list(
        Attempt.objects.owned_by(user)
        .filter(submitted_at__gte=since)
        .annotate(day=local_day("submitted_at", now))
        .values_list("day", flat=True)
        .distinct()
        .order_by()
    )
    run, today_done = streak(days, today)
    return Practice(run, today_done, int(week_done), cards_due)


@dataclass(frozen=True)
class Activity:
    weeks: list[date]
    outbound: list[int]
    inbound: list[int]

    @property
    def total(self) -> int:
        return sum(self.outbound) + sum(self.inbound)

    def chart(self) -> dict[str, Any]:
        return {
            "labels": [w.strftime("%d %b") for w in self.weeks],
            "outbound": self.outbound,
            "inbound": self.inbound,
        }


def activity(user: Any, today: date) -> Activity:
    """Interactions per week over the last WEEKS weeks, in one aggregate."""
    from pmpath.network.models import Interaction

    first = today - timedelta(days=today.weekday()) - timedelta(weeks=WEEKS - 1)
    weeks = [first + timedelta(weeks=i) for i in range(WEEKS)]
    rows = (
        Interaction.objects.owned_by(user)
        .filter(occurred_on__gte=first, occurred_on__lte=today)
        .values_list("occurred_on", "direction")
        .annotate(n=Count("id"))
        .order_by()
    )
    outbound = [0] * WEEKS
    inbound = [0] * WEEKS
    for day, direction, n in rows:  # at most 2 rows a day
        slot = (day - first).days // 7
        if 0 <= slot < WEEKS:
            (outbound if direction == "outbound" else inbound)[slot] += n
    return Activity(weeks, outbound, inbound)


def new_jobs(user: Any, profile: Any) -> list[Any]:
    from pmpath.jobs.watch_queries import inbox

    return list(inbox(user, profile=profile)[:5])


def best_matches(user: Any) -> list[tuple[Any, int]]:
    """The best stored match scores (the matching area keeps them fresh)."""
    from pmpath.matching.models import MatchScore

    rows = (
        MatchScore.objects.owned_by(user)
        .filter(posting__archived=False)
        .select_related("posting", "posting__company")
        .only("score", "posting__id", "posting__title", "posting__company__name")
        .order_by("-score", "-id")[:5]
    )
    return [(r.posting, r.score) for r in rows]


def recent_entries(user: Any) -> list[Any]:
    from pmpath.trends.models import Entry

    return list(
        Entry.objects.owned_by(user)
        .filter(read_at__isnull=True)
        .select_related("feed")
        .only("id", "title", "url", "published_at", "feed__title", "feed__url")
        .order_by("-published_at", "-id")[:5]
    )


def funnel_chart(funnel: Any) -> dict[str, Any]:
    rows = [r for r in funnel.stages if r.on_path]
    return {"labels": [r.stage.name for r in rows], "reached": [r.reached for r in rows]}


def context(user: Any, profile: Any, *, now: datetime | None = None) -> dict[str, Any]:
    from pmpath.career import goal_queries
    from pmpath.jobs.queries import funnel

    now = now or timezone.now()
    today = timezone.localdate(now)
    # Both scan the user's interactions by date (no index to walk): kept under a fingerprint.
    fp = memo.fingerprint(user, today)
    week = memo.cached(user, "week", fp, lambda: goal_queries.this_week(user, today=today))
    report = coach_queries.coach(
        user, profile=profile, now=now, week=week, fingerprint=fp, cached=True
    )
    done = {line.key: line.done for line in week.lines}
    flow = memo.cached(user, "funnel", fp, lambda: funnel(user))
    networking = memo.cached(user, "activity", fp, lambda: activity(user, today))
    ready = memo.cached(user, "readiness", fp, lambda: readiness(user))
    charts = {
        "readiness": (
            {"labels": [n for n, _ in ready.skills], "values": [v for _, v in ready.skills]}
            if ready.assessed
            else None
        ),
        "funnel": funnel_chart(flow) if flow.applications else None,
        "activity": networking.chart() if networking.total else None,
    }
    return {
        "href": href,
        "links": form_links(),
        "trends_href": href(Action("", "trends")),
        "charts": json_script(charts, "dashboard-data") if any(charts.values()) else "",
        "coach": report,
        "findings": report.findings[:FINDINGS_SHOWN],
        "findings_more": max(0, len(report.findings) - FINDINGS_SHOWN),
        "next": report.next,
        "due": report.due,
        "week": week,
        "readiness": ready,
        "funnel": flow,
        "practice": practice(user, now, report.inputs.cards_due, done.get("practice_sessions", 0)),
        "activity": networking,
        "new_jobs": memo.cached(user, "new_jobs", fp, lambda: new_jobs(user, profile)),
        "matches": best_matches(user),
        "entries": recent_entries(user),
        "today": today,
    }
