"""Housekeeping that runs on a schedule in the worker (in-process under `pmpath serve`)."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

# Registers the hooks that record each task a worker starts, so a killed worker's task is
# queued again by the next worker (pmpath/core/task_runs.py).
from pmpath.core import task_runs  # noqa: F401


def delete_expired_sessions() -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@db_periodic_task(crontab(minute="17", hour="3"))
def clear_expired_sessions() -> int:
    return delete_expired_sessions()
