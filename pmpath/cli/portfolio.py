"""`pmpath portfolio`: export the published case studies as a static website or a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from pmpath.cli._django import CLIError, console, user_or_only_user

app = typer.Typer(help="The portfolio: case studies and their exports.", no_args_is_help=True)


def _user_or_only_user(username: str | None) -> Any:
    return user_or_only_user(username, whose="portfolio")


@app.command("export")
def export_command(
    format: str = typer.Option(
        ..., "--format", help="site (a ZIP of HTML, CSS and images) or pdf."
    ),
    out: Path = typer.Option(..., "--out", help="The file to write, e.g. portfolio.zip."),
    user: str | None = typer.Option(None, "--user", help="Whose portfolio (the only user's)."),
) -> None:
    """Export the published case studies: a static website that opens from disk, or a PDF."""
    if format not in ("site", "pdf"):
        raise CLIError(f"--format: {format!r} is not a format; use site or pdf")
    if out.is_dir():
        raise CLIError(f"--out: {out} is a folder; give a file name, e.g. {out / 'portfolio.zip'}")
    if not out.parent.exists():
        raise CLIError(f"--out: the folder {out.parent} does not exist")
    account = _user_or_only_user(user)
    from pmpath.portfolio import export, queries

    count = queries.published_count(account)
    try:
        data = export.build_site(account) if format == "site" else export.build_pdf(account)
    except export.ExportError as exc:
        raise CLIError(f"the PDF could not be made: {exc}") from None
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise CLIError(f"--out: cannot write {out}: {exc.strerror or exc}") from None
    what = "website (ZIP)" if format == "site" else "PDF"
    plural = "case study" if count == 1 else "case studies"
    console.print(
        f"Wrote the {what} with {count} published {plural} to {out} ({len(data) / 1024:.0f} KB).",
        highlight=False,
    )
    if not count:
        console.print("Nothing is published yet: publish a case study to include it.")
