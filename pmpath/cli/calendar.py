"""`pmpath calendar`: the interview calendar as an iCalendar file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import typer

from pmpath.cli._django import CLIError, err_console, user_or_only_user

app = typer.Typer(help="Your interviews and follow-ups as a calendar.", no_args_is_help=True)


def _account(username: str | None) -> Any:
    return user_or_only_user(username, whose="calendar")


@app.command("export")
def export(
    user: str | None = typer.Option(
        None, "--user", help="Whose calendar (may be left out when there is one user)."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file instead of standard output."
    ),
    base_url: str = typer.Option(
        "http://127.0.0.1:8000",
        "--base-url",
        help="Where pmpath is served, for the links back in each event.",
    ),
) -> None:
    """Write every interview round from the last 30 days onwards, and every follow-up, as an
    iCalendar (.ics) file: `pmpath calendar export > interviews.ics`."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CLIError(f"--base-url: {base_url!r} is not an http(s) address")
    account = _account(user)
    from pmpath.jobs.interview_queries import calendar_ics

    body = calendar_ics(account, base_url=base_url)
    if output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
        return
    try:
        output.write_bytes(body)
    except OSError as exc:
        raise CLIError(f"{output}: cannot write ({exc.strerror or exc})") from None
    events = body.count(b"BEGIN:VEVENT")
    err_console.print(f"Wrote {events} events to {output}.", highlight=False)
