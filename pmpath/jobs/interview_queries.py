"""Reads for interview rounds, the upcoming-interviews page and the calendar export. Each
function runs a fixed number of queries and reads a bounded number of rows."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone

from pmpath.jobs import ical
from pmpath.jobs.models import Application, CalendarFeed, Interview

# "Upcoming" starts a month back, so a round from last week (and its thank-you note and
# outcome) stays in view.
LOOKBACK = timedelta(days=30)
PAGE_LIMIT = 50
# A calendar larger than this is not one a person reads; it also bounds the export's cost.
CALENDAR_LIMIT = 250
CALENDAR_CACHE_SECONDS = 3600
# Follow-ups have no UID of their own; derive a stable one, so a calendar that subscribed
# moves the event when the due date changes instead of adding another.
FOLLOW_UP_NAMESPACE = uuid.UUID("5d0f3c1e-8a61-4a8e-9f5e-3f4b2a7c9e10")


def localize(
    interviews: list[Interview], *, now: datetime | None = None, people: bool = True
) -> list[Interview]:
    """Give each round, for display: its start and end in its own zone, its interviewers as
    people (unless `people` is false: lists that do not show them skip the parsing), and
    whether it is over."""
    now = now or timezone.now()
    zones: dict[str, ZoneInfo] = {}
    for interview in interviews:
        zone = zones.get(interview.time_zone)
        if zone is None:
            try:
                zone = ZoneInfo(interview.time_zone)
            except (ValueError, KeyError, OSError):
                zone = ZoneInfo("UTC")
            zones[interview.time_zone] = zone
        interview.local_start = interview.starts_at.astimezone(zone)  # type: ignore[attr-defined]
        interview.local_end = (  # type: ignore[attr-defined]
            interview.starts_at + timedelta(minutes=interview.duration_minutes)
        ).astimezone(zone)
        if people:
            interview.people = ical.parse_interviewers(interview.interviewers)  # type: ignore[attr-defined]
        interview.is_past = interview.starts_at < now  # type: ignore[attr-defined]
    return interviews


def interviews_for(application: Application) -> list[Interview]:
    rows = Interview.objects.filter(application=application, user_id=application.user_id)
    return localize(list(rows.order_by("starts_at", "id")))


def last_time_zone(user: Any) -> str:
    """The zone of the user's latest round, as the default for the next one."""
    zone = (
        Interview.objects.owned_by(user)
        .order_by("-created_at", "-id")
        .values_list("time_zone", flat=True)
        .first()
    )
    return zone or settings.TIME_ZONE


def _live(user: Any) -> QuerySet[Interview]:
    return Interview.objects.owned_by(user).filter(application__archived_at__isnull=True)


def _follow_ups(user: Any, since: date) -> QuerySet[Application]:
    return (
        Application.objects.owned_by(user)
        .filter(archived_at__isnull=True, next_action_due__gte=since)
        .select_related("company")
        .order_by("next_action_due", "id")
    )


# What the interviews page shows of a round (not its notes or interviewers).
LISTED = ("id", "application_id", "kind", "starts_at", "time_zone", "duration_minutes",
          "location", "outcome", "thank_you_sent_on")  # fmt: skip


@dataclass
class Upcoming:
    coming: list[Interview]
    recent: list[Interview]
    follow_ups: list[Application]
    coming_total: int
    # Counting every follow-up would scan all of the user's applications; one more row says
    # whether there are more than the page shows.
    more_follow_ups: bool
    today: date
    feeds: list[CalendarFeed] = field(default_factory=list)
    # Addresses with "{}" for the id (see _url_pattern), for pages that list many rows.
    links: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.coming or self.recent or self.follow_ups)


def upcoming(user: Any, *, now: datetime | None = None, limit: int = PAGE_LIMIT) -> Upcoming:
    """The interviews page: rounds to come, rounds of the last month and follow-ups due."""
    now = now or timezone.now()
    since = now - LOOKBACK
    # The application's title and company name come as two columns of each row (role_title,
    # company_name; None without a company), not as two more model instances per row.
    rows = (
        _live(user)
        .only(*LISTED)
        .annotate(role_title=F("application__role_title"))
        .annotate(company_name=F("application__company__name"))
    )
    ahead = rows.filter(starts_at__gte=now)
    due = list(
        _follow_ups(user, since.date())
        .select_related(None)
        .only("id", "role_title", "next_action", "next_action_due")
        .annotate(company_name=F("company__name"))[: limit + 1]
    )
    return Upcoming(
        coming=localize(list(ahead.order_by("starts_at", "id")[:limit]), people=False),
        recent=localize(
            list(
                rows.filter(starts_at__gte=since, starts_at__lt=now).order_by("-starts_at")[:limit]
            ),
            people=False,
        ),
        follow_ups=due[:limit],
        coming_total=ahead.count(),
        more_follow_ups=len(due) > limit,
        today=timezone.localdate(now),
        feeds=calendar_feeds(user),
        links={
            name: _url_pattern(f"jobs:{name}")
            for name in ("interview", "application", "interview_thank_you")
        },
    )


def calendar_feeds(user: Any) -> list[CalendarFeed]:
    return list(
        CalendarFeed.objects.owned_by(user).filter(revoked_at__isnull=True).order_by("-created_at")
    )


def follow_up_uid(application_id: int, created_at: datetime) -> str:
    return str(uuid.uuid5(FOLLOW_UP_NAMESPACE, f"{application_id}:{created_at.isoformat()}"))


def _url_pattern(name: str) -> str:
    """A page's address with "{}" for the id: one reverse() for the whole calendar instead of
    one per event, which costs more than reading the row."""
    return reverse(name, args=[987654321]).replace("987654321", "{}")


def calendar_events(
    user: Any, *, base_url: str, now: datetime | None = None, limit: int = CALENDAR_LIMIT
) -> tuple[list[ical.InterviewEvent], list[ical.FollowUpEvent]]:
    """Plain data for the calendar: rounds and follow-ups from a month ago on, nearest first."""
    now = now or timezone.now()
    since = now - LOOKBACK
    base = base_url.rstrip("/")
    interview_url = base + _url_pattern("jobs:interview")
    application_url = base + _url_pattern("jobs:application")
    rows = (
        _live(user)
        .filter(starts_at__gte=since)
        .order_by("starts_at", "id")
        .values_list(
            "pk", "uid", "kind", "application__company__name", "application__role_title",
            "starts_at", "time_zone", "duration_minutes", "location", "preparation",
            "interviewers", "outcome", "updated_at",
        )[:limit]
    )  # fmt: skip
    interviews = [
        ical.InterviewEvent(
            uid=str(uid),
            kind=kind,
            company=company or "",
            role=role,
            starts_at=starts_at,
            time_zone=zone,
            duration_minutes=minutes,
            location=location,
            preparation=preparation,
            interviewers=interviewers,
            url=interview_url.format(pk),
            cancelled=outcome == "cancelled",
            modified_at=updated_at,
        )
        for (pk, uid, kind, company, role, starts_at, zone, minutes, location, preparation,
             interviewers, outcome, updated_at) in rows
    ]  # fmt: skip
    follow_ups = [
        ical.FollowUpEvent(
            uid=follow_up_uid(pk, created_at),
            due=due,  # type: ignore[arg-type]  # the query keeps only rows with a date
            action=action,
            company=company or "",
            role=role,
            url=application_url.format(pk),
            modified_at=updated_at,
        )
        for pk, created_at, due, action, company, role, updated_at in _follow_ups(
            user, since.date()
        ).values_list(
            "pk", "created_at", "next_action_due", "next_action", "company__name", "role_title",
            "updated_at",
        )[:limit]
    ]  # fmt: skip
    return interviews, follow_ups


def organizer_for(user: Any) -> tuple[str, str]:
    """The calendar's ORGANIZER: the candidate's own address, else the instance's."""
    name = user.get_full_name() or user.get_username()
    return (user.email or settings.DEFAULT_FROM_EMAIL), name


def calendar_ics(user: Any, *, base_url: str, now: datetime | None = None) -> bytes:
    """The user's calendar file. Calendar apps poll it; the rows are read every time (a few
    milliseconds) and the file is rebuilt only when what they say has changed."""
    interviews, follow_ups = calendar_events(user, base_url=base_url, now=now)
    email, name = organizer_for(user)
    fingerprint = hashlib.sha256(repr((email, name, interviews, follow_ups)).encode()).hexdigest()
    key = f"pmpath:jobs:ics:{user.pk}:{fingerprint}"
    cached = cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    body = ical.build_calendar(
        interviews, follow_ups, organizer_email=email, organizer_name=name, stamp=timezone.now()
    )
    cache.set(key, body, CALENDAR_CACHE_SECONDS)
    return body
