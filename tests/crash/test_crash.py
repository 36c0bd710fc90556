"""The crash test: a real process writing through pmpath's services is killed with SIGKILL at
random moments, PMPATH_CRASH_RUNS times (default 50), on SQLite, or on PostgreSQL in the
suite's run with PMPATH_TEST_DATABASE_URL. After every kill the database must pass its
integrity check, hold every write the process acknowledged, and hold each import either
whole or not at all. Half the kills are aimed at a running import (a few milliseconds after
it starts); the others land anywhere. See docs/backup.md for the figures."""

from __future__ import annotations

import os
import random
import time

from tests.crash.harness import Seen, Worker, check, kill_once

RUNS = int(os.environ.get("PMPATH_CRASH_RUNS", "50"))


def test_killed_writers_lose_no_acknowledged_write_and_no_import_is_half_done(instance):
    env, db = instance
    rng = random.Random(int(os.environ.get("PMPATH_CRASH_SEED", "9")))
    seen = Seen()
    started = time.monotonic()
    worker = Worker(env)
    try:
        for run in range(RUNS):
            kill_once(worker, run, rng, seen)
            check(db, seen, f"r{run}")
    finally:
        worker.close()
    check(db, seen)  # and once more over everything, after the last kill
    elapsed = time.monotonic() - started
    print(
        f"\ncrash test on {db.engine}: {RUNS} kills in {elapsed:.1f}s, {len(seen.acked)} "
        f"acknowledged writes all present, {len(seen.started)} imports started "
        f"({len(seen.done)} finished, {seen.mid_import} killed mid-import, none half-stored)"
    )
    assert seen.acked, "the worker acknowledged nothing: the test proved nothing"
    assert seen.mid_import >= min(3, RUNS // 4), "too few kills landed inside an import"
