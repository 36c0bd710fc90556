"""A `pmpath worker` killed with SIGKILL in the middle of a task: the task is not lost. The
next worker to start queues it again (pmpath/core/task_runs.py) and its re-run finishes
with the same result one run would give. On SQLite with Huey's SQLite queue; on
PostgreSQL (PMPATH_TEST_DATABASE_URL) with Redis at 127.0.0.1:6379 when one answers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.crash.harness import REPO, Database, make_instance

REDIS = "redis://127.0.0.1:6379/13"  # a database number of its own: no other queue's tasks
# The real `pmpath worker` command, with the test's task module loaded first.
WORKER = (
    "import sys, tests.crash.slow_task; from pmpath.cli.main import run; "
    "sys.argv = ['pmpath', 'worker', '--workers', '1']; run()"
)
ENQUEUE = (
    "import sys, django; django.setup(); from tests.crash.slow_task import two_step_note; "
    "two_step_note(sys.argv[1], float(sys.argv[2]))"
)


def _redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS, socket_timeout=1).ping())
    except Exception:
        return False


# SQLite with Huey's SQLite queue on the SQLite run; PostgreSQL with Redis (the hosted
# set-up) on the PostgreSQL run, or with the SQLite queue when no Redis answers.
if os.environ.get("PMPATH_TEST_DATABASE_URL"):
    CASES = [("postgresql", "redis" if _redis_answers() else "sqlite")]
else:
    CASES = [("sqlite", "sqlite")]


def _wait(what: str, done: Callable[[], bool], timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def _tags(db: Database, key: str) -> list[str]:
    rows = db.rows("SELECT name FROM network_tag WHERE name LIKE %s ORDER BY name", f"{key}-%")
    return [r[0] for r in rows]


@pytest.mark.parametrize(("engine", "queue"), CASES)
def test_a_task_of_a_killed_worker_is_run_again_to_the_same_result(engine, queue, tmp_path):
    instance = make_instance(engine, tmp_path)
    env, db = next(instance)
    env = {**env, "DJANGO_SETTINGS_MODULE": "pmpath.settings"}
    if queue == "redis":
        import redis

        redis.Redis.from_url(REDIS).flushdb()
        env["PMPATH_REDIS_URL"] = REDIS

    def start_worker(log: Path) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-c", WORKER], env=env, cwd=REPO, stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip

    subprocess.run([sys.executable, "-c", ENQUEUE, "k1", "3"], env=env, cwd=REPO, check=True)
    first = start_worker(tmp_path / "first.log")
    try:
        _wait("the task to start", lambda: _tags(db, "k1") == ["k1-started"])
        os.kill(first.pid, signal.SIGKILL)  # mid-task: it sleeps for 3 s before finishing
        first.wait(10)
    finally:
        first.kill()
    assert _tags(db, "k1") == ["k1-started"]
    assert db.rows("SELECT name FROM core_taskrun") == [("two_step_note",)]

    second = start_worker(tmp_path / "second.log")
    try:
        _wait("the re-run to finish", lambda: "k1-done" in _tags(db, "k1"))
        _wait("the run record to go", lambda: not db.rows("SELECT 1 FROM core_taskrun"))
    finally:
        second.send_signal(signal.SIGINT)
        try:
            second.wait(15)
        except subprocess.TimeoutExpired:
            second.kill()
    assert _tags(db, "k1") == ["k1-done", "k1-started"]
    assert "queued two_step_note" in (tmp_path / "second.log").read_text()
    next(instance, None)  # drop the throwaway database
