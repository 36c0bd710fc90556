"""Background tasks survive a killed worker.

Huey takes a message off its queue (SQLite or Redis) when a worker starts it; if the worker
is then killed (SIGKILL, out of memory, a host reboot), the task is gone. So each task a
worker starts is written down first (core.TaskRun, in the database, durable) and crossed
out when it ends: completed, failed for good, or put back for a retry by Huey itself. A
task interrupted by a graceful shutdown keeps its row too.

When a worker starts, it queues again every task whose worker is gone: on this host, a
process that no longer exists (pid and start time checked); on another host, one that
started more than STALE ago. Re-running is safe only because every task is idempotent —
the rule for writing tasks is in docs/backup.md ("Background tasks")."""

from __future__ import annotations

import logging
import os
import socket
from datetime import timedelta
from typing import Any

from django.db import DatabaseError
from django.db.models import F
from django.utils import timezone
from huey import signals
from huey.contrib.djhuey import HUEY

from pmpath.core.models import TaskRun

log = logging.getLogger(__name__)
# A task of another host's worker is presumed lost after this long.
STALE = timedelta(minutes=30)
MAX_ATTEMPTS = 5  # a task that kills its worker every time is given up, not looped on
ENDED = (
    signals.SIGNAL_COMPLETE,
    signals.SIGNAL_ERROR,
    signals.SIGNAL_RETRYING,  # Huey has queued it again itself
    signals.SIGNAL_CANCELED,
    signals.SIGNAL_LOCKED,
    signals.SIGNAL_TIMEOUT,
    signals.SIGNAL_RATE_LIMITED,
    signals.SIGNAL_REVOKED,
    signals.SIGNAL_EXPIRED,
)
QUEUED = "queued:0:0"  # the owner of a task put back on the queue and not yet started again


def _start_time(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), so a recycled pid is not
    mistaken for the worker that had it; "0" where /proc is missing."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return "0"


def owner() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_time(pid)}"


def _gone(record: TaskRun, now: Any) -> bool:
    if record.owner == QUEUED:
        return False  # waiting in the queue: the next worker to take it writes its name here
    host, pid, started = record.owner.rsplit(":", 2)
    if host != socket.gethostname():
        return bool(record.started_at < now - STALE)
    if int(pid) == os.getpid() and started == _start_time(os.getpid()):
        return False  # this very process: one of its threads is running it
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # alive, another user's
    return _start_time(int(pid)) != started


@HUEY.signal(signals.SIGNAL_EXECUTING)
def _started(signal: str, task: Any, *args: Any) -> None:
    if HUEY.immediate:
        return  # run inline by the caller (tests, development): nothing can be lost
    TaskRun.objects.update_or_create(
        task_id=task.id,
        defaults={
            "name": task.name,
            "message": HUEY.serialize_task(task),
            "owner": owner(),
            "started_at": timezone.now(),
        },
    )


@HUEY.signal(*ENDED)
def _ended(signal: str, task: Any, *args: Any) -> None:
    if not HUEY.immediate:
        TaskRun.objects.filter(task_id=task.id).delete()


@HUEY.on_startup()
def requeue_lost_tasks() -> int:
    """Queue again the tasks of workers that died mid-task. Each worker thread runs this as
    it starts; deleting the row first means only one of them queues a given task."""
    if HUEY.immediate:
        return 0
    now, queued = timezone.now(), 0
    try:
        records = list(TaskRun.objects.order_by("started_at"))
    except DatabaseError:  # not migrated yet: nothing to recover
        return 0
    for record in records:
        if not _gone(record, now):
            continue
        if record.attempts >= MAX_ATTEMPTS:
            TaskRun.objects.filter(pk=record.pk).delete()
            log.error("%s stopped its worker %s times; not queued again", record, MAX_ATTEMPTS)
            continue
        # Claim it: of several worker threads starting at once, one updates the row.
        claimed = TaskRun.objects.filter(pk=record.pk, owner=record.owner).update(
            owner=QUEUED, started_at=now, attempts=F("attempts") + 1
        )
        if not claimed:
            continue
        HUEY.enqueue(HUEY.deserialize_task(bytes(record.message)))
        queued += 1
        log.warning("queued %s again: its worker stopped before finishing it", record)
    return queued
