from pathlib import Path

import pytest

from pmpath.core import env
from pmpath.core.env import ConfigError


def test_it_reads_booleans_in_the_usual_spellings():
    assert env.env_bool("X", False, {"X": "yes"}) is True
    assert env.env_bool("X", True, {"X": "0"}) is False
    assert env.env_bool("X", True, {}) is True


def test_it_names_the_variable_when_a_boolean_is_wrong():
    with pytest.raises(ConfigError, match="PMPATH_DEBUG must be true or false"):
        env.env_bool("PMPATH_DEBUG", False, {"PMPATH_DEBUG": "maybe"})


def test_it_rejects_an_out_of_range_number():
    with pytest.raises(ConfigError, match="PMPATH_X must be at least 1"):
        env.env_int("PMPATH_X", 5, {"PMPATH_X": "0"}, minimum=1)
    with pytest.raises(ConfigError, match="whole number"):
        env.env_int("PMPATH_X", 5, {"PMPATH_X": "five"})


def test_it_rejects_an_unknown_choice():
    with pytest.raises(ConfigError, match="PMPATH_REGISTRATION must be one of open, closed"):
        env.env_choice(
            "PMPATH_REGISTRATION", "open", ("open", "closed"), {"PMPATH_REGISTRATION": "sometimes"}
        )


def test_it_splits_lists_and_drops_blanks():
    assert env.env_list("H", [], {"H": "a.test, b.test,,"}) == ["a.test", "b.test"]


def test_it_creates_the_data_folder(tmp_path: Path):
    folder = tmp_path / "nested" / "data"
    assert env.data_dir("PMPATH_DATA_DIR", "./data", {"PMPATH_DATA_DIR": str(folder)}) == folder
    assert folder.is_dir()


def test_it_refuses_an_unwritable_data_folder(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match="PMPATH_DATA_DIR: the data folder .* is not writable"):
        env.data_dir("PMPATH_DATA_DIR", "./data", {"PMPATH_DATA_DIR": str(blocker / "data")})


def test_it_generates_the_secret_key_once(tmp_path: Path):
    first = env.secret_key(tmp_path, {})
    assert len(first) > 40
    assert env.secret_key(tmp_path, {}) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert env.secret_key(tmp_path, {"PMPATH_SECRET_KEY": "given"}) == "given"


def test_it_uses_sqlite_with_wal_and_immediate_transactions_by_default(tmp_path: Path):
    db = env.database(None, tmp_path)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "pmpath.sqlite3")
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_it_reads_a_postgres_url(tmp_path: Path):
    db = env.database("postgresql://pm:secret@db.internal:5433/pmpath", tmp_path)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"]) == ("db.internal", 5433, "pmpath", "pm")


@pytest.mark.parametrize(
    "url, message",
    [
        ("mysql://root@localhost/pm", "DATABASE_URL must start with postgres"),
        ("nonsense", "DATABASE_URL is not a database URL"),
        ("postgresql://localhost:5432", "DATABASE_URL names no database"),
    ],
)
def test_it_names_database_url_when_it_is_wrong(tmp_path: Path, url: str, message: str):
    with pytest.raises(ConfigError, match=message):
        env.database(url, tmp_path)
