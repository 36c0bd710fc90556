"""`pmpath network`: contacts, who is due, and the network area's imports and exports."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from pmpath.cli._django import CLIError, console, print_json, user_or_only_user

app = typer.Typer(
    help="Your networking CRM: contacts, staying in touch, imports.", no_args_is_help=True
)


def _contact_row(contact: Any) -> dict[str, Any]:
    return {
        "id": contact.pk,
        "name": contact.name,
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "company": contact.company_name,
        "role": contact.role,
        "email": contact.email,
        "linkedin_url": contact.linkedin_url,
        "tags": [t.name for t in contact.tags.all()],
        "strength": contact.strength,
        "cadence_days": contact.cadence_days,
        "last_touched_on": contact.last_touched_on.isoformat() if contact.last_touched_on else None,
        "next_due_on": contact.next_due_on.isoformat() if contact.next_due_on else None,
    }


@app.command("contacts")
def contacts(
    user: str | None = typer.Option(None, "--user", help="Whose contacts (the only user's)."),
    company: str = typer.Option(
        "", "--company", help="Only people at this company (any of its names)."
    ),
    search: str = typer.Option("", "--search", help="Name, company or role contains these words."),
    limit: int = typer.Option(100, "--limit", min=1, max=100_000),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List contacts by name, with their company, relationship and when they are due."""
    account = _account_or_only_user(user)
    from pmpath.network import contact_queries

    rows = list(contact_queries.contact_list(account, search=search, company=company)[:limit])
    data = [_contact_row(c) for c in rows]
    if as_json:
        print_json(data)
        return
    if not data:
        console.print("No contacts match." if company or search else "No contacts yet.")
        return
    table = Table("Name", "Company", "Role", "Strength", "Last in touch", "Next due")
    for row in data:
        table.add_row(
            row["name"],
            row["company"],
            row["role"],
            str(row["strength"]),
            row["last_touched_on"] or "never",
            row["next_due_on"] or "",
        )
    console.print(table)


@app.command("due")
def due(
    user: str | None = typer.Option(None, "--user", help="Whose contacts (the only user's)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Who to get back in touch with: overdue, then due in the next 7 days."""
    account = _account_or_only_user(user)
    from pmpath.network import queries

    lists = queries.due(account, limit=100)
    data = {
        "overdue": [_contact_row(c) for c in lists.overdue],
        "overdue_total": lists.overdue_total,
        "this_week": [_contact_row(c) for c in lists.this_week],
        "this_week_total": lists.this_week_total,
    }
    if as_json:
        print_json(data)
        return
    if not lists.overdue_total and not lists.this_week_total:
        console.print("Nobody is due in the next 7 days.")
        return
    for title, rows, total in (
        ("Overdue", [_contact_row(c) for c in lists.overdue], lists.overdue_total),
        ("Due this week", [_contact_row(c) for c in lists.this_week], lists.this_week_total),
    ):
        table = Table("Name", "Company", "Due", "Last in touch", title=f"{title} ({total})")
        for row in rows:
            table.add_row(
                row["name"], row["company"], row["next_due_on"], row["last_touched_on"] or "never"
            )
        console.print(table)
        if total > len(rows):
            console.print(f"  and {total - len(rows)} more.", highlight=False)


# --- events -----------------------------------------------------------------------------------


def _account_or_only_user(username: str | None) -> Any:
    return user_or_only_user(username, whose="data")


def _event_row(event: Any) -> dict[str, Any]:
    return {
        "id": event.pk,
        "name": event.name,
        "kind": event.kind,
        "status": event.status,
        "starts_at": event.starts_at.isoformat(),
        "local_start": event.local_start.isoformat(),
        "ends_at": event.ends_at.isoformat() if event.ends_at else None,
        "time_zone": event.time_zone,
        "location": event.location,
        "url": event.url,
        "cost": str(event.cost) if event.cost is not None else None,
        "currency": event.currency,
        "group": event.group.name if event.group else None,
        "people_met": event.met_count,
        "follow_up_on": event.follow_up_on.isoformat() if event.follow_up_on else None,
    }


@app.command("events")
def list_events(
    user: str | None = typer.Option(
        None, "--user", help="Whose events (may be left out when there is one user)."
    ),
    status: str = typer.Option(
        "", "--status", help="Only interested, registered, attended or skipped events."
    ),
    past: bool = typer.Option(False, "--past", help="Past events, newest first, instead."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Upcoming industry events, soonest first, in each event's own time zone."""
    from pmpath.cli._django import CLIError

    if status and status not in ("interested", "registered", "attended", "skipped"):
        raise CLIError(f"--status: {status!r} is not interested, registered, attended or skipped")
    account = _account_or_only_user(user)
    from pmpath.network import event_queries

    page = event_queries.events_page(account, status=status)
    rows = list(page.past.object_list) if past else page.upcoming
    data = [_event_row(e) for e in rows]
    if as_json:
        print_json(data)
        return
    if not data:
        console.print("No past events." if past else "No upcoming events.")
        return
    table = Table("When (local)", "Zone", "Event", "Where", "Status", "Met")
    for event, row in zip(rows, data, strict=True):
        table.add_row(
            event.local_start.strftime("%a %d %b %Y %H:%M"),  # type: ignore[union-attr]
            row["time_zone"],
            row["name"],
            row["location"],
            row["status"],
            str(row["people_met"] or ""),
        )
    console.print(table)


@app.command("import-ics")
def import_ics(
    source: str = typer.Argument(..., help="An .ics file, or an https:// or webcal:// address."),
    user: str | None = typer.Option(
        None, "--user", help="Whose events (may be left out when there is one user)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the outcome as JSON."),
) -> None:
    """Import events from an iCalendar file or address. Importing the same calendar again
    updates the events instead of adding them twice; all or nothing."""
    from pathlib import Path

    from pmpath.cli._django import CLIError

    account = _account_or_only_user(user)
    from pmpath.network import events
    from pmpath.network.services import NetworkError

    try:
        if source.lower().startswith(("http://", "https://", "webcal://")):
            outcome = events.import_ics_url(account, url=source)
        else:
            path = Path(source)
            try:
                size = path.stat().st_size
                if size > events.MAX_ICS_BYTES:
                    raise CLIError(
                        f"{source}: {size // 1024} KB is over the "
                        f"{events.MAX_ICS_BYTES // 1024} KB limit"
                    )
                data = path.read_bytes()
            except OSError as exc:
                raise CLIError(f"{source}: cannot read ({exc.strerror})") from None
            outcome = events.import_ics(account, data=data, name=path.name)
    except NetworkError as exc:
        raise CLIError(str(exc).partition(": ")[2] or str(exc)) from None
    if as_json:
        print_json(
            {
                "summary": outcome.headline,
                "added": outcome.added,
                "updated": outcome.updated,
                "skipped": outcome.skipped,
            }
        )
        return
    console.print(outcome.headline, highlight=False)
    for line in outcome.skipped:
        console.print(f"  [yellow]left out:[/] {line}", highlight=False)


# --- imports and exports (pmpath/network/imports.py) ---------------------------------------


def _read(path: Path) -> bytes:
    from pmpath.network.importers.linkedin import size
    from pmpath.network.imports import MAX_UPLOAD_BYTES

    try:
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            raise CLIError(
                f"{path}: {size(path.stat().st_size)} is over the {size(MAX_UPLOAD_BYTES)} limit"
            )
        return path.read_bytes()
    except OSError as exc:
        raise CLIError(f"{path}: cannot read ({exc.strerror})") from None


def _run_import(
    account: Any, path: Path, *, linkedin_only: bool, force: bool, as_json: bool
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from pmpath.network import imports

    data = _read(path)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=as_json,
    ) as bar:
        task = bar.add_task(f"Importing {path.name}", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        try:
            report = imports.import_file(
                account,
                filename=path.name,
                data=data,
                progress=progress,
                force=force,
                linkedin_only=linkedin_only,
            )
        except imports.ImportProblem as problem:
            raise CLIError(str(problem)) from None
    problems = [
        {"file": p.file, "row": p.row, "field": p.field, "message": p.message, "skipped": p.skipped}
        for p in report.problems
    ]
    if as_json:
        files = [
            {
                "file": f.file,
                "counted": f.noun,
                "added": f.added,
                "updated": f.updated,
                "unchanged": f.unchanged,
                "skipped": f.skipped,
                "new_contacts": f.new_contacts,
            }
            for f in report.files
        ]
        print_json({"summary": report.headline, "files": files, "problems": problems})
        return
    for line in report.headline.split("; "):
        console.print(line, highlight=False)
    if problems:
        table = Table("File", "Row", "Field", "What happened", title=f"Problems ({len(problems)})")
        for p in problems[:50]:
            skipped = "[bold]Skipped:[/] " if p["skipped"] else ""
            table.add_row(p["file"], str(p["row"] or ""), p["field"], skipped + p["message"])
        console.print(table)
        if len(problems) > 50:
            console.print(f"  and {len(problems) - 50} more (see --json).", highlight=False)


@app.command("import-linkedin")
def import_linkedin(
    path: Path = typer.Argument(
        ..., help="LinkedIn's export ZIP, or its Connections.csv, messages.csv or Invitations.csv."
    ),
    user: str | None = typer.Option(None, "--user", help="Whose network (optional with one user)."),
    force: bool = typer.Option(False, "--force", help="Read it again even if imported before."),
    as_json: bool = typer.Option(False, "--json", help="Print the outcome as JSON."),
) -> None:
    """Import a LinkedIn data export: connections, conversations, invitations.

    All or nothing; importing the same export again changes nothing."""
    _run_import(_account_or_only_user(user), path, linkedin_only=True, force=force, as_json=as_json)


@app.command("import")
def import_contacts(
    path: Path = typer.Argument(
        ..., help="A .vcf, a contacts CSV, or anything import-linkedin takes."
    ),
    user: str | None = typer.Option(None, "--user", help="Whose network (optional with one user)."),
    force: bool = typer.Option(False, "--force", help="Read it again even if imported before."),
    as_json: bool = typer.Option(False, "--json", help="Print the outcome as JSON."),
) -> None:
    """Import contacts from a vCard file or a CSV (columns named as in the template)."""
    _run_import(
        _account_or_only_user(user), path, linkedin_only=False, force=force, as_json=as_json
    )


@app.command("export")
def export(
    fmt: str = typer.Option("csv", "--format", help="csv or vcf."),
    user: str | None = typer.Option(None, "--user", help="Whose network (optional with one user)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here, not to stdout."),
) -> None:
    """Every contact as a CSV or a vCard file; either imports back without duplicates."""
    if fmt not in {"csv", "vcf"}:
        raise CLIError(f"--format must be csv or vcf, not {fmt!r}")
    account = _account_or_only_user(user)
    from pmpath.network import imports

    text = imports.export_csv(account) if fmt == "csv" else imports.export_vcf(account)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise CLIError(f"{output}: cannot write ({exc.strerror})") from None
    console.print(f"Wrote {output}.", highlight=False)
