"""The coach: the heavy user's decisions about findings and the digest history, and the pages
the benchmark measures (the dashboard itself is core:home, registered in core/bench.py)."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from pmpath.bench.registry import Page, first_id, generator, not_pages, object_ids, page

DETECTORS = ("application_follow_up", "thank_you", "cold_application", "story_metrics")


@generator("coach.decisions", order=90)
def decisions(user: Any, rng: random.Random, scale: float) -> str:
    """500 snoozed or dismissed findings (most about applications long gone) and a year of
    weekly digests: the rows the coach reads on every dashboard."""
    from django.utils import timezone

    from pmpath.coach.digest import week_start
    from pmpath.coach.models import Decision, DigestSent

    today = timezone.localdate()
    count = max(1, int(500 * scale))
    Decision.objects.bulk_create(
        [
            Decision(
                user=user,
                detector=DETECTORS[i % len(DETECTORS)],
                subject=f"application:{i + 1}",
                dismissed=i % 3 == 0,
                snoozed_until=None
                if i % 3 == 0
                else today + timedelta(days=rng.randrange(-20, 20)),
                title=f"Finding {i + 1}",
            )
            for i in range(count)
        ],
        ignore_conflicts=True,
    )
    monday = week_start(today)
    weeks = max(1, int(52 * scale))
    DigestSent.objects.bulk_create(
        [
            DigestSent(
                user=user, week_start=monday - timedelta(weeks=w + 1), sent_at=timezone.now()
            )
            for w in range(weeks)
        ],
        ignore_conflicts=True,
    )
    return f"{count} coach decisions, {weeks} weekly digests"


def _unsubscribe(user: Any) -> str:
    from pmpath.coach.digest import token_for

    return f"/coach/digest/unsubscribe/{token_for(user)}/"


page(Page("coach: findings and next actions", "coach:index", lambda u: "/coach/"))
page(Page("coach: weekly digest", "coach:digest", lambda u: "/coach/digest/"))
page(Page("coach: unsubscribe link", "coach:unsubscribe", _unsubscribe, auth="none"))
not_pages("coach:snooze", "coach:dismiss", "coach:restore")
object_ids("coach:restore", lambda u: {"pk": first_id("coach.Decision", u)})
