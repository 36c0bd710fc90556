"""A short-lived, per-user cache for the dashboard's few reads that must scan a heavy user's
rows for want of an index (interactions by date: 100,000 rows, tens of milliseconds).

Each entry is keyed on a fingerprint of the data it reads (DEPENDS), taken for all of them
in one statement of indexed sub-selects (the newest row's id, or the newest submitted_at /
updated_at where rows are few or indexed on it): a new interaction retires the networking
chart and this week's goals, not the readiness report. A new row changes the fingerprint at
once; an edit to an old row that moves no fingerprint column (an interaction's date changed,
say) shows within TTL_SECONDS.

The coach's gathered input ("coach") is keyed on every column and on the user's data
generation as well (pmpath/core/generation.py): any write this process sees, an edit included,
retires it at once; another process's new rows move the fingerprint; only another process's
edit to an old row (with no Redis to share generations) waits for COACH_TTL_SECONDS."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import connection

from pmpath.core import generation

T = TypeVar("T")
TTL_SECONDS = 300
COACH_TTL_SECONDS = 60


# What each cached read depends on (columns of `fingerprint`).
WEEK = ("interaction", "application", "move", "submitted", "learning", "goal")
DEPENDS = {
    "activity": ("interaction",),
    "week": WEEK,
    "weeks": WEEK,
    "funnel": ("application", "move"),
    "new_jobs": ("posting", "application", "profile"),
    "readiness": ("assessment", "rating", "evidence", "profile"),
    "gaps": ("assessment", "rating", "evidence", "profile", "learning"),
}
ALL = "coach"  # keyed on every column


class Fingerprint(dict[str, Any]):
    """Column name → its newest value, for one user on one day."""

    def stamp(self, name: str) -> str:
        columns = sorted(k for k in self if k != "day") if name == ALL else DEPENDS[name]
        values = [self.get("day")] + [self.get(column) for column in columns]
        return hashlib.sha256(repr(values).encode()).hexdigest()[:16]


def fingerprint(user: Any, today: date | None = None) -> Fingerprint:
    """What the cached reads depend on, in one statement: the newest row of each big table
    (its id, on the user index) and the last edit of each small one. Plain SQL: building the
    same statement through the ORM costs more than running it. Not the pipeline's stages: a
    first visit creates the default ones, and a fingerprint that moved with them would miss
    the cache on the second visit (a renamed stage shows within TTL_SECONDS)."""
    from django.utils import timezone

    from pmpath.career.models import (
        Assessment,
        BehaviourRating,
        CandidateProfile,
        Enrolment,
        Evidence,
        WeeklyGoal,
    )
    from pmpath.interview.models import Attempt, Story
    from pmpath.jobs.models import Application, Interview, Posting, StageChange
    from pmpath.network.models import Contact, Interaction
    from pmpath.portfolio.models import CaseStudy
    from pmpath.trends.models import Entry

    columns = {
        "interaction": (Interaction, "id"),
        "application": (Application, "id"),
        "move": (StageChange, "id"),
        "posting": (Posting, "id"),
        "submitted": (Attempt, "submitted_at"),
        "learning": (Enrolment, "updated_at"),
        "goal": (WeeklyGoal, "updated_at"),
        "assessment": (Assessment, "updated_at"),
        "rating": (BehaviourRating, "updated_at"),
        "evidence": (Evidence, "id"),
        "profile": (CandidateProfile, "updated_at"),
        # Read by the coach alone.
        "interview": (Interview, "id"),
        "contact": (Contact, "id"),
        "story": (Story, "updated_at"),
        "case": (CaseStudy, "updated_at"),
        "entry": (Entry, "id"),
    }
    parts = [
        f"(SELECT {column} FROM {model._meta.db_table} WHERE user_id = %s "
        f"ORDER BY {column} DESC LIMIT 1)"
        for model, column in columns.values()
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), [user.pk] * len(parts))
        row = cursor.fetchone()
    found = Fingerprint(zip(columns, row, strict=True))
    found["day"] = (today or timezone.localdate()).isoformat()
    return found


def cached(
    user: Any,
    name: str,
    fingerprint: Fingerprint,
    compute: Callable[[], T],
    *,
    generations: bool = False,
    ttl: int = TTL_SECONDS,
) -> T:
    """`compute()`, or its value kept under this user's fingerprint of what `name` reads (and,
    with `generations`, under the user's and the catalogue's data generations, taken before
    `compute` reads anything)."""
    if generations:
        stamp = fingerprint.stamp(name)
        return generation.cached(user.pk, f"coach:{name}", stamp, compute, ttl=ttl)
    key = f"pmpath:coach:{name}:{user.pk}:{fingerprint.stamp(name)}"
    return cache.get_or_set(key, compute, ttl)  # type: ignore[no-any-return]
