"""backup, restore, export, import-account and `users delete`: keeping data safe."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from pmpath.cli._django import CLIError, console, ensure_database, get_user, print_json


def backup(
    out: Path = typer.Option(..., "--out", help="The archive to write (e.g. pmpath-backup.tar)."),
    as_json: bool = typer.Option(False, "--json", help="Print what was written as JSON."),
) -> None:
    """Back up the whole instance (database and uploads) to one archive, while it runs."""
    ensure_database()
    from pmpath.core.backup import BackupError
    from pmpath.core.backup import backup as run

    try:
        report = run(out)
    except BackupError as exc:
        raise CLIError(str(exc)) from None
    if as_json:
        print_json(
            {
                "path": str(report.path),
                "engine": report.engine,
                "bytes": report.size,
                "seconds": round(report.seconds, 2),
                "rows": report.rows,
                "files": report.files,
            }
        )
        return
    console.print(
        f"Backed up {report.rows} rows and {report.files} uploaded files to {report.path} "
        f"({report.size / 1e6:.1f} MB in {report.seconds:.1f}s).",
        highlight=False,
    )


def restore(
    path: Path = typer.Argument(..., help="An archive written by `pmpath backup`."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
) -> None:
    """Replace this instance's database and uploads with a backup's, after checking it."""
    ensure_database(migrated=False)
    from pmpath.core.backup import BackupError, verified
    from pmpath.core.backup import restore as run

    try:
        with verified(path) as plan:
            made = plan.manifest["created_at"]
            console.print(
                f"{path.name}: a sound backup from {made} ({plan.rows} rows, "
                f"{plan.uploads} uploaded files).",
                highlight=False,
            )
            if not yes:
                if not sys.stdin.isatty():
                    raise CLIError("restoring replaces all data: confirm with --yes")
                typer.confirm("Replace ALL current data with this backup?", abort=True)
            counts = run(plan)
            for warning in plan.warnings:
                console.print(f"  note: {warning}", highlight=False)
    except BackupError as exc:
        raise CLIError(f"{exc}; nothing was changed") from None
    console.print(
        f"Restored {sum(counts.values())} rows; every table holds what the backup says.",
        highlight=False,
    )


def export(
    user: str = typer.Option(..., "--user", help="Whose data."),
    out: Path | None = typer.Option(
        None, "--out", help="Write a ZIP with the uploaded files too, instead of JSON to stdout."
    ),
) -> None:
    """Export every record a user owns: JSON on standard output, or a ZIP with --out."""
    account = get_user(user)
    from pmpath.core import account_data

    if out is None:
        account_data.write_export(account, sys.stdout)
        return
    partial = out.with_name(out.name + ".partial")
    document = account_data.write_export_zip(account, partial)
    partial.replace(out)
    total = sum(document["counts"].values())
    console.print(
        f"Exported {total} records and {len(document['files'])} files of {account.username} "
        f"to {out}.",
        highlight=False,
    )


def import_account(
    file: Path = typer.Argument(..., help="A file from `pmpath export` (JSON or ZIP)."),
    as_name: str = typer.Option("", "--as", help="Load into a new account with this name."),
    as_json: bool = typer.Option(False, "--json", help="Print the outcome as JSON."),
) -> None:
    """Load an account export into this instance as a new account (idempotent)."""
    ensure_database()
    from pmpath.core.account_data import (
        AccountDataError,
        import_account,
        peek_header,
        previous_import,
        read_export,
    )

    header = peek_header(file)
    report = previous_import(header, as_name) if header else None
    try:
        if report is None:  # not seen before: read the whole file
            document, files, checksum = read_export(file)
            report = import_account(document, files=files, checksum=checksum, username=as_name)
    except AccountDataError as exc:
        raise CLIError(f"{exc}; nothing was imported") from None
    if as_json:
        print_json(
            {
                "user": report.username,
                "already_imported": report.already is not None,
                "created": report.created,
                "warnings": report.warnings,
            }
        )
        return
    console.print(report.headline, highlight=False)
    for warning in report.warnings[:20]:
        console.print(f"  note: {warning}", highlight=False)
    if report.already is None:
        console.print(
            f"  {report.username} has no password yet: set one with "
            f"`pmpath manage changepassword {report.username}`.",
            highlight=False,
        )


def delete_user(
    username: str = typer.Argument(..., help="The account to delete."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
) -> None:
    """Delete an account with every record it owns and its uploaded files. No undo."""
    account = get_user(username)
    from pmpath.core.account_data import delete_account

    if not yes:
        if not sys.stdin.isatty():
            raise CLIError("deleting an account cannot be undone: confirm with --yes")
        typer.confirm(f"Delete {account.username} and ALL their data?", abort=True)
    counts = delete_account(account)
    console.print(
        f"Deleted {username} and {sum(counts.values())} records of theirs.", highlight=False
    )


def register(app: typer.Typer, users_app: typer.Typer) -> None:
    app.command()(backup)
    app.command()(restore)
    app.command()(export)
    app.command("import-account")(import_account)
    users_app.command("delete")(delete_user)
