"""Background work for the coach, run by Huey's worker (in-process under `pmpath serve`)."""

from __future__ import annotations

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(day_of_week="1", hour="7", minute="0"))
def send_weekly_digests() -> int:
    """Monday 07:00 (UTC): e-mail each subscribed person their weekly digest, once a week."""
    if not settings.COACH_DIGEST:
        return 0
    from pmpath.coach import digest

    return digest.send_weekly()
