"""Background work for the jobs area, run by Huey's worker (in-process under `pmpath serve`)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/15"))
def poll_watched_boards() -> int:
    """Check the watched boards that are due; each is checked every few hours, and a failing
    one backs off. Returns how many boards were checked."""
    from pmpath.jobs import watches  # imported here: the parsers need not load at start-up

    return len(watches.poll_due())
