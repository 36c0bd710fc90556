"""`pmpath backup` and `pmpath restore` on the test database (SQLite, or PostgreSQL when
PMPATH_TEST_DATABASE_URL is set). Live writes during a backup: tests/crash/test_backup_live.py."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.db import connection

from pmpath.core import backup, generation
from pmpath.core.backup import BackupError
from tests.conftest import make_user
from tests.network.factories import make_contact

pytestmark = pytest.mark.django_db(transaction=True)


def _everything() -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f'SELECT * FROM "{table}"')
            rows[table] = sorted(map(repr, cursor.fetchall()))
    return rows


@pytest.fixture
def filled(db: Any, settings: Any, tmp_path: Path) -> Any:
    from pmpath.core.demo import load_demo
    from pmpath.core.knowledge import run_seeds

    run_seeds()  # an earlier transactional test may have flushed the knowledge base
    settings.MEDIA_ROOT = tmp_path / "uploads"
    alice = make_user("alice")
    load_demo(alice)
    default_storage.save("portfolio/1/1/kept.txt", io.BytesIO(b"in the backup"))
    return alice


def _rewrite(archive: Path, change: Any) -> None:
    """Rebuild an archive after `change(members: dict[name, bytes], manifest)`, keeping the
    checksums right: what a backup of a bad database, or from another version, looks like."""
    with tarfile.open(archive) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}  # type: ignore[union-attr]
    manifest = json.loads(members.pop("manifest.json"))
    change(members, manifest)
    for name, data in members.items():
        manifest["members"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    with tarfile.open(archive, "w") as tar:
        for name, data in [("manifest.json", json.dumps(manifest).encode()), *members.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_a_restore_gives_back_exactly_the_rows_and_files_of_the_backup(filled, tmp_path):
    snapshot = _everything()
    report = backup.backup(tmp_path / "b.tar")
    assert report.rows == sum(len(rows) for rows in snapshot.values())
    assert report.files == 1

    make_contact(filled, first_name="After", last_name="Backup")
    bob = make_user("bob")
    make_contact(bob, first_name="Bob's", last_name="Friend")
    default_storage.save("portfolio/1/1/later.txt", io.BytesIO(b"not in the backup"))
    assert _everything() != snapshot

    with backup.verified(tmp_path / "b.tar") as plan:
        counts = backup.restore(plan)
    assert _everything() == snapshot
    assert sum(counts.values()) == report.rows
    assert default_storage.exists("portfolio/1/1/kept.txt")
    assert not default_storage.exists("portfolio/1/1/later.txt")


def test_a_restore_retires_everything_built_on_the_replaced_data(filled, tmp_path):
    """Cached pages and coach inputs key on the catalogue's generation too: moving it retires
    everyone's, which the restore must do as no row in it went through the ORM."""
    backup.backup(tmp_path / "b.tar")
    before = generation.current(filled.pk)
    with backup.verified(tmp_path / "b.tar") as plan:
        backup.restore(plan)
    assert generation.current(filled.pk)[1] != before[1]


def test_the_manifest_says_what_the_archive_holds(filled, tmp_path):
    backup.backup(tmp_path / "b.tar")
    with tarfile.open(tmp_path / "b.tar") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert manifest["format"] == "pmpath-backup"
    assert ["core", "0001_initial"] in manifest["migrations"]
    assert manifest["tables"]["network_contact"] > 0
    assert set(manifest["members"]) == {
        backup.SQLITE_MEMBER if connection.vendor == "sqlite" else backup.PG_MEMBER,
        "uploads/portfolio/1/1/kept.txt",
    }


def _refused(archive: Path, message: str) -> None:
    before = _everything()
    with pytest.raises(BackupError, match=message), backup.verified(archive) as plan:
        backup.restore(plan)
    assert _everything() == before
    assert default_storage.exists("portfolio/1/1/kept.txt")


def test_a_truncated_archive_is_refused_and_nothing_is_lost(filled, tmp_path):
    archive = tmp_path / "b.tar"
    backup.backup(archive)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    make_contact(filled, first_name="Still", last_name="Here")
    _refused(archive, "b.tar is not a complete pmpath backup")


def test_a_damaged_byte_is_caught_by_its_checksum(filled, tmp_path):
    archive = tmp_path / "b.tar"
    backup.backup(archive)
    with tarfile.open(archive) as tar:
        offset = next(m for m in tar if m.name.startswith("db/")).offset_data
    data = bytearray(archive.read_bytes())
    data[offset + 5000] ^= 0xFF
    archive.write_bytes(bytes(data))
    _refused(archive, r"db/pmpath\.\w+ is damaged \(its checksum does not match\)")


@pytest.mark.skipif(
    not django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="SQLite's own check",
)
def test_a_backup_of_a_corrupt_database_fails_its_integrity_check(filled, tmp_path):
    archive = tmp_path / "b.tar"
    backup.backup(archive)

    def corrupt(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
        db = bytearray(members[backup.SQLITE_MEMBER])
        for page in range(3, len(db) // 4096 - 1, 2):  # scribble over half the b-tree pages
            db[page * 4096 + 8 : page * 4096 + 40] = b"\xa5" * 32
        members[backup.SQLITE_MEMBER] = bytes(db)

    _rewrite(archive, corrupt)
    _refused(archive, "b.tar: the database in it (is damaged|fails its integrity check)")


def test_a_backup_from_a_newer_pmpath_is_refused(filled, tmp_path):
    archive = tmp_path / "b.tar"
    backup.backup(archive)
    _rewrite(archive, lambda _, m: m["migrations"].append(["jobs", "9999_from_the_future"]))
    _refused(archive, r"comes from a newer pmpath \(its migration jobs.9999_from_the_future")


def test_something_that_is_not_a_backup_is_refused(filled, tmp_path):
    archive = tmp_path / "notes.tar"
    archive.write_text("just some text")
    _refused(archive, "notes.tar is not a complete pmpath backup")


def test_the_archive_is_written_whole_or_not_at_all(filled, tmp_path):
    out = tmp_path / "backups" / "b.tar"
    backup.backup(out)
    assert [p.name for p in out.parent.iterdir()] == ["b.tar"]  # no temporary file left behind
    assert out.stat().st_mode & 0o077 == 0  # readable by its owner only
