"""The `pmpath` command. Each area adds a group; every command is a thin adapter over the same
services and queries as the web pages."""

from __future__ import annotations

import sys

import typer

from pmpath import __version__
from pmpath.cli import (
    bench,
    calendar,
    career,
    feeds,
    interview,
    jobs,
    match,
    network,
    portfolio,
    system,
    users,
)
from pmpath.cli import coach as coach_cli
from pmpath.cli import data as data_cli
from pmpath.cli import resume as resume_cli
from pmpath.cli._django import CLIError, err_console

app = typer.Typer(
    name="pmpath",
    help="pmpath: your product-manager job search, on your own machine.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
)
system.register(app)
data_cli.register(app, users.app)
coach_cli.register(app)
app.add_typer(users.app, name="users")
app.add_typer(career.ladder_app, name="ladder")
app.add_typer(career.profile_app, name="profile")
app.add_typer(career.career_app, name="career")
app.add_typer(career.resources_app, name="resources")
app.add_typer(jobs.app, name="jobs")
app.add_typer(network.app, name="network")
app.add_typer(calendar.app, name="calendar")
app.add_typer(interview.app, name="interview")
app.add_typer(portfolio.app, name="portfolio")
app.add_typer(match.app, name="match")
app.add_typer(resume_cli.app, name="resume")
app.add_typer(feeds.app, name="feeds")
app.add_typer(bench.app, name="bench")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pmpath {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """pmpath: your product-manager job search, on your own machine."""


def run() -> None:
    from pmpath.core.env import ConfigError
    from pmpath.core.knowledge import KnowledgeError

    try:
        app()
    except (CLIError, ConfigError, KnowledgeError) as exc:
        err_console.print(f"[bold red]pmpath: error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    run()
