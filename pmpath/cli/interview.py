"""`pmpath interview`: the question bank, its import and export (and, from other modules of the
interview area, practice and feedback)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from pmpath.cli._django import (
    CLIError,
    console,
    ensure_database,
    err_console,
    get_user,
    print_json,
    user_or_only_user,
)

app = typer.Typer(help="Interview practice: the question bank and its files.", no_args_is_help=True)


def _user_or_only_user(username: str | None) -> Any:
    return user_or_only_user(username, whose="questions")


def _question_row(q: Any) -> dict[str, Any]:
    return {
        "id": q.pk,
        "key": q.key,
        "own": q.owner_id is not None,
        "text": q.text,
        "category": q.category,
        "difficulty": q.difficulty,
        "levels": q.levels,
        "skills": q.skills,
        "themes": q.themes,
        "company": q.company,
        "framework": q.framework,
        "time_limit_seconds": q.time_limit_seconds,
    }


@app.command("questions")
def questions(
    category: str = typer.Option("", "--category", help="Only this category, e.g. behavioural."),
    level: str = typer.Option("", "--level", help="Only questions suiting this level, e.g. pm."),
    search: str = typer.Option("", "--search", help="Words the question contains."),
    user: str | None = typer.Option(
        None, "--user", help="Include this user's own questions (default: the shipped bank)."
    ),
    limit: int = typer.Option(1000, "--limit", min=1, max=100_000),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List questions in the bank, by category and difficulty."""
    from pmpath.interview.knowledge import CATEGORIES, LEVELS

    if category and category not in CATEGORIES:
        raise CLIError(f"--category: {category!r} is not one of {', '.join(CATEGORIES)}")
    if level and level not in LEVELS:
        raise CLIError(f"--level: {level!r} is not one of {', '.join(LEVELS)}")
    account = get_user(user) if user else None
    ensure_database()
    from pmpath.interview import bank_queries

    rows = bank_queries.questions(account, category=category, level=level, search=search)
    data = [_question_row(q) for q in rows[:limit]]
    if as_json:
        print_json(data)
        return
    if not data:
        console.print(
            "No questions match."
            if category or level or search
            else "The bank is empty: run `pmpath setup`."
        )
        return
    table = Table("Id", "Category", "Diff.", "Levels", "Question")
    for row in data:
        mine = " [dim](mine)[/]" if row["own"] else ""
        table.add_row(
            str(row["id"]),
            row["category"],
            str(row["difficulty"]),
            ", ".join(row["levels"]),
            escape(row["text"]) + mine,
        )
    console.print(table)


@app.command("import")
def import_file(
    file: Path = typer.Argument(..., help="A .csv, .json or .md file of questions ('-' = stdin)."),
    user: str | None = typer.Option(None, "--user", help="Whose questions (the only user's)."),
    fmt: str = typer.Option("", "--format", help="csv, json or md (default: from the file name)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Import questions into a user's own questions. Importing the same file twice changes
    nothing; rows matching a shipped question are skipped; bad rows are named and skipped."""
    account = _user_or_only_user(user)
    if fmt and fmt not in {"csv", "json", "md"}:
        raise CLIError(f"--format: {fmt!r} is not one of csv, json, md")
    try:
        data = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
    except OSError as exc:
        raise CLIError(f"{file}: cannot read ({exc.strerror or exc})") from None
    from pmpath.interview import bank_services

    name = "standard input" if str(file) == "-" else file.name
    report = bank_services.import_questions(account, name, data, fmt=fmt)
    if as_json:
        print_json(report.as_dict())
        return
    console.print(report.headline, highlight=False)
    if report.suggested:
        console.print(
            f"  categories suggested from the text for {len(report.suggested)}: "
            + ", ".join(report.suggested[:10])
            + (", …" if len(report.suggested) > 10 else ""),
            highlight=False,
        )
    for p in report.problems:
        where = f"{p.position}" + (f" · {p.field}" if p.field else "")
        err_console.print(f"  {escape(where)}: {escape(p.message)}", highlight=False)


@app.command("export")
def export(
    fmt: str = typer.Option("csv", "--format", help="csv, json or md."),
    user: str | None = typer.Option(
        None, "--user", help="Everything this user sees (default: the shipped bank)."
    ),
    own: bool = typer.Option(False, "--own", help="Only the user's own questions."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file instead of standard output."
    ),
) -> None:
    """Export the question bank as CSV, JSON or Markdown."""
    if fmt not in {"csv", "json", "md"}:
        raise CLIError(f"--format: {fmt!r} is not one of csv, json, md")
    if own and not user:
        raise CLIError("--own needs --user USERNAME")
    account = get_user(user) if user else None
    ensure_database()
    from pmpath.interview import bank_services

    body = bank_services.export_questions(account, fmt=fmt, own_only=own)
    if output is None:
        sys.stdout.write(body)
        return
    try:
        output.write_text(body, encoding="utf-8")
    except OSError as exc:
        raise CLIError(f"{output}: cannot write ({exc.strerror or exc})") from None
    err_console.print(f"Wrote {output}.", highlight=False)


# `pmpath interview feedback` lives in its own module (the feedback engine's adapter).
from pmpath.cli import interview_feedback  # noqa: E402

interview_feedback.register(app)

from pmpath.cli import interview_practice  # noqa: E402

interview_practice.register(app)
