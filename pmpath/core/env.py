"""Typed readers for PMPATH_* environment variables.

Every reader raises ConfigError with the variable's name, so a wrong value stops start-up with
one line that says what to fix instead of a traceback from deep inside Django.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Mapping
from pathlib import Path


class ConfigError(Exception):
    """A setting has a value pmpath cannot use. The message names the variable."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str, environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    return environ.get(name, default)


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    if name not in environ:
        return default
    value = environ[name].strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false (1/0, yes/no, on/off), not {environ[name]!r}")


def env_int(
    name: str,
    default: int,
    environ: Mapping[str, str] | None = None,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    environ = os.environ if environ is None else environ
    if name not in environ or environ[name].strip() == "":
        return default
    raw = environ[name].strip()
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{name} must be at most {maximum}, not {value}")
    return value


def env_choice(
    name: str, default: str, choices: tuple[str, ...], environ: Mapping[str, str] | None = None
) -> str:
    environ = os.environ if environ is None else environ
    value = environ.get(name, default).strip().lower()
    if value not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, not {environ[name]!r}")
    return value


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    environ = os.environ if environ is None else environ
    if name not in environ:
        return list(default)
    return [item.strip() for item in environ[name].split(",") if item.strip()]


def proxy_list(name: str, environ: Mapping[str, str] | None = None) -> list[str]:
    """Comma-separated addresses or networks (10.0.0.0/8, ::1), each checked now."""
    import ipaddress

    items = env_list(name, [], environ)
    for item in items:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ConfigError(f"{name}: {item!r} is not an address or network") from None
    return items


def data_dir(name: str, default: str, environ: Mapping[str, str] | None = None) -> Path:
    """The data folder, created if missing, and proven writable by writing to it."""
    path = Path(env_str(name, default, environ)).expanduser().resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
        # A name of its own: several processes (web, worker) start at once on one folder.
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-"):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConfigError(f"{name}: the data folder {path} is not writable ({reason})") from None
    return path


def secret_key(data: Path, environ: Mapping[str, str] | None = None) -> str:
    """PMPATH_SECRET_KEY, or a key generated once and kept in the data folder."""
    environ = os.environ if environ is None else environ
    if environ.get("PMPATH_SECRET_KEY"):
        return environ["PMPATH_SECRET_KEY"]
    path = data / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    # Created with owner-only permissions: the key signs sessions and password-reset links.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def database(url: str | None, data: Path, *, pooled: bool = False) -> dict:
    """Django's DATABASES['default'] from DATABASE_URL, or SQLite in the data folder.

    `pooled`: PostgreSQL is reached through a transaction-mode pooler (PgBouncer), where one
    client's consecutive transactions may run on different server connections. Then nothing may
    outlive a transaction on the server: no server-side (named) cursors, no prepared statements,
    and connections are not kept open by Django (the pooler keeps them)."""
    if not url:
        return sqlite_database(data / "pmpath.sqlite3")
    import dj_database_url

    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # the library raises several types for malformed URLs
        raise ConfigError(f"DATABASE_URL is not a database URL pmpath can use: {exc}") from None
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        return sqlite_database(Path(config["NAME"]))
    if engine != "django.db.backends.postgresql":
        raise ConfigError(
            "DATABASE_URL must start with postgres://, postgresql:// or sqlite:///, "
            f"not {url.split(':', 1)[0]}://"
        )
    if not config.get("NAME"):
        raise ConfigError("DATABASE_URL names no database (add /DBNAME to the URL)")
    if pooled:
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
        config["CONN_MAX_AGE"] = 0
        config["CONN_HEALTH_CHECKS"] = False
        config.setdefault("OPTIONS", {})["prepare_threshold"] = None
    return config


def sqlite_database(path: Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # Kept open between requests: a new connection starts with an empty page cache, so
        # every page read its indexes from the operating system again.
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # WAL lets readers run beside one writer; IMMEDIATE takes the write lock at BEGIN so
            # two writers wait on the busy timeout instead of failing with "database is locked".
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;PRAGMA busy_timeout=5000;"
                # 32 MB of page cache per connection (the default is 2 MB), and reads through
                # a memory map of up to 256 MB rather than copies into it.
                "PRAGMA cache_size=-32000;PRAGMA mmap_size=268435456;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 5,
        },
    }
