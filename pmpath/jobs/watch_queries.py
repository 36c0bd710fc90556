"""Reads for the watchlist and its inbox: each a fixed number of queries, whatever the number
of watches or postings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from pmpath.jobs.models import LEVELS, Application, Posting, Watch
from pmpath.jobs.queries import PAGE_SIZE

LADDER = [key for key, _ in LEVELS]  # apm, pm, senior_pm, lead_pm, director
NEW_FOR = timedelta(days=7)


def levels_near(target: str) -> list[str]:
    """The target level and its neighbours on the ladder; every level when none is set."""
    if target not in LADDER:
        return list(LADDER)
    at = LADDER.index(target)
    return LADDER[max(0, at - 1) : at + 2]


INBOX_FAMILY = "product_management"


def watches(user: Any) -> list[Watch]:
    return list(
        Watch.objects.owned_by(user)
        .select_related("company")
        .only(  # what the watchlist shows: not the poller's bookkeeping (ETag, etc.)
            "company__name",
            "board_kind",
            "board_name",
            "active",
            "last_error",
            "failures",
            "next_poll_at",
            "last_polled_at",
            "last_found",
        )
        .order_by("company__name", "id")
    )


def inbox_levels(profile: Any) -> list[str]:
    """The levels the inbox shows: the person's target level and one either side."""
    return levels_near(getattr(profile, "target_level", "") or "")


def inbox_watched(user: Any) -> QuerySet[Posting]:
    """The inbox rule's first half: postings from watched boards, not dismissed, not yet
    tracked as an application. The other half (product management, levels near the target,
    not archived) is `inbox_levels` and INBOX_FAMILY; the best-matches inbox asks the ranking
    index for that half, which holds those columns."""
    tracked = Application.objects.filter(posting=OuterRef("pk"))
    rows = cast("QuerySet[Posting]", Posting.objects.owned_by(user))
    return rows.filter(watch__isnull=False, inbox_dismissed=False).filter(~Exists(tracked))


def inbox(user: Any, *, profile: Any = None) -> QuerySet[Posting]:
    """New PM postings from watched boards at the person's target level (±1), not dismissed
    and not yet tracked as an application; newest first."""
    return (
        inbox_watched(user)
        # COALESCE hides `family` from SQLite's planner, which without statistics would pick
        # the (user, family, level) index and read every PM posting; the inbox index reads
        # only the postings that came from watches (4 ms against 46 ms at 20,000 postings).
        .alias(family_value=Coalesce("family", Value("")))
        .filter(
            archived=False,
            family_value=INBOX_FAMILY,
            level__in=inbox_levels(profile),
        )
        .select_related("company")
        .defer("description_html", "description_text")
        .order_by("-first_seen_at", "-id")
    )


def inbox_count(user: Any, *, profile: Any = None) -> int:
    return inbox(user, profile=profile).count()


@dataclass
class InboxPage:
    page: Page
    new_this_week: int
    since: Any

    @property
    def total(self) -> int:
        return int(self.page.paginator.count)


def inbox_page(user: Any, *, profile: Any = None, number: Any = 1) -> InboxPage:
    rows = inbox(user, profile=profile)
    since = timezone.now() - NEW_FOR
    # Only what a row shows: postings are wide, and 50 full rows cost more than the query.
    shown = rows.only(
        "title", "level", "location", "workplace", "first_seen_at", "company_id", "company__name"
    )
    # Both counts in one pass over the inbox, the total handed to the paginator.
    counts = rows.order_by().aggregate(
        total=Count("id"), new=Count("id", filter=Q(first_seen_at__gte=since))
    )
    paginator = Paginator(shown, PAGE_SIZE)
    paginator.count = counts["total"]  # type: ignore[misc]  # a cached_property, given
    return InboxPage(page=paginator.get_page(number), new_this_week=counts["new"], since=since)
