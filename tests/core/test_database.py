import os

from django.db import connection


def test_the_suite_runs_on_the_database_it_was_asked_for(db):
    expected = "postgresql" if os.environ.get("PMPATH_TEST_DATABASE_URL") else "sqlite"
    assert connection.vendor == expected


def test_sqlite_connections_enforce_foreign_keys_and_wait_when_busy(db):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
