"""Whole-instance backup and restore: one archive file holding the database, the uploads
folder and a manifest (version, applied migrations, rows per table, a SHA-256 per member).

Both work on a live instance. SQLite is copied with its online backup API (a consistent
snapshot while writers carry on) and restored with the same API in the other direction: the
live database is overwritten in one write transaction, so other connections see the old data
or the new, never a mixture, and a crash mid-restore rolls back. PostgreSQL is dumped by
pg_dump inside an exported snapshot (so the manifest's counts are those of the dump) and
restored by pg_restore --clean --single-transaction."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections, transaction

from pmpath.core import generation

FORMAT = "pmpath-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "db/pmpath.sqlite3"
PG_MEMBER = "db/pmpath.pgdump"
UPLOADS = "uploads"
CHUNK = 1 << 20


class BackupError(Exception):
    """One clear line: what is wrong with the archive or the database, and what to do."""


@dataclass
class BackupReport:
    path: Path
    engine: str
    size: int
    seconds: float
    rows: int
    files: int


@dataclass
class RestorePlan:
    """A verified archive, ready to restore: what it holds, and what restoring will replace."""

    path: Path
    manifest: dict[str, Any]
    workdir: Path
    warnings: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.manifest["tables"].values())

    @property
    def uploads(self) -> int:
        return sum(1 for name in self.manifest["members"] if name.startswith(UPLOADS + "/"))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def _disk_migrations() -> set[tuple[str, str]]:
    from django.db.migrations.loader import MigrationLoader

    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


# --- backup ------------------------------------------------------------------------------


def backup(out: Path) -> BackupReport:
    """Write the archive to `out` (via a temporary file beside it, renamed at the end, so a
    crash never leaves a half-written archive under the final name)."""
    from pmpath import __version__

    started = time.perf_counter()
    out = out.expanduser().resolve()
    if out.is_dir():
        raise BackupError(f"{out} is a folder: give a file name, e.g. {out / 'pmpath.tar'}")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".pmpath-backup-", dir=out.parent) as tmp:
        work = Path(tmp)
        if _engine() == "sqlite":
            member, tables, migrations = SQLITE_MEMBER, *_snapshot_sqlite(work / "db")
        else:
            member, tables, migrations = PG_MEMBER, *_snapshot_postgres(work / "db")
        members = {member: {"sha256": _sha256(work / "db"), "size": (work / "db").stat().st_size}}
        uploads = _upload_files()
        for name, path in uploads:
            members[name] = {"sha256": _sha256(path), "size": path.stat().st_size}
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "pmpath_version": __version__,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "engine": _engine(),
            "migrations": migrations,
            "tables": tables,
            "members": members,
        }
        partial = work / "archive.tar"
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
            tar.addfile(info, io.BytesIO(data))
            tar.add(work / "db", arcname=member, recursive=False)
            for name, path in uploads:
                tar.add(path, arcname=name, recursive=False)
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, out)
    os.chmod(out, 0o600)  # it holds every user's data
    return BackupReport(
        out,
        _engine(),
        out.stat().st_size,
        time.perf_counter() - started,
        sum(tables.values()),
        len(uploads),
    )


def _upload_files() -> list[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found.append((f"{UPLOADS}/{path.relative_to(root).as_posix()}", path))
    return found


def _snapshot_sqlite(dest: Path) -> tuple[dict[str, int], list[list[str]]]:
    target = sqlite3.connect(dest)
    try:
        # pages=-1: one step, inside one read transaction, so the copy is one moment's state
        # (WAL readers do not block writers, so the app carries on meanwhile).
        _raw_sqlite().backup(target)
    except sqlite3.Error as exc:
        target.close()
        raise BackupError(f"cannot copy the database: {exc}") from None
    try:
        return _sqlite_counts(target), _sqlite_migrations(target)
    finally:
        target.close()


def _raw_sqlite() -> sqlite3.Connection:
    """Django's own connection to the live database (a file, or the tests' shared memory)."""
    if connection.in_atomic_block:
        raise BackupError("backup and restore cannot run inside a transaction")
    connection.ensure_connection()
    return connection.connection  # type: ignore[no-any-return]


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _sqlite_migrations(db: sqlite3.Connection) -> list[list[str]]:
    try:
        rows = db.execute("SELECT app, name FROM django_migrations ORDER BY app, name").fetchall()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"the database has no migration table ({exc})") from None
    return [list(row) for row in rows]


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore from Django's settings (the password goes
    in the environment, never on a command line other users can see)."""
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed: install PostgreSQL's client tools")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        server = int(cursor.fetchone()[0]) // 10000
    output = subprocess.run([found, "--version"], capture_output=True, text=True).stdout
    client = int(output.split()[-1].split(".")[0]) if output else 0
    if client < server:
        raise BackupError(
            f"{name} is version {client} but the server is PostgreSQL {server}: install "
            f"PostgreSQL {server}'s client tools"
        )
    return found


def _run_pg(name: str, *options: str, failed: str = "") -> None:
    """pg_dump or pg_restore against this instance's database; BackupError with its last
    line of error output when it fails."""
    args, env = _pg_env()
    done = subprocess.run(
        [_pg_tool(name), *options, *args], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise BackupError(f"{failed or name + ' failed'}: {last}")


def _pg_tables(cursor: Any) -> dict[str, int]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    names = [row[0] for row in cursor.fetchall()]
    counts = {}
    for name in names:
        cursor.execute(f'SELECT count(*) FROM "{name}"')
        counts[name] = cursor.fetchone()[0]
    return counts


def _snapshot_postgres(dest: Path) -> tuple[dict[str, int], list[list[str]]]:
    _pg_tool("pg_dump")  # missing or too old: say so before starting
    # The counts and pg_dump see the same snapshot, so the manifest describes the dump exactly.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = _pg_tables(cursor)
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = [list(row) for row in cursor.fetchall()]
        _run_pg(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot}",
            "--file",
            str(dest),
        )
    return tables, migrations


# --- restore -----------------------------------------------------------------------------


@contextmanager
def verified(path: Path) -> Iterator[RestorePlan]:
    """Open and check an archive completely before anything is touched: readable, complete,
    every member's checksum right, the database sound, the schema not newer than this code.
    Raises BackupError with one message otherwise."""
    path = path.expanduser().resolve()
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    with tempfile.TemporaryDirectory(prefix=".pmpath-restore-", dir=_scratch_dir()) as tmp:
        work = Path(tmp)
        manifest = _extract(path, work)
        plan = RestorePlan(path, manifest, work)
        _check_schema(plan)
        if SQLITE_MEMBER in manifest["members"]:
            _check_sqlite(work / SQLITE_MEMBER, manifest, path)
        else:
            _check_pgdump(work / PG_MEMBER, path)
        yield plan


def _scratch_dir() -> Path:
    # Beside the database (SQLite) or in the data folder: the same file system, enough room.
    return Path(settings.DATA_DIR)


def _extract(path: Path, work: Path) -> dict[str, Any]:
    bad = f"{path.name} is not a complete pmpath backup"
    try:
        with tarfile.open(path, "r:") as tar:
            try:
                raw = tar.extractfile(MANIFEST)
            except KeyError:
                raise BackupError(f"{bad}: it has no {MANIFEST}") from None
            manifest = json.loads(raw.read()) if raw else None
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise BackupError(f"{bad}: its manifest is not a pmpath backup manifest")
            if manifest.get("format_version", 0) > FORMAT_VERSION:
                raise BackupError(
                    f"{path.name} was written by a newer pmpath (backup format "
                    f"{manifest['format_version']}): upgrade pmpath to restore it"
                )
            expected = manifest["members"]
            seen = set()
            for member in tar:
                if member.name == MANIFEST:
                    continue
                if member.name not in expected or not member.isfile():
                    raise BackupError(f"{bad}: unexpected entry {member.name!r}")
                tar.extract(member, work, filter="data")
                seen.add(member.name)
    except (tarfile.TarError, EOFError, OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BackupError(f"{bad}: the file is truncated or damaged ({exc})") from None
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"{bad}: {missing[0]} is missing (the file is truncated)")
    for name, meta in expected.items():
        if _sha256(work / name) != meta["sha256"]:
            raise BackupError(f"{bad}: {name} is damaged (its checksum does not match)")
    return manifest


def _check_schema(plan: RestorePlan) -> None:
    known = _disk_migrations()
    unknown = sorted(tuple(m) for m in plan.manifest["migrations"] if tuple(m) not in known)
    if unknown:
        app, name = unknown[0]
        raise BackupError(
            f"{plan.path.name} comes from a newer pmpath (its migration {app}.{name} is not "
            f"in this version, {len(unknown)} unknown in all): upgrade pmpath, then restore"
        )
    applied = {tuple(m) for m in plan.manifest["migrations"]}
    behind = len([m for m in known if m not in applied])
    if behind:
        plan.warnings.append(
            f"the backup is {behind} migrations behind this version: run `pmpath setup` after "
            "restoring"
        )
    engine = plan.manifest["engine"]
    if engine != _engine():
        raise BackupError(
            f"{plan.path.name} is a {engine} backup but this instance runs on {_engine()}: "
            f"restore it into a {engine} database (or move data across with "
            "`pmpath export --user` and `pmpath import-account`)"
        )


def _check_sqlite(db: Path, manifest: dict[str, Any], path: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            counts = _sqlite_counts(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path.name}: the database in it is damaged ({exc})") from None
    if result != ["ok"]:
        raise BackupError(f"{path.name}: the database in it fails its integrity check: {result[0]}")
    if counts != manifest["tables"]:
        raise BackupError(f"{path.name}: the database's row counts differ from its manifest")


def _check_pgdump(dump: Path, path: Path) -> None:
    done = subprocess.run(
        [_pg_tool("pg_restore"), "--list", str(dump)], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise BackupError(f"{path.name}: pg_restore cannot read the dump in it")


def restore(plan: RestorePlan) -> dict[str, int]:
    """Replace the database and the uploads folder with the archive's, then check that every
    table holds the rows the manifest says. Returns the restored table counts."""
    if SQLITE_MEMBER in plan.manifest["members"]:
        counts = _restore_sqlite(plan.workdir / SQLITE_MEMBER)
    else:
        counts = _restore_postgres(plan.workdir / PG_MEMBER)
    # The whole database changed behind the ORM's back: retire everything built on the old.
    generation.touch(None)
    wrong = sorted(k for k, n in plan.manifest["tables"].items() if counts.get(k) != n)
    if wrong:
        raise BackupError(f"after restoring, the row counts differ from the backup's: {wrong[:5]}")
    _swap_uploads(plan.workdir / UPLOADS)
    return counts


def _restore_sqlite(source_path: Path) -> dict[str, int]:
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    live = _raw_sqlite()
    try:
        # One write transaction on the live database: other connections wait on the busy
        # timeout, then see all of the backup; a crash part-way rolls back to the old data.
        source.backup(live)
    except sqlite3.Error as exc:
        raise BackupError(f"the restore failed and changed nothing: {exc}") from None
    finally:
        source.close()
    result = [row[0] for row in live.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        raise BackupError(f"the restored database fails its integrity check: {result[0]}")
    return _sqlite_counts(live)


def _restore_postgres(dump: Path) -> dict[str, int]:
    _pg_tool("pg_restore")
    connections.close_all()  # pg_restore drops the tables: hold no connection in a transaction
    _run_pg(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--single-transaction",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        str(dump),
        failed="pg_restore failed and changed nothing",
    )
    with connection.cursor() as cursor:
        return _pg_tables(cursor)


def _swap_uploads(restored: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    fresh = root.with_name(root.name + ".restoring")
    shutil.rmtree(fresh, ignore_errors=True)
    if restored.is_dir():
        shutil.move(restored, fresh)
    else:
        fresh.mkdir()
    old = root.with_name(root.name + ".replaced")
    shutil.rmtree(old, ignore_errors=True)
    if root.exists():
        os.replace(root, old)
    os.replace(fresh, root)
    shutil.rmtree(old, ignore_errors=True)
