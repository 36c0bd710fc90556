"""`pmpath jobs watch`: the target companies' boards polled for new PM roles."""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from pmpath.cli._django import CLIError, console, ensure_database, get_user, print_json

app = typer.Typer(help="Watch target companies' job boards for new PM roles.", no_args_is_help=True)


def _find(account: Any, ref: str) -> Any:
    """A watch by its id or by KIND:NAME."""
    from pmpath.jobs.boards_service import parse_spec
    from pmpath.jobs.models import Watch
    from pmpath.jobs.services import JobsError

    rows = Watch.objects.owned_by(account).select_related("company")
    if ref.isdigit():
        found = rows.filter(pk=int(ref)).first()
    else:
        try:
            kind, name = parse_spec(ref)
        except JobsError as exc:
            raise CLIError(str(exc)) from None
        found = rows.filter(board_kind=kind, board_name=name).first()
    if found is None:
        raise CLIError(f"{ref}: you do not watch this board (see `pmpath jobs watch list`)")
    return found


def _row(watch: Any) -> dict[str, Any]:
    return {
        "id": watch.pk,
        "company": watch.company.name,
        "board": str(watch),
        "active": watch.active,
        "last_polled_at": watch.last_polled_at.isoformat() if watch.last_polled_at else None,
        "next_poll_at": watch.next_poll_at.isoformat(),
        "jobs_on_board": watch.last_found,
        "failures": watch.failures,
        "last_error": watch.last_error,
    }


@app.command("add")
def add(
    company: str = typer.Argument(..., help="The company's name, as you call it."),
    board: str = typer.Argument(..., metavar="KIND:NAME", help="e.g. greenhouse:acme"),
    user: str = typer.Option(..., "--user"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Watch a company's board; it is checked in the background every few hours."""
    account = get_user(user)
    from pmpath.jobs import watches
    from pmpath.jobs.boards_service import parse_spec
    from pmpath.jobs.services import JobsError

    try:
        kind, name = parse_spec(board)
        watch = watches.add_watch(account, company_name=company, board_kind=kind, board_name=name)
    except JobsError as exc:  # "board_name: …" names a form field; the command has none
        field, _, rest = str(exc).partition(": ")
        message = rest if field in ("company_name", "board_kind", "board_name") else str(exc)
        raise CLIError(message) from None
    if as_json:
        print_json(_row(watch))
    else:
        console.print(escape(f"Watching {watch.company.name} ({watch})."), highlight=False)


@app.command("list")
def list_watches(
    user: str = typer.Option(..., "--user"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The boards you watch, with when each was last checked and its last error."""
    account = get_user(user)
    from pmpath.jobs import watch_queries

    rows = [_row(w) for w in watch_queries.watches(account)]
    if as_json:
        print_json(rows)
        return
    table = Table("Id", "Company", "Board", "Status", "Last checked", "Jobs", "Last error")
    for row in rows:
        status = "paused" if not row["active"] else ("failing" if row["last_error"] else "ok")
        table.add_row(
            str(row["id"]),
            row["company"],
            row["board"],
            status,
            (row["last_polled_at"] or "not yet")[:16],
            str(row["jobs_on_board"]),
            row["last_error"],
        )
    console.print(table)


@app.command("remove")
def remove(
    board: str = typer.Argument(..., metavar="KIND:NAME|ID"),
    user: str = typer.Option(..., "--user"),
) -> None:
    """Stop watching a board (the postings it found stay)."""
    account = get_user(user)
    from pmpath.jobs import watches

    watch = watches.remove_watch(account, watch_id=_find(account, board).pk)
    console.print(escape(f"Stopped watching {watch.company.name} ({watch})."), highlight=False)


@app.command("pause")
def pause(
    board: str = typer.Argument(..., metavar="KIND:NAME|ID"),
    user: str = typer.Option(..., "--user"),
    resume: bool = typer.Option(False, "--resume", help="Start checking it again."),
) -> None:
    """Pause checking a board, or resume it with --resume."""
    account = get_user(user)
    from pmpath.jobs import watches

    watch = watches.pause_watch(account, watch_id=_find(account, board).pk, paused=not resume)
    word = "Resumed" if resume else "Paused"
    console.print(escape(f"{word} {watch.company.name} ({watch})."), highlight=False)


@app.command("poll")
def poll(
    user: str | None = typer.Option(
        None, "--user", help="Check this person's boards now; without it, every due board."
    ),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Check watched boards for new PM roles now (the worker does this on its own)."""
    account = get_user(user) if user else None
    ensure_database()
    from pmpath.jobs import watches

    reports = watches.poll_user(account) if account else watches.poll_due()
    if as_json:
        print_json(
            [
                {
                    "board": str(r.watch),
                    "company": r.watch.company.name,
                    "new": r.new,
                    "jobs_on_board": r.found,
                    "not_modified": r.not_modified,
                    "error": r.error,
                }
                for r in reports
            ]
        )
    else:
        if not reports:
            console.print("No boards to check.")
        for r in reports:
            console.print(escape(r.summary), style="red" if r.error else None, highlight=False)
    if reports and all(r.error for r in reports):
        raise typer.Exit(1)
