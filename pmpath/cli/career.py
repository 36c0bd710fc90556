"""`pmpath ladder` and `pmpath profile`: the career ladder and the candidate's profile."""

from __future__ import annotations

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
