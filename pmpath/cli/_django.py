"""What every command needs from Django: start-up with clear errors, a reachable and migrated
database, users by name, JSON output. Django is imported only when a command runs, so
`pmpath --help` stays instant."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from rich.console import Console

console = Console()
err_console = Console(stderr=True)


class CLIError(Exception):
    """Ends a command with one line on standard error and exit status 1."""


_ready = False


def bootstrap() -> None:
    global _ready
    if _ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pmpath.settings")
    import django

    django.setup()  # ConfigError from settings propagates to run(), which prints it
    _ready = True


def describe_database() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"SQLite at {db['NAME']}"
    host = db.get("HOST") or "localhost"
    port = db.get("PORT") or 5432
    return f"PostgreSQL database {db.get('NAME')!r} at {host}:{port}"


def ensure_database(*, migrated: bool = True) -> None:
    """Fail with one clear line when the database cannot be reached or is not set up."""
    bootstrap()
    from django.db import DatabaseError, connection

    try:
        connection.ensure_connection()
    except DatabaseError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CLIError(f"cannot connect to the {describe_database()}: {first}") from None
    if migrated:
        from django.db.migrations.executor import MigrationExecutor

        try:
            plan = MigrationExecutor(connection).migration_plan(
                MigrationExecutor(connection).loader.graph.leaf_nodes()
            )
        except DatabaseError as exc:
            raise CLIError(f"cannot read the {describe_database()}: {exc}") from None
        if plan:
            raise CLIError(
                f"the {describe_database()} is not set up yet "
                f"({len(plan)} migrations pending): run `pmpath setup` first"
            )


def get_user(username: str | None) -> Any:
    if not username:
        raise CLIError("this command needs --user USERNAME")
    ensure_database()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CLIError(f"no user named {username!r} (create one with `pmpath users create`)")
    return user


def user_or_only_user(username: str | None, *, whose: str = "data") -> Any:
    """The named user; without --user, the only user of a one-person install."""
    if username:
        return get_user(username)
    ensure_database()
    from django.contrib.auth import get_user_model

    users = list(get_user_model().objects.filter(is_active=True).order_by("id")[:2])
    if len(users) == 1:
        return users[0]
    if not users:
        raise CLIError("no users yet (create one with `pmpath users create`)")
    raise CLIError(f"this install has several users: say whose {whose} with --user USERNAME")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, default=str, ensure_ascii=False) + "\n")
