"""`pmpath ladder`, `pmpath profile`, `pmpath career` and `pmpath resources`: the career ladder,
the candidate's profile, their readiness for a level and learning plan, and the resource
catalogue."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from pmpath.cli._django import CLIError, console, ensure_database, get_user, print_json

ladder_app = typer.Typer(
    help="The PM career ladder: levels, skills, behaviours.", no_args_is_help=True
)
profile_app = typer.Typer(help="The candidate profile.", no_args_is_help=True)


@ladder_app.command("show")
def show(
    level: str | None = typer.Option(None, "--level", help="Only this level (apm, pm, …)."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Show the ladder, or one level's behaviours."""
    ensure_database()
    from pmpath.career import queries

    ladder = queries.ladder()
    if not ladder["levels"]:
        raise CLIError("the ladder is not loaded: run `pmpath setup`")
    if level:
        found = queries.level_or_none(level)
        if found is None:
            keys = ", ".join(lv["key"] for lv in ladder["levels"])
            raise CLIError(f"no level {level!r}; choose one of {keys}")
        ladder = {"competencies": ladder["competencies"], "levels": [found]}
    if as_json:
        print_json(ladder)
        return
    names = {c["key"]: c["name"] for c in ladder["competencies"]}
    if level:
        lv = ladder["levels"][0]
        console.print(f"[bold]{lv['name']}[/] ({lv['short']}, {lv['typical_years']} years)")
        console.print(lv["summary"], highlight=False)
        for key, behaviours in lv["behaviours"].items():
            console.print(f"\n[bold]{names[key]}[/]")
            for text in behaviours:
                console.print(f"  • {text}", highlight=False)
        return
    table = Table("Key", "Level", "Years", "Scope", show_lines=False)
    for lv in ladder["levels"]:
        table.add_row(lv["key"], lv["name"], lv["typical_years"], lv["scope"])
    console.print(table)
    console.print("Show one level's behaviours with `pmpath ladder show --level KEY`.")


@profile_app.command("show")
def profile_show(
    user: str = typer.Option(..., "--user", help="Whose profile."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Show a candidate's profile."""
    account = get_user(user)
    from pmpath.career import queries

    data = queries.profile_as_dict(queries.profile_for(account))
    if as_json:
        print_json(data)
        return
    if data is None:
        console.print(f"{account.username} has not filled in a profile yet.", highlight=False)
        return
    for key, value in data.items():
        if isinstance(value, list):
            value = ", ".join(value)
        console.print(f"[bold]{key.replace('_', ' ')}:[/] {value}", highlight=False)


# --- `pmpath career`: readiness (and the learning plan) ----------------------------------------

career_app = typer.Typer(
    help="Your growth plan: readiness for a level, the learning plan.", no_args_is_help=True
)


def _pct(value: float) -> str:
    return f"{round(value * 100)}%"


@career_app.command("readiness")
def readiness(
    level: str = typer.Option(
        "", "--level", help="apm, pm, senior_pm, lead_pm or director (default: your target)."
    ),
    user: str | None = typer.Option(None, "--user", help="Whose readiness (the only user's)."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Readiness for a level from the latest self-assessment: per skill and overall, the level
    you operate at, and the largest gaps with the behaviours missing."""
    from pmpath.cli.network import _account_or_only_user

    account = _account_or_only_user(user)
    from pmpath.career import assessment_queries as aq

    keys = aq.level_keys()
    if not keys:
        raise CLIError("the ladder is not loaded: run `pmpath setup`")
    if level and level not in keys:
        raise CLIError(f"--level: no level {level!r}; choose one of {', '.join(keys)}")
    assessment, report = aq.report(account, level)
    data = _readiness_data(assessment, report)
    if as_json:
        print_json(data)
        return
    if assessment is None:
        console.print(
            f"{account.username} has no self-assessment yet: rate yourself at /career/assessment/.",
            highlight=False,
        )
        return
    at = data["operates_at"]["name"] if data["operates_at"] else "working towards the first level"
    console.print(f"[bold]Readiness for {report.target.name}[/] (assessed {data['assessed_on']})")
    console.print(f"You operate at: [bold]{at}[/]", highlight=False)
    table = Table("Skill", *[lv["name"] for lv in data["levels"]], "Backed", "Claims")
    for row in data["skills"]:
        table.add_row(
            row["name"],
            *[_pct(row["readiness"][lv["key"]]) for lv in data["levels"]],
            str(row["evidenced"]),
            str(row["claimed"]),
        )
    table.add_row("[bold]Overall[/]", *[_pct(lv["overall"]) for lv in data["levels"]], "", "")
    console.print(table)
    for gap in data["gaps"][:3]:
        console.print(f"\n[bold]{gap['name']}[/] {_pct(gap['readiness'])}", highlight=False)
        for missing in gap["missing"]:
            console.print(f"  • {missing['text']} ({missing['status']})", highlight=False)


def _readiness_data(assessment: Any, report: Any) -> dict[str, Any]:
    window = report.window
    return {
        "target": report.target.key,
        "assessment_id": assessment.pk if assessment else None,
        "assessed_on": assessment.created_at.date().isoformat() if assessment else None,
        "operates_at": (
            {"key": report.operates_at.key, "name": report.operates_at.name}
            if report.operates_at
            else None
        ),
        "ready_for_target": report.ready_for_target,
        "levels": [
            {"key": lr.level.key, "name": lr.level.name, "overall": round(lr.overall, 4)}
            for lr in window
        ],
        "skills": [
            {
                "key": s.skill.key,
                "name": s.skill.name,
                "core": s.skill.core,
                "readiness": {
                    lr.level.key: round(lr.skill(s.skill.key).readiness, 4) for lr in window
                },
                "evidenced": s.evidenced,
                "claimed": s.claimed,
                "position": report.positions.get(s.skill.key, 0.0),
            }
            for s in report.at_target.skills
        ],
        "gaps": [
            {
                "key": g.skill.key,
                "name": g.skill.name,
                "readiness": round(g.readiness, 4),
                "missing": [
                    {"id": m.behaviour.id, "text": m.behaviour.text, "status": m.status}
                    for m in g.missing
                ],
            }
            for g in report.gaps
        ],
    }


@career_app.command("plan")
def plan(
    user: str | None = typer.Option(None, "--user", help="Whose plan (the only user's)."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """The learning plan: resources proposed for your largest gaps (from your latest
    self-assessment, else your background), and what you are enrolled in."""
    from pmpath.cli.network import _account_or_only_user

    account = _account_or_only_user(user)
    from pmpath.career import learning_queries

    data = learning_queries.as_dict(learning_queries.plan(account))
    if as_json:
        print_json(data)
        return
    basis = {
        "assessment": "your latest self-assessment",
        "background": "your background's typical gaps (rate your skills for your own)",
    }
    if data["based_on"] == "none":
        console.print(
            "No plan yet: fill in your profile (background and target level) or rate your "
            "skills at /career/assessment/.",
            highlight=False,
        )
    else:
        console.print(
            f"[bold]Learning plan for {data['target_level']}[/], from {basis[data['based_on']]}"
        )
    for gap in data["gaps"]:
        console.print(f"\n[bold]{gap['reason']}[/]", highlight=False)
        if gap["detail"]:
            console.print(f"  {gap['detail']}", highlight=False, markup=False)
        for item in gap["proposals"]:
            console.print(
                f"  • {item['name']} ({item['kind']}, {item['provider'] or 'unknown provider'}) "
                f"[{item['id']}]",
                highlight=False,
                markup=False,
            )
    if data["enrolments"]:
        table = Table("Resource", "Status", "Progress", "Started", "Completed")
        for e in data["enrolments"]:
            table.add_row(
                e["resource"],
                e["status"],
                f"{e['progress']}%",
                e["started_on"] or "",
                e["completed_on"] or "",
            )
        console.print()
        console.print(table)


# --- `pmpath resources`: the learning catalogue ------------------------------------------------

resources_app = typer.Typer(
    help="The learning resource catalogue: import and export.", no_args_is_help=True
)


@resources_app.command("import")
def resources_import(
    path: Path = typer.Argument(..., help="A CSV or JSON file of resources."),
    user: str | None = typer.Option(
        None, "--user", help="Import as this user's own resources (default: the shared catalogue)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the outcome as JSON."),
) -> None:
    """Import resources, all or nothing: any bad row stops the import and is reported by row
    and column. Importing the same file twice changes nothing."""
    account = get_user(user) if user else None
    ensure_database()
    from pmpath.career.resource_services import ResourceError, import_resources
    from pmpath.career.resource_transfer import MAX_BYTES

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CLIError(f"{path}: cannot read ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise CLIError(f"{path}: {len(data) // 1024} KB is over the 5 MB limit")
    try:
        report = import_resources(account, path.name, data, shared=account is None)
    except ResourceError as exc:
        raise CLIError(str(exc)) from None
    if as_json:
        print_json(report.as_dict())
    else:
        console.print(report.headline, highlight=False, markup=False)
        for problem in report.problems:
            console.print(f"  {problem}", highlight=False, markup=False)
    if not report.ok:
        raise typer.Exit(1)


@resources_app.command("export")
def resources_export(
    fmt: str = typer.Option("csv", "--format", help="csv or json"),
    user: str | None = typer.Option(
        None, "--user", help="Export this user's own resources (default: the shared catalogue)."
    ),
) -> None:
    """Export resources to standard output, in the columns `pmpath resources import` reads."""
    if fmt not in ("csv", "json"):
        raise CLIError(f"--format must be csv or json, not {fmt!r}")
    account = get_user(user) if user else None
    ensure_database()
    from django.utils import timezone

    from pmpath.career.resource_queries import export_rows
    from pmpath.career.resource_transfer import format_csv, format_json

    rows = export_rows(account, scope="mine")
    if fmt == "csv":
        sys.stdout.write(format_csv(rows))
    else:
        sys.stdout.write(format_json(rows, exported_at=timezone.now().isoformat()))
