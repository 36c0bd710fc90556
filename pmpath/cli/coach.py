"""`pmpath coach`: what the coach noticed and the week's next actions, as text or JSON."""

from __future__ import annotations

import typer

from pmpath.cli._django import console, print_json, user_or_only_user


def coach(
    json_output: bool = typer.Option(
        False, "--json", help="A JSON object with findings and next_actions (and snoozed ones)."
    ),
    user: str | None = typer.Option(None, "--user", help="Whose coach (the only user's)."),
) -> None:
    """The coach's findings (common mistakes seen in your data, each with its evidence and one
    next action) and this week's most valuable actions, each with a link."""
    account = user_or_only_user(user, whose="coach")
    from pmpath.coach import queries

    report = queries.coach(account, compute_scores=True)
    data = queries.as_dict(report)
    if json_output:
        print_json(data)
        return
    console.print(f"[bold]Next actions[/] ({len(data['next_actions'])})", highlight=False)
    if not data["next_actions"]:
        console.print("  Nothing pressing this week.")
    for i, a in enumerate(data["next_actions"], 1):
        when = f" [dim]({a['when']})[/]" if a["when"] else ""
        console.print(f"  {i}. {a['title']}{when}", highlight=False)
        console.print(f"     {a['why']}  [dim]{a['link']}[/]", highlight=False)
    console.print(f"\n[bold]The coach noticed[/] ({len(data['findings'])})", highlight=False)
    if not data["findings"]:
        console.print("  Nothing to flag right now.")
    for f in data["findings"]:
        console.print(f"  • {f['title']} [dim]({f['mistake_name']})[/]", highlight=False)
        console.print(f"    {f['evidence']}", highlight=False)
        console.print(f"    Next: {f['action']}  [dim]{f['link']}[/]", highlight=False)
    if data["snoozed"] or data["dismissed"]:
        console.print(
            f"\n[dim]{len(data['snoozed'])} snoozed, {len(data['dismissed'])} dismissed "
            "(see the coach page).[/]"
        )


def register(app: typer.Typer) -> None:
    app.command("coach")(coach)
