"""Writes for the watchlist: the target companies' boards a person watches, the background
poll that brings in their new PM postings, and the inbox those postings wait in.

A poll is idempotent (postings dedupe by board id, so polling twice adds nothing), claims
its watch before the download (two workers never poll the same board at once, and a worker
killed mid-poll only delays the next try), and stores validators only with the postings
they describe."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from pmpath.core import generation
from pmpath.core.models import get_owned_or_404
from pmpath.jobs.models import BOARD_KINDS, Posting, Watch
from pmpath.jobs.services import JobsError, company_named, save_postings

log = logging.getLogger(__name__)

POLL_EVERY = timedelta(hours=4)
RETRY_FIRST = timedelta(minutes=30)
RETRY_MAX = timedelta(hours=24)
# How long a claimed watch stays claimed; a worker killed mid-poll is retried after this.
LEASE = timedelta(minutes=15)
DUE_BATCH = 25


@dataclass
class PollReport:
    watch: Watch
    new: int = 0
    found: int = 0
    not_modified: bool = False
    error: str = ""

    @property
    def summary(self) -> str:
        board = f"{self.watch.company.name} ({self.watch})"
        if self.error:
            return f"{board}: {self.error}"
        if self.not_modified:
            return f"{board}: no change since the last check."
        new = f"{self.new} new PM {'posting' if self.new == 1 else 'postings'}"
        return f"{board}: {new}; {self.found} jobs on the board."


def retry_delay(failures: int) -> timedelta:
    """30 minutes after the first failure, doubling, at most a day."""
    return min(RETRY_FIRST * 2 ** max(0, min(failures, 20) - 1), RETRY_MAX)


# --- the person's watches -------------------------------------------------------------------


def add_watch(user: Any, *, company_name: str, board_kind: str, board_name: str) -> Watch:
    from pmpath.jobs.boards_service import BoardError, check

    if board_kind not in dict(BOARD_KINDS):
        raise JobsError(f"board_kind: choose one of {', '.join(dict(BOARD_KINDS))}")
    try:
        board_kind, board_name = check(board_kind, board_name.strip())
    except BoardError as exc:
        raise JobsError(f"board_name: {exc}") from None
    company = company_named(user, company_name)
    if company is None:
        raise JobsError("company_name: say which company this board belongs to")
    if Watch.objects.owned_by(user).filter(board_kind=board_kind, board_name=board_name).exists():
        raise JobsError(f"board_name: you already watch {board_kind}:{board_name}")
    try:
        with transaction.atomic():
            return Watch.objects.create(
                user=user, company=company, board_kind=board_kind, board_name=board_name
            )
    except IntegrityError:  # added meanwhile in another tab
        raise JobsError(f"board_name: you already watch {board_kind}:{board_name}") from None


def remove_watch(user: Any, *, watch_id: int) -> Watch:
    """Stop watching. Postings it found stay, out of the inbox."""
    watch: Watch = get_owned_or_404(Watch.objects.select_related("company"), user, pk=watch_id)
    watch.delete()
    return watch


def pause_watch(user: Any, *, watch_id: int, paused: bool = True) -> Watch:
    watch: Watch = get_owned_or_404(Watch.objects.select_related("company"), user, pk=watch_id)
    watch.active = not paused
    fields = ["active", "updated_at"]
    if not paused:  # resuming: check soon, and forget old failures
        watch.next_poll_at, watch.failures, watch.last_error = timezone.now(), 0, ""
        fields += ["next_poll_at", "failures", "last_error"]
    watch.save(update_fields=fields)
    return watch


def poll_watch_now(user: Any, *, watch_id: int) -> PollReport:
    watch: Watch = get_owned_or_404(Watch.objects.select_related("company"), user, pk=watch_id)
    return poll(watch)


def poll_user(user: Any) -> list[PollReport]:
    """Every active watch of this person, now (the CLI's `watch poll --user`)."""
    watches = Watch.objects.owned_by(user).filter(active=True).select_related("company")
    return [poll(watch) for watch in watches]


def dismiss(user: Any, *, posting_id: int, dismissed: bool = True) -> Posting:
    posting = get_owned_or_404(Posting, user, pk=posting_id)
    posting.inbox_dismissed = dismissed
    posting.save(update_fields=["inbox_dismissed", "updated_at"])
    return posting


# --- polling ----------------------------------------------------------------------------------


def poll(watch: Watch, *, now: datetime | None = None) -> PollReport:
    """Download the watched board and store its new product-management postings as the
    watch's owner. Failures are recorded on the watch (with back-off), never raised."""
    # The parsers and httpx load on first use, not when the URLconf imports this module.
    from pmpath.jobs.boards_service import BoardError, download_board
    from pmpath.jobs.classify import classify

    now = now or timezone.now()
    report = PollReport(watch)
    try:
        download = download_board(
            watch.board_kind,
            watch.board_name,
            etag=watch.etag,
            last_modified=watch.last_modified,
        )
    except BoardError as exc:
        return _failed(watch, report, str(exc), now)
    if download.result is None:
        report.not_modified = True
        _succeeded(watch, now, etag=download.etag, last_modified=download.last_modified)
        return report
    result = download.result
    if not result.postings and any(p.position == "payload" for p in result.problems):
        return _failed(watch, report, f"{watch}: {result.problems[0].message}", now)
    wanted = [
        parsed
        for parsed in result.postings
        if classify(parsed.title, parsed.description_text or None).family == "product_management"
    ]
    for parsed in wanted:
        parsed.company = watch.company.name  # the person's own name for the company
    with transaction.atomic():
        saved = save_postings(watch.user, wanted)
        created = [p.pk for p in saved.created]
        Posting.objects.filter(pk__in=created).update(watch=watch)
        watch.last_found = len(result.postings)
        _succeeded(watch, now, etag=download.etag, last_modified=download.last_modified)
        generation.touch_after_commit(watch.user_id)  # the update above sends no signal
    report.new, report.found = len(created), len(result.postings)
    return report


def _succeeded(watch: Watch, now: datetime, *, etag: str, last_modified: str) -> None:
    watch.etag, watch.last_modified = etag[:300], last_modified[:100]
    watch.last_polled_at, watch.next_poll_at = now, now + POLL_EVERY
    watch.failures, watch.last_error = 0, ""
    watch.save()


def _failed(watch: Watch, report: PollReport, message: str, now: datetime) -> PollReport:
    watch.failures = min(watch.failures + 1, 1000)
    # Shown beside the watch, which already names the board.
    watch.last_error = message.removeprefix(f"{watch}: ")[:500]
    watch.last_polled_at = now
    watch.next_poll_at = now + retry_delay(watch.failures)
    watch.save()
    report.error = watch.last_error
    return report


def poll_due(*, now: datetime | None = None, limit: int = DUE_BATCH) -> list[PollReport]:
    """Poll the active watches whose time has come, oldest first (the scheduled task)."""
    now = now or timezone.now()
    due = list(
        Watch.objects.filter(active=True, next_poll_at__lte=now)
        .order_by("next_poll_at", "id")
        .values_list("pk", "next_poll_at")[:limit]
    )
    reports = []
    for pk, next_poll_at in due:
        claimed = Watch.objects.filter(pk=pk, active=True, next_poll_at=next_poll_at).update(
            next_poll_at=now + LEASE
        )
        if not claimed:  # another worker took it, or it was paused meanwhile
            continue
        watch = Watch.objects.select_related("company", "user").get(pk=pk)
        try:
            reports.append(poll(watch, now=now))
        except Exception as exc:  # one board's surprise must not stop the others
            log.exception("polling %s failed", watch)
            watch.refresh_from_db()  # drop what the failed poll half-set in memory
            message = f"{watch}: the check failed unexpectedly ({type(exc).__name__})."
            reports.append(_failed(watch, PollReport(watch), message, now))
    return reports
