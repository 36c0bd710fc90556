"""`pmpath feeds`: follow industry feeds, move subscriptions in and out as OPML, fetch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from pmpath.cli._django import CLIError, console, ensure_database, get_user, print_json

app = typer.Typer(help="Follow product-management feeds (RSS/Atom) and OPML.", no_args_is_help=True)


def _message(exc: Exception) -> str:
    """Service errors start with the form field they are about; the command has none."""
    field, _, rest = str(exc).partition(": ")
    return rest if field in ("url", "file", "tags", "key") and rest else str(exc)


def _row(feed: Any, unread: int = 0, total: int = 0) -> dict[str, Any]:
    return {
        "id": feed.pk,
        "title": feed.title,
        "url": feed.url,
        "tags": [t for t in feed.tags.split(",") if t],
        "suggested": feed.suggested,
        "last_fetched_at": feed.last_fetched_at.isoformat() if feed.last_fetched_at else None,
        "next_fetch_at": feed.next_fetch_at.isoformat(),
        "failures": feed.failures,
        "last_error": feed.last_error,
        "unread": unread,
        "entries": total,
    }


@app.command("add")
def add(
    url: str = typer.Argument(..., help="A feed's address, or a site that links to its feed."),
    user: str = typer.Option(..., "--user"),
    tags: str = typer.Option("", "--tags", help="Comma-separated tags."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Follow a feed; it is fetched at once, then every two hours in the background."""
    account = get_user(user)
    from pmpath.trends.services import TrendsError, subscribe

    try:
        feed, report = subscribe(account, url=url, tags=tags)
    except TrendsError as exc:
        raise CLIError(_message(exc)) from None
    if as_json:
        print_json({**_row(feed, report.new, report.new), "new": report.new})
    else:
        console.print(
            escape(f"Following {feed} ({feed.url}): {report.new} entries."),
            highlight=False,
            soft_wrap=True,
        )


@app.command("import-opml")
def import_opml(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True),
    user: str = typer.Option(..., "--user"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Follow every feed in an OPML file (all or nothing; importing again changes nothing)."""
    account = get_user(user)
    from pmpath.trends.opml import MAX_BYTES
    from pmpath.trends.services import TrendsError
    from pmpath.trends.services import import_opml as run_import

    if file.stat().st_size > MAX_BYTES:
        raise CLIError(f"{file.name}: over the {MAX_BYTES // 1024} KB limit for OPML files")
    try:
        outcome = run_import(account, data=file.read_bytes(), name=file.name)
    except TrendsError as exc:
        raise CLIError(_message(exc)) from None
    if as_json:
        print_json(
            {"added": outcome.added, "already": outcome.already, "retagged": outcome.retagged}
        )
    else:
        console.print(escape(f"Imported {file.name}: {outcome.summary}"), highlight=False)


@app.command("export-opml")
def export_opml(
    user: str = typer.Option(..., "--user"),
    out: Path | None = typer.Option(None, "--out", help="Write here instead of standard output."),
) -> None:
    """Your feeds as an OPML 2.0 file, for another reader or a backup."""
    account = get_user(user)
    from pmpath.trends.services import export_opml as run_export

    data = run_export(account)
    if out is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        out.write_bytes(data)
        console.print(escape(f"Wrote {out}."), highlight=False)


@app.command("fetch")
def fetch(
    user: str | None = typer.Option(
        None, "--user", help="This person's feeds; without it, every due feed of everyone."
    ),
    fetch_all: bool = typer.Option(False, "--all", help="Every feed, due or not."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Fetch feeds now (the background worker does this every 15 minutes on its own)."""
    account = get_user(user) if user else None
    ensure_database()
    from pmpath.trends import fetcher
    from pmpath.trends.models import Feed
    from pmpath.trends.services import fetch_user

    if account is not None:
        reports = fetch_user(account, due_only=not fetch_all)
    elif fetch_all:
        reports = fetcher.fetch_all(list(Feed.objects.order_by("id")))
    else:
        reports = fetcher.fetch_due()
    if as_json:
        print_json(
            [
                {
                    "feed": r.feed.pk,
                    "url": r.feed.url,
                    "new": r.new,
                    "updated": r.updated,
                    "not_modified": r.not_modified,
                    "error": r.error,
                    "warning": r.warning,
                }
                for r in reports
            ]
        )
    else:
        if not reports:
            console.print("No feeds to fetch." + ("" if fetch_all else " (--all fetches them all)"))
        for r in reports:
            console.print(escape(r.summary), style="red" if r.error else None, highlight=False)
    if reports and all(r.error for r in reports):
        raise typer.Exit(1)


@app.command("list")
def list_feeds(
    user: str = typer.Option(..., "--user"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The feeds you follow, with unread counts, last fetch and last error."""
    account = get_user(user)
    from pmpath.trends import queries

    rows = [_row(r.feed, r.unread, r.total) for r in queries.feeds(account)]
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("You follow no feeds yet: `pmpath feeds add URL --user NAME`.")
        return
    table = Table("Id", "Feed", "Tags", "Unread", "Last fetched", "Status")
    for row in rows:
        status = f"failing: {row['last_error']}" if row["failures"] else (row["last_error"] or "ok")
        table.add_row(
            str(row["id"]),
            escape(row["title"] or row["url"]),
            ", ".join(row["tags"]),
            f"{row['unread']}/{row['entries']}",
            (row["last_fetched_at"] or "not yet")[:16],
            escape(status),
        )
    console.print(table)
