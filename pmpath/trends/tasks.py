"""Background work for the trends area, run by Huey's worker (in-process under `pmpath serve`)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/15"))
def fetch_due_feeds() -> int:
    """Fetch the feeds that are due; each is fetched every two hours, and a failing one backs
    off. Returns how many feeds were fetched."""
    from pmpath.trends import fetcher  # imported here: feedparser need not load at start-up

    return len(fetcher.fetch_due())
