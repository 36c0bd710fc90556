"""Writes for interview rounds and calendar feeds. Times come in as a local date-time plus an
IANA zone, because that is how an invitation states them, and are stored in UTC."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from pmpath.core import generation
from pmpath.core.models import get_owned_or_404
from pmpath.jobs.models import (
    INTERVIEW_KINDS,
    INTERVIEW_OUTCOMES,
    Application,
    CalendarFeed,
    Interview,
)
from pmpath.jobs.services import JobsError

FEED_PREFIX = "pmc_"
MAX_ACTIVE_FEEDS = 10
# A calendar app polls a feed every few minutes to hours; record use at most once a minute.
LAST_USED_RESOLUTION = timedelta(minutes=1)
INTERVIEW_FIELDS = (
    "kind",
    "local_start",
    "time_zone",
    "duration_minutes",
    "location",
    "interviewers",
    "preparation",
    "outcome",
    "outcome_notes",
    "thank_you_sent_on",
)
NOT_ZONES = {"localtime", "Factory", "posixrules"}


@cache
def time_zone_names() -> dict[str, str]:
    """Every IANA zone name this machine knows, keyed by its case-folded form."""
    from zoneinfo import available_timezones

    names = (
        n
        for n in available_timezones()
        if n not in NOT_ZONES and not n.startswith(("posix/", "right/"))
    )
    return {n.casefold(): n for n in sorted(names)}


def zone_named(name: str) -> ZoneInfo:
    """The zone for an IANA name (any case), or a JobsError naming the field."""
    key = " ".join((name or "").split()).replace(" ", "_").casefold()
    canonical = time_zone_names().get(key)
    if canonical is None:
        shown = (name or "").strip()[:64] or "an empty name"
        raise JobsError(
            f"time_zone: {shown!r} is not a time zone name; use an IANA name "
            "such as Europe/Dublin or America/New_York"
        )
    return ZoneInfo(canonical)


def local_to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    """A wall-clock time in `zone` as a UTC instant. A time the clocks skip (the hour lost when
    summer time starts) is refused; a time that happens twice (the hour repeated in autumn)
    means the first of the two, as calendar apps do."""
    if local.tzinfo is not None:
        return local.astimezone(ZoneInfo("UTC"))
    aware = local.replace(tzinfo=zone, fold=0)
    utc = aware.astimezone(ZoneInfo("UTC"))
    if utc.astimezone(zone).replace(tzinfo=None) != local:
        raise JobsError(
            f"time: {local:%H:%M} on {local:%d %b %Y} does not exist in {zone.key} "
            "(the clocks go forward then); choose another time"
        )
    return utc


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(INTERVIEW_FIELDS)
    if unknown:
        raise JobsError(f"unknown fields: {', '.join(sorted(unknown))}")
    clean = dict(values)
    if "kind" in clean and clean["kind"] not in dict(INTERVIEW_KINDS):
        raise JobsError(f"kind: {clean['kind']!r} is not a kind of interview")
    if "outcome" in clean and clean["outcome"] not in dict(INTERVIEW_OUTCOMES):
        raise JobsError(f"outcome: {clean['outcome']!r} is not an outcome")
    if "duration_minutes" in clean:
        try:
            minutes = int(clean["duration_minutes"])
        except (TypeError, ValueError):
            raise JobsError("duration_minutes: give the length in minutes") from None
        if not 5 <= minutes <= 12 * 60:
            raise JobsError("duration_minutes: between 5 minutes and 12 hours")
        clean["duration_minutes"] = minutes
    for name, limit in (("location", 300), ("interviewers", 5000), ("preparation", 20_000)):
        if name in clean:
            clean[name] = (clean[name] or "").strip()
            if len(clean[name]) > limit:
                raise JobsError(f"{name}: at most {limit:,} characters")
    if "outcome_notes" in clean:
        clean["outcome_notes"] = (clean["outcome_notes"] or "").strip()
    return clean


def _place(interview: Interview, local: datetime | None, zone_name: str | None) -> None:
    """Set starts_at and time_zone. Changing only the zone keeps the wall-clock time: the
    person is saying "3 pm in New York, not 3 pm in London"."""
    if zone_name is None:
        zone_name = interview.time_zone
    zone = zone_named(zone_name)
    if local is None:
        local = interview.starts_at.astimezone(zone_named(interview.time_zone)).replace(tzinfo=None)
    interview.starts_at = local_to_utc(local, zone)
    interview.time_zone = zone.key


def add_interview(
    user: Any, *, application_id: int, local_start: datetime, time_zone: str, **values: Any
) -> Interview:
    application = get_owned_or_404(Application, user, pk=application_id)
    clean = _clean(values)
    interview = Interview(user=user, application=application, **clean)
    _place(interview, local_start, time_zone)
    interview.save()
    return interview


def update_interview(user: Any, *, interview_id: int, **values: Any) -> Interview:
    interview = get_owned_or_404(Interview, user, pk=interview_id)
    clean = _clean(values)
    local = clean.pop("local_start", None)
    zone_name = clean.pop("time_zone", None)
    if local is not None or zone_name is not None:
        _place(interview, local, zone_name)
    for name, value in clean.items():
        setattr(interview, name, value)
    interview.save()
    return interview


def delete_interview(user: Any, *, interview_id: int) -> int:
    """Delete a round; answers its application's id, for the page to return to."""
    interview = get_owned_or_404(Interview, user, pk=interview_id)
    application_id = interview.application_id
    interview.delete()
    return application_id


def mark_thank_you_sent(
    user: Any, *, interview_id: int, sent_on: date | None = None, sent: bool = True
) -> Interview:
    interview = get_owned_or_404(Interview, user, pk=interview_id)
    interview.thank_you_sent_on = (sent_on or timezone.localdate()) if sent else None
    interview.save(update_fields=["thank_you_sent_on", "updated_at"])
    return interview


# --- calendar feeds -----------------------------------------------------------------------


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_calendar_feed(user: Any) -> tuple[CalendarFeed, str]:
    """A new private feed and its token, which is never stored and cannot be shown again."""
    active = CalendarFeed.objects.owned_by(user).filter(revoked_at__isnull=True).count()
    if active >= MAX_ACTIVE_FEEDS:
        raise JobsError(
            f"feed: you have {active} calendar addresses; revoke one you no longer use first"
        )
    raw = f"{FEED_PREFIX}{secrets.token_urlsafe(32)}"
    feed = CalendarFeed.objects.create(
        user=user, token_hash=_hash(raw), prefix=raw[: len(FEED_PREFIX) + 6]
    )
    return feed, raw


def revoke_calendar_feed(user: Any, *, feed_id: int) -> CalendarFeed:
    feed = get_owned_or_404(CalendarFeed, user, pk=feed_id)
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at", "updated_at"])
    return feed


def user_for_calendar_token(raw: str) -> Any | None:
    """The owner of a live feed token, or None for anything else. Records when it was used."""
    if not raw.startswith(FEED_PREFIX) or len(raw) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    now = timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at > LAST_USED_RESOLUTION:
        with transaction.atomic():
            CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
            generation.touch_after_commit(feed.user_id)  # the interviews page shows it
    return feed.user
