"""Which recorded task runs belong to a worker that is gone (pmpath/core/task_runs.py). The
whole path — a real worker killed mid-task, the next one running it again — is
tests/crash/test_worker_kill.py."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import timedelta

from django.utils import timezone

from pmpath.core import task_runs
from pmpath.core.models import TaskRun


def _run(owner: str, minutes_ago: int = 0) -> TaskRun:
    return TaskRun(
        task_id="t", name="x", message=b"", owner=owner,
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
    )  # fmt: skip


def test_a_task_of_a_process_that_has_exited_is_lost():
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], text=True,
                           capture_output=True)  # fmt: skip
    dead = int(child.stdout)
    assert task_runs._gone(_run(f"{socket.gethostname()}:{dead}:123"), timezone.now())


def test_a_task_of_this_live_process_is_not():
    assert not task_runs._gone(_run(task_runs.owner()), timezone.now())


def test_a_recycled_pid_is_told_apart_by_its_start_time():
    host = socket.gethostname()  # the parent process: alive, but started at another time
    assert task_runs._gone(_run(f"{host}:{os.getppid()}:1"), timezone.now())


def test_another_hosts_task_is_presumed_lost_only_after_a_while():
    assert not task_runs._gone(_run("elsewhere:1:1", minutes_ago=5), timezone.now())
    assert task_runs._gone(_run("elsewhere:1:1", minutes_ago=45), timezone.now())


def test_a_task_waiting_in_the_queue_is_never_taken_for_lost():
    assert not task_runs._gone(_run(task_runs.QUEUED, minutes_ago=600), timezone.now())
