"""Fetching subscribed feeds: the scheduled task's work and "fetch now".

Shaped like the job-board watchlist (jobs/watches.py): conditional requests with the
validators of the last good fetch, 304 means nothing to do, a failure is recorded on the feed
(shown beside it) with exponential back-off, a due feed is claimed before the download so two
workers never fetch it at once, and storing is idempotent: entries are upserted by guid, so
fetching twice adds nothing, and what a reader did (read, saved, tags, notes) is never
touched."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from pmpath.core import generation
from pmpath.core.fetch import Fetched, FetchError
from pmpath.jobs import fetching
from pmpath.trends.models import Entry, Feed
from pmpath.trends.parsing import FeedError, ParsedEntry, ParsedFeed, parse_feed

log = logging.getLogger(__name__)

FETCH_EVERY = timedelta(hours=2)
RETRY_FIRST = timedelta(minutes=30)
RETRY_MAX = timedelta(hours=24)
LEASE = timedelta(minutes=15)
DUE_BATCH = 50
FEED_MAX_BYTES = 5 * 1024 * 1024
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.5, */*;q=0.1"
)
UPDATABLE = ("url", "title", "author", "summary_html", "summary_text")


@dataclass
class FetchReport:
    feed: Feed
    new: int = 0
    updated: int = 0
    not_modified: bool = False
    error: str = ""
    warning: str = ""

    @property
    def summary(self) -> str:
        name = str(self.feed)
        if self.error:
            return f"{name}: {self.error}"
        if self.not_modified:
            return f"{name}: no change since the last fetch."
        return f"{name}: {self.new} new {'entry' if self.new == 1 else 'entries'}." + (
            f" ({self.warning})" if self.warning else ""
        )


def retry_delay(failures: int) -> timedelta:
    """30 minutes after the first failure, doubling, at most a day."""
    return min(RETRY_FIRST * 2 ** max(0, min(failures, 20) - 1), RETRY_MAX)


def download(url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
    """GET a feed through the SSRF-guarded fetch. Raises FeedError with a sentence."""
    try:
        return fetching.get(
            url,
            max_bytes=FEED_MAX_BYTES,
            etag=etag,
            last_modified=last_modified,
            accept=ACCEPT,
        )
    except FetchError as exc:
        raise FeedError(explain(exc)) from None


def explain(exc: FetchError) -> str:
    if exc.reason == "status" and exc.status in (404, 410):
        return f"the feed is gone (HTTP {exc.status}); check the address or remove it"
    if exc.reason == "status" and exc.status in (401, 403):
        return f"the server refused access (HTTP {exc.status}); is the feed private?"
    if exc.reason == "status":
        return f"the server answered HTTP {exc.status}; pmpath will try again later"
    if exc.reason == "timeout":
        return "the server did not answer in time; pmpath will try again later"
    if exc.reason == "too_large":
        limit = FEED_MAX_BYTES
        size = f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 1024} KB"
        return f"the feed is over the {size} limit, so it was not read"
    return str(exc)


def fetch_feed(feed: Feed, *, now: datetime | None = None) -> FetchReport:
    """Download, parse and store one feed's entries. Failures are recorded on the feed
    (with back-off), never raised."""
    now = now or timezone.now()
    report = FetchReport(feed)
    try:
        got = download(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        if got.not_modified:
            report.not_modified = True
            succeeded(feed, now, etag=got.etag or feed.etag, modified=got.last_modified)
            return report
        parsed = parse_feed(got.content, url=feed.url, headers=got.headers)
    except FeedError as exc:
        return _failed(feed, report, str(exc), now)
    with transaction.atomic():
        report.new, report.updated = store(feed, parsed, now=now)
        if not feed.title and parsed.title:
            feed.title = parsed.title
        if not feed.site_url and parsed.site_url:
            feed.site_url = parsed.site_url
        succeeded(feed, now, etag=got.etag, modified=got.last_modified, warning=parsed.warning)
        if report.new or report.updated:  # stored by bulk writes, which send no signal
            generation.touch_after_commit(feed.user_id)
    report.warning = parsed.warning
    return report


def store(feed: Feed, parsed: ParsedFeed, *, now: datetime) -> tuple[int, int]:
    """Upsert the parsed entries by guid. Returns (created, updated)."""
    wanted = {entry.guid: entry for entry in parsed.entries}
    existing = {
        row.guid: row
        for row in Entry.objects.filter(feed=feed, guid__in=list(wanted)).only(
            "id", "guid", *UPDATABLE
        )
    }
    created: list[Entry] = []
    changed: list[Entry] = []
    for guid, item in wanted.items():
        row = existing.get(guid)
        if row is None:
            created.append(_new_entry(feed, item, now))
            continue
        fields = _fields(item)
        if any(getattr(row, name) != fields[name] for name in UPDATABLE):
            for name in UPDATABLE:
                setattr(row, name, fields[name])
            row.updated_at = now
            changed.append(row)
    # ignore_conflicts: a concurrent fetch of the same feed inserting the same guid is fine.
    Entry.objects.bulk_create(created, batch_size=200, ignore_conflicts=True)
    if changed:
        Entry.objects.bulk_update(changed, [*UPDATABLE, "updated_at"], batch_size=200)
    return len(created), len(changed)


def _fields(item: ParsedEntry) -> dict[str, str]:
    return {
        "url": item.url,
        "title": item.title,
        "author": item.author,
        "summary_html": item.summary_html,
        "summary_text": item.summary_text,
    }


def _new_entry(feed: Feed, item: ParsedEntry, now: datetime) -> Entry:
    published = item.published_at or now
    return Entry(
        user_id=feed.user_id,
        feed=feed,
        guid=item.guid,
        published_at=min(published, now),  # a date in the future would pin it to the top
        **_fields(item),
    )


def succeeded(feed: Feed, now: datetime, *, etag: str, modified: str, warning: str = "") -> None:
    feed.etag, feed.last_modified = etag[:300], modified[:100]
    feed.last_fetched_at, feed.next_fetch_at = now, now + FETCH_EVERY
    feed.failures = 0
    # A feed read despite ill-formed XML keeps a note of it; it is not a failure.
    feed.last_error = f"Read with problems: {warning}"[:500] if warning else ""
    feed.save()


def _failed(feed: Feed, report: FetchReport, message: str, now: datetime) -> FetchReport:
    feed.failures = min(feed.failures + 1, 1000)
    feed.last_error = message[:500]
    feed.last_fetched_at = now
    feed.next_fetch_at = now + retry_delay(feed.failures)
    feed.save()
    report.error = feed.last_error
    return report


def fetch_due(*, now: datetime | None = None, limit: int = DUE_BATCH) -> list[FetchReport]:
    """Fetch the feeds whose time has come, oldest first (the scheduled task)."""
    now = now or timezone.now()
    due = list(
        Feed.objects.filter(next_fetch_at__lte=now)
        .order_by("next_fetch_at", "id")
        .values_list("pk", "next_fetch_at")[:limit]
    )
    reports = []
    for pk, next_fetch_at in due:
        claimed = Feed.objects.filter(pk=pk, next_fetch_at=next_fetch_at).update(
            next_fetch_at=now + LEASE
        )
        if not claimed:  # another worker took it, or it was removed meanwhile
            continue
        feed = Feed.objects.get(pk=pk)
        reports.append(_guarded(feed, now))
    return reports


def _guarded(feed: Feed, now: datetime) -> FetchReport:
    try:
        return fetch_feed(feed, now=now)
    except Exception as exc:  # one feed's surprise must not stop the others
        log.exception("fetching %s failed", feed.url)
        feed.refresh_from_db()
        message = f"the fetch failed unexpectedly ({type(exc).__name__})"
        return _failed(feed, FetchReport(feed), message, now)


def fetch_all(feeds: list[Feed], *, now: datetime | None = None) -> list[FetchReport]:
    """Fetch the given feeds now, whatever their schedule (the CLI's `feeds fetch --all`)."""
    now = now or timezone.now()
    return [_guarded(feed, now) for feed in feeds]
