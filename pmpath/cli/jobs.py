"""`pmpath jobs` and `pmpath calendar`: postings, imports, the classifier, the pipeline."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from pmpath.cli._django import CLIError, console, get_user, print_json

app = typer.Typer(help="Find, import and track PM roles.", no_args_is_help=True)


@app.command("classify")
def classify_titles(
    titles: list[str] = typer.Argument(None, help="Job titles to classify."),
    file: Path | None = typer.Option(None, "--file", help="Read one title per line ('-' = stdin)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line per title."),
) -> None:
    """Say whether each title is a PM role, and at which level."""
    from pmpath.jobs.classify import classify

    items = list(titles or [])
    if file is not None:
        try:
            text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CLIError(f"{file}: cannot read ({exc})") from None
        items += [line.strip() for line in text.splitlines() if line.strip()]
    if not items:
        raise CLIError("give titles as arguments or --file FILE")
    table = Table("Title", "Family", "Level", "Confidence")
    for title in items:
        verdict = classify(title)
        row = {
            "title": title,
            "family": verdict.family,
            "level": verdict.level,
            "confidence": round(verdict.confidence, 2),
        }
        if as_json:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            table.add_row(title, verdict.family, verdict.level or "", f"{verdict.confidence:.2f}")
    if not as_json:
        console.print(table)


@app.command("import")
def import_file(
    path: Path = typer.Argument(..., help="A saved job page (.html), a postings CSV, or a .txt."),
    user: str = typer.Option(..., "--user", help="Whose postings."),
    as_json: bool = typer.Option(False, "--json", help="Print the outcome as JSON."),
) -> None:
    """Import postings from a file (atomic: all rows that parse, or nothing on failure)."""
    account = get_user(user)
    from pmpath.jobs import imports

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CLIError(f"{path}: cannot read ({exc.strerror})") from None
    if len(data) > 20 * 1024 * 1024:
        raise CLIError(f"{path}: {len(data) // 1024 // 1024} MB is over the 20 MB limit")
    if path.suffix.lower() == ".txt":
        outcome = imports.import_text(account, data.decode("utf-8", errors="replace"))
    else:
        outcome = imports.import_file(account, path.name, data)
    problems = [
        {"position": p.position, "field": p.field, "message": p.message} for p in outcome.problems
    ]
    if as_json:
        print_json(
            {
                "summary": outcome.headline,
                "postings": [p.pk for p in outcome.postings],
                "problems": problems,
                "missing": outcome.missing,
            }
        )
    else:
        console.print(outcome.headline, highlight=False)
        for p in problems:
            where = f"{p['position']} {p['field']}".strip()
            console.print(f"  [yellow]{where}:[/] {p['message']}", highlight=False)
    if not outcome.postings:
        raise typer.Exit(1)


@app.command("list")
def list_postings(
    user: str = typer.Option(..., "--user"),
    limit: int = typer.Option(50, "--limit", min=1, max=100_000),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List postings, newest first."""
    account = get_user(user)
    from pmpath.jobs import queries

    rows = list(queries.postings(account)[:limit])
    data = [
        {
            "id": p.pk,
            "title": p.title,
            "company": p.company.name if p.company else "",
            "location": p.location,
            "workplace": p.workplace,
            "salary_min": str(p.salary_min) if p.salary_min is not None else None,
            "salary_max": str(p.salary_max) if p.salary_max is not None else None,
            "salary_currency": p.salary_currency,
            "salary_interval": p.salary_interval,
            "family": p.family,
            "level": p.level,
            "source": p.source,
            "posted_on": p.posted_on.isoformat() if p.posted_on else None,
        }
        for p in rows
    ]
    if as_json:
        print_json(data)
        return
    table = Table("Id", "Title", "Company", "Location", "Salary", "Source")
    for p, row in zip(rows, data, strict=True):
        table.add_row(str(p.pk), p.title, row["company"], p.location, p.salary_display, p.source)
    console.print(table)


@app.command("applications")
def list_applications(
    user: str = typer.Option(..., "--user"),
    archived: bool = typer.Option(False, "--archived", help="Show archived ones instead."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List applications with their stage, most recently moved first."""
    account = get_user(user)
    from pmpath.jobs import queries

    rows = list(queries.applications(account, archived=archived))
    data = [
        {
            "id": a.pk,
            "role": a.role_title,
            "company": a.company.name if a.company else "",
            "stage": a.stage.name,
            "applied_on": a.applied_on.isoformat() if a.applied_on else None,
            "next_action": a.next_action,
            "next_action_due": a.next_action_due.isoformat() if a.next_action_due else None,
            "stage_changed_at": a.stage_changed_at.isoformat(),
        }
        for a in rows
    ]
    if as_json:
        print_json(data)
        return
    table = Table("Id", "Role", "Company", "Stage", "Applied", "Next action")
    for row in data:
        table.add_row(
            str(row["id"]),
            row["role"],
            row["company"],
            row["stage"],
            row["applied_on"] or "",
            row["next_action"],
        )
    console.print(table)


@app.command("export")
def export(
    user: str = typer.Option(..., "--user"),
    fmt: str = typer.Option("csv", "--format", help="csv or json"),
) -> None:
    """Export postings to standard output (CSV re-imports with `pmpath jobs import`)."""
    account = get_user(user)
    from pmpath.jobs import imports

    if fmt == "csv":
        sys.stdout.write(imports.export_postings_csv(account))
    elif fmt == "json":
        list_postings(user=user, limit=1_000_000, as_json=True)
    else:
        raise CLIError(f"--format must be csv or json, not {fmt!r}")
