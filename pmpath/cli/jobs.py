"""`pmpath jobs` and `pmpath calendar`: postings, imports, the classifier, the pipeline."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pmpath.cli import watch
from pmpath.cli._django import CLIError, console, err_console, get_user, print_json

app = typer.Typer(help="Find, import and track PM roles.", no_args_is_help=True)
app.add_typer(watch.app, name="watch")


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


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A Rich progress bar on standard error (standard output stays clean for --json), drawn
    only when there is more than one posting to store."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task: Any = None

        def update(done: int, total: int) -> None:
            nonlocal task
            if total < 2:
                return
            if task is None:
                task = bar.add_task(label, total=total)
            bar.update(task, completed=done)

        yield update


def report(outcome: Any, as_json: bool) -> None:
    """Print an import's outcome; exit 1 when nothing was imported."""
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
        console.print(escape(outcome.headline), highlight=False)
        if outcome.missing:
            missing = ", ".join(outcome.missing)
            console.print(f"  The page's JobPosting markup lacks: {missing}.", highlight=False)
        for p in problems:
            where = escape(f"{p['position']} {p['field']}".strip())
            console.print(f"  [yellow]{where}:[/] {escape(p['message'])}", highlight=False)
    if not outcome.postings:
        raise typer.Exit(1)


@app.command("import")
def import_file(
    source: str = typer.Argument(
        ...,
        metavar="URL|FILE",
        help="A job page's address (https://...), a saved job page (.html), a postings CSV, "
        "or a .txt.",
    ),
    user: str = typer.Option(..., "--user", help="Whose postings."),
    as_json: bool = typer.Option(False, "--json", help="Print the outcome as JSON."),
) -> None:
    """Import postings from a job page's address or a file (atomic: every posting that
    reads, or nothing on failure)."""
    account = get_user(user)
    from pmpath.jobs import imports
    from pmpath.jobs.services import JobsError

    if source.lower().startswith(("http://", "https://")):
        try:
            outcome = imports.import_url(account, source)
        except JobsError as exc:
            raise CLIError(str(exc).removeprefix("url: ")) from None
        report(outcome, as_json)
        return
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CLIError(f"{path}: cannot read ({exc.strerror})") from None
    if len(data) > 20 * 1024 * 1024:
        raise CLIError(f"{path}: {len(data) // 1024 // 1024} MB is over the 20 MB limit")
    if path.suffix.lower() == ".txt":
        outcome = imports.import_text(account, data.decode("utf-8", errors="replace"))
    else:
        with progress_bar(f"Importing {path.name}") as progress:
            outcome = imports.import_file(account, path.name, data, progress=progress)
    report(outcome, as_json)


@app.command("board")
def import_board(
    board: str = typer.Argument(
        ...,
        metavar="KIND:NAME",
        help="greenhouse:TOKEN, lever:SITE, ashby:NAME, smartrecruiters:ID or workable:NAME "
        "(or the board's own address).",
    ),
    user: str = typer.Option(..., "--user", help="Whose postings."),
    company: str = typer.Option("", "--company", help="The employer's name, if not the board's."),
    as_json: bool = typer.Option(False, "--json", help="Print the outcome as JSON."),
) -> None:
    """Import every job on a company's public job board (atomic; importing again updates
    in place)."""
    account = get_user(user)
    from pmpath.jobs import boards_service
    from pmpath.jobs.services import JobsError

    try:
        kind, name = boards_service.parse_spec(board)
        with progress_bar(f"Importing {kind}:{name}") as progress:
            outcome = boards_service.import_board(
                account, kind, name, company=company, progress=progress
            )
    except JobsError as exc:
        raise CLIError(str(exc)) from None
    report(outcome, as_json)


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
    what: str = typer.Option("postings", "--what", help="postings or applications"),
) -> None:
    """Export postings or applications to standard output. Postings CSV re-imports with
    `pmpath jobs import`, applications CSV with `pmpath jobs import-applications`."""
    if fmt not in ("csv", "json"):
        raise CLIError(f"--format must be csv or json, not {fmt!r}")
    if what not in ("postings", "applications"):
        raise CLIError(f"--what must be postings or applications, not {what!r}")
    account = get_user(user)
    if what == "applications":
        from pmpath.jobs import transfer

        if fmt == "csv":
            sys.stdout.write(transfer.export_applications_csv(account))
        else:
            print_json(transfer.export_applications_json(account))
        return
    from pmpath.jobs import imports

    if fmt == "csv":
        sys.stdout.write(imports.export_postings_csv(account))
    else:
        list_postings(user=user, limit=1_000_000, as_json=True)


@app.command("import-applications")
def import_applications(
    path: Path = typer.Argument(..., help="An applications CSV (see the template on the page)."),
    user: str = typer.Option(..., "--user", help="Whose applications."),
    as_json: bool = typer.Option(False, "--json", help="Print the outcome as JSON."),
) -> None:
    """Import applications from a CSV: atomic, and importing the same file twice changes
    nothing (rows match on company, role and applied date)."""
    account = get_user(user)
    from pmpath.jobs import transfer

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CLIError(f"{path}: cannot read ({exc.strerror})") from None
    if len(data) > 20 * 1024 * 1024:
        raise CLIError(f"{path}: {len(data) // 1024 // 1024} MB is over the 20 MB limit")
    outcome = transfer.import_applications(account, path.name, data)
    problems = [vars(p) for p in outcome.problems]
    if as_json:
        print_json(
            {
                "summary": outcome.headline,
                "created": outcome.created,
                "updated": outcome.updated,
                "unchanged": outcome.unchanged,
                "problems": problems,
            }
        )
    else:
        console.print(outcome.headline, highlight=False, markup=False)
        for p in problems:
            where = f"{p['position']} {p['field']}".strip()
            console.print(f"  {where}: {p['message']}", highlight=False, markup=False)
    if not outcome.total:
        raise typer.Exit(1)


@app.command("funnel")
def funnel(
    user: str = typer.Option(..., "--user"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The funnel: per stage, how many reached it, how many went on, median days in it; and
    the response rate by source. Definitions: the Funnel section of the Jobs page."""
    account = get_user(user)
    from pmpath.jobs import queries

    result = queries.funnel(account)
    stages = [
        {
            "stage": r.stage.name,
            "outcome": r.stage.outcome,
            "on_path": r.on_path,
            "reached": r.reached,
            "now": r.now,
            "next_stage": r.next_stage.name if r.next_stage else None,
            "conversion": r.conversion,
            "median_days": r.median_days,
        }
        for r in result.stages
    ]
    sources = [
        {"source": s.source, "sent": s.sent, "responded": s.responded, "rate": s.rate}
        for s in result.sources
    ]
    if as_json:
        print_json(
            {
                "applications": result.applications,
                "sent": result.sent,
                "responded": result.responded,
                "response_rate": result.response_rate,
                "stages": stages,
                "sources": sources,
            }
        )
        return

    def pct(value: float | None) -> str:
        return "" if value is None else f"{100 * value:.0f}%"

    table = Table("Stage")
    for heading in ("Reached", "Now", "On to next", "Median days"):
        table.add_column(heading, justify="right")
    for r in result.stages:
        median = "" if r.median_days is None else str(r.median_days)
        name = r.stage.name if r.on_path else f"{r.stage.name} (closed)"
        table.add_row(escape(name), str(r.reached), str(r.now), pct(r.conversion), median)
    console.print(table)
    rate = pct(result.response_rate) or "no applications sent yet"
    console.print(f"Responses: {result.responded} of {result.sent} sent ({rate})", markup=False)
    for s in result.sources[:10]:
        console.print(f"  {s.source}: {s.responded}/{s.sent} {pct(s.rate)}", markup=False)
