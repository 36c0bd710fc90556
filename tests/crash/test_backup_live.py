"""`pmpath backup` on a live instance: while another process keeps writing through the real
services, the backup is one consistent moment. Restored, it holds every write acknowledged
before the backup began, each import whole or not at all, and none of the later writes."""

from __future__ import annotations

import os
import signal
import subprocess
import time

from tests.crash.harness import PMPATH, REPO, Seen, Worker, check


def _pmpath(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PMPATH, *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=120
    )


def test_a_backup_taken_during_writes_restores_to_one_consistent_moment(instance, tmp_path):
    env, db = instance
    archive = tmp_path / "live.tar"
    before, everything = Seen(), Seen()
    worker = Worker(env)
    try:
        worker.send("run live 11")
        pid = int(worker.expect("pid ", timeout=10).split()[1])
        worker.expect("ready live", timeout=30)
        time.sleep(0.6)
        worker.drain(before)
        done = _pmpath(env, "backup", "--out", str(archive), "--json")
        assert done.returncode == 0, done.stderr
        time.sleep(0.4)  # the writer carries on after the snapshot
        os.kill(pid, signal.SIGKILL)
        worker.send(f"reap {pid}")
        everything = Seen(set(before.acked), dict(before.started), set(before.done))
        worker.expect("reaped", timeout=10, seen=everything)
    finally:
        worker.close()
    assert len(everything.acked) > len(before.acked), "nothing was written during the backup"

    done = _pmpath(env, "restore", str(archive), "--yes")
    assert done.returncode == 0, done.stderr
    assert "every table holds what the backup says" in done.stdout

    # Acknowledged before the backup: all there. Imports of any time: whole or absent.
    check(db, Seen(acked=before.acked, started=everything.started, done=before.done))
    stored = db.rows("SELECT count(*) FROM network_contact WHERE first_name = 'ack'")[0][0]
    assert stored < len(everything.acked), "the restore did not go back to the backup's moment"
