"""What the crash and live-backup tests share: a throwaway pmpath instance (SQLite file or a
PostgreSQL database of its own), the forking worker that writes through the real services,
and checks written in plain SQL, so they share nothing with the code under test."""

from __future__ import annotations

import contextlib
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tests.crash.worker import IMPORT_ROWS

REPO = Path(__file__).resolve().parents[2]
PMPATH = str(Path(sys.executable).with_name("pmpath"))


@dataclass
class Seen:
    acked: set[str] = field(default_factory=set)
    started: dict[str, str] = field(default_factory=dict)  # tag → kind
    done: set[str] = field(default_factory=set)
    mid_import: int = 0


class Database:
    """Plain SQL on the worker's database, so the checks share nothing with the code tested."""

    def __init__(self, engine: str, target: str) -> None:
        self.engine, self.target = engine, target

    def rows(self, sql: str, *args: Any) -> list[tuple]:
        if self.engine == "sqlite":
            conn = sqlite3.connect(self.target)
            try:
                return conn.execute(sql.replace("%s", "?"), args).fetchall()
            finally:
                conn.close()
        import psycopg

        with psycopg.connect(self.target, autocommit=True) as conn:
            return conn.execute(sql, args).fetchall()

    def sound(self) -> bool:
        if self.engine == "sqlite":
            return self.rows("PRAGMA integrity_check") == [("ok",)]
        # PostgreSQL: every index agrees with its table, and no foreign key points nowhere.
        orphans = self.rows(
            "SELECT count(*) FROM network_contact c LEFT JOIN accounts_user u ON u.id = c.user_id "
            "WHERE u.id IS NULL"
        )[0][0]
        missing_stage = self.rows(
            "SELECT count(*) FROM jobs_application a LEFT JOIN jobs_stage s ON s.id = a.stage_id "
            "WHERE s.id IS NULL"
        )[0][0]
        return orphans == 0 and missing_stage == 0


def make_instance(engine: str, tmp: Path) -> Iterator[tuple[dict[str, str], Database]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PMPATH_", "DATABASE_URL"))}
    env |= {"PMPATH_DATA_DIR": str(tmp), "PYTHONPATH": str(REPO)}
    if engine == "sqlite":
        db = Database("sqlite", str(tmp / "pmpath.sqlite3"))
    else:
        url = urlsplit(os.environ["PMPATH_TEST_DATABASE_URL"])
        name = url.path.strip("/") + "_crash"
        admin = urlunsplit(url._replace(path="/postgres"))
        import psycopg

        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = urlunsplit(url._replace(path="/" + name))
        db = Database("postgresql", env["DATABASE_URL"])
    for command in (["setup"], ["users", "create", "crash", "--password", ""]):
        subprocess.run([PMPATH, *command], env=env, check=True, capture_output=True, cwd=REPO)
    yield env, db
    if engine != "sqlite":
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# The engine of the suite's run: SQLite, or PostgreSQL on the run with PMPATH_TEST_DATABASE_URL
# (the Makefile runs the suite once on each).
ENGINES = ["postgresql"] if os.environ.get("PMPATH_TEST_DATABASE_URL") else ["sqlite"]


class Worker:
    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            cwd=REPO,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.expect("zygote", timeout=60)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def expect(self, prefix: str, *, timeout: float, seen: Seen | None = None) -> str:
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            if seen is not None:
                _note(line, seen)
            if line.startswith(prefix):
                return line

    def drain(self, seen: Seen) -> None:
        """Note every line written so far, without waiting for more."""
        while True:
            try:
                _note(self.lines.get_nowait(), seen)
            except queue.Empty:
                return

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


def _note(line: str, seen: Seen) -> None:
    words = line.split()
    if words[:1] == ["ack"]:
        seen.acked.add(words[1])
    elif words[:1] == ["import-start"]:
        seen.started[words[2]] = words[1]
    elif words[:1] == ["import-done"]:
        seen.done.add(words[2])


def kill_once(worker: Worker, run: int, rng: random.Random, seen: Seen) -> None:
    name = f"r{run}"
    worker.send(f"run {name} {rng.randrange(1 << 30)}")
    pid = int(worker.expect("pid ", timeout=10).split()[1])
    worker.expect(f"ready {name}", timeout=30)
    if run % 2:  # aim at an import: kill a few milliseconds into one
        with contextlib.suppress(queue.Empty):
            worker.expect("import-start", timeout=5, seen=seen)
        time.sleep(rng.uniform(0.0, 0.06))
    else:
        time.sleep(rng.uniform(0.02, 0.5))
    os.kill(pid, signal.SIGKILL)
    worker.send(f"reap {pid}")
    worker.expect("reaped", timeout=10, seen=seen)  # every line the child wrote comes first
    unfinished = [t for t in seen.started if t.startswith(name + "-") and t not in seen.done]
    seen.mid_import += bool(unfinished)


def check(db: Database, seen: Seen, run: str = "") -> None:
    """Integrity and every acknowledged write; the imports of `run` (all of them without)."""
    assert db.sound(), "the database failed its integrity check"
    stored = {r[0] for r in db.rows("SELECT last_name FROM network_contact WHERE first_name='ack'")}
    lost = seen.acked - stored
    assert not lost, f"acknowledged writes lost: {sorted(lost)[:5]}"
    for tag, kind in seen.started.items():
        if run and not tag.startswith(run + "-"):
            continue
        if kind == "linkedin":
            count = db.rows(
                "SELECT count(*) FROM network_contact WHERE first_name = 'imp' "
                "AND last_name LIKE %s",
                f"{tag}-%",
            )[0][0]
            runs = db.rows(
                "SELECT count(*) FROM network_importrun WHERE filename = %s", f"{tag}.csv"
            )
            whole = count == IMPORT_ROWS and runs[0][0] == 1
        else:
            count = db.rows(
                "SELECT count(*) FROM jobs_application WHERE role_title LIKE %s", f"role {tag}-%"
            )[0][0]
            moves = db.rows(
                "SELECT count(*) FROM jobs_stagechange s JOIN jobs_application a "
                "ON a.id = s.application_id WHERE a.role_title LIKE %s",
                f"role {tag}-%",
            )[0][0]
            whole = count == IMPORT_ROWS and moves == IMPORT_ROWS
        assert whole or count == 0, f"{kind} import {tag} is partly stored: {count} rows"
        if tag in seen.done:
            assert whole, f"{kind} import {tag} finished but is not all there"
