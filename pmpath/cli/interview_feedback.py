"""`pmpath interview feedback`: the automatic feedback on an answer in a file, for a question in
the bank or any question text, and the optional written critique beside it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from pmpath.cli._django import CLIError, bootstrap, console, ensure_database, get_user, print_json


def _read_answer(path: Path) -> str:
    name = "standard input" if str(path) == "-" else str(path)
    try:
        raw = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except OSError as exc:
        raise CLIError(f"--answer-file: {name}: cannot read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CLIError(f"--answer-file: {name} is not UTF-8 text") from None
    if not text.strip():
        raise CLIError(f"--answer-file: {name} is empty: write the answer first")
    return text


def feedback(
    question_id: int | None = typer.Option(
        None, "--question-id", help="A question in the bank (see `pmpath interview questions`)."
    ),
    question: str = typer.Option("", "--question", help="Or any question text, with --category."),
    category: str = typer.Option("", "--category", help="The category of --question."),
    answer_file: Path = typer.Option(
        ..., "--answer-file", help="The answer, Markdown or plain text ('-' = standard input)."
    ),
    user: str | None = typer.Option(
        None, "--user", help="Let --question-id name this user's own questions too."
    ),
    llm: bool = typer.Option(
        True, "--llm/--no-llm", help="Add a language model's critique when one is configured."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON: score, parts, steps, tips."),
) -> None:
    """Score an answer 0-100 and explain every point.

    What each part measures: docs/interview-feedback.md."""
    from pmpath.interview.knowledge import CATEGORIES

    if (question_id is None) == (not question.strip()):
        raise CLIError("give either --question-id ID or --question TEXT --category CATEGORY")
    if question.strip() and not category:
        raise CLIError(f"--question needs --category (one of {', '.join(CATEGORIES)})")
    if question_id is not None and category:
        raise CLIError("--category goes with --question; a bank question has its own")
    if category and category not in CATEGORIES:
        raise CLIError(f"--category: {category!r} is not one of {', '.join(CATEGORIES)}")
    answer = _read_answer(answer_file)
    from pmpath.interview import feedback_service as service

    row = None
    try:
        if question_id is not None:
            account = get_user(user) if user else None
            ensure_database()
            row = service.question_for_feedback(account, question_id)
            result = service.feedback_for(row, answer)
            asked = {"id": row.pk, "text": row.text, "category": row.category}
        else:
            result = service.feedback_for_text(category, question.strip(), answer)
            asked = {"id": None, "text": question.strip(), "category": category}
    except service.FeedbackError as exc:
        # The service names its field; on the command line that is the option to fix.
        field, _, message = str(exc).partition(": ")
        option = {"answer": "answer-file"}.get(field, field)
        raise CLIError(f"--{option}: {message}") from None
    critique = _critique(asked, answer, result, row, llm)

    if as_json:
        data: dict[str, Any] = {"question": asked, **result.to_dict()}
        if critique is not None:
            data["llm_critique"] = critique.to_dict()
        print_json(data)
        return
    _show(asked, result, critique)


def _critique(asked: dict, answer: str, result: Any, row: Any, wanted: bool) -> Any:
    if not wanted:
        return None
    bootstrap()
    from pmpath.interview import llm

    return llm.critique_from_settings(
        question=asked["text"],
        category=asked["category"],
        answer=answer,
        feedback=result,
        model_points=list(getattr(row, "strong_answer", None) or []),
    )


def _show(asked: dict, result: Any, critique: Any) -> None:
    minutes = result.time_limit_seconds / 60
    console.print(
        f"[bold]Score {result.score}/100[/] · {asked['category'].replace('_', ' ')} · "
        f"{result.words} words · {minutes:g}-minute timer",
        highlight=False,
    )
    console.print(escape(asked["text"]), style="dim", highlight=False)
    table = Table("Part", "Points", "Why", show_lines=True)
    for part in result.parts:
        why = escape(part.explanation)
        for quote in part.evidence[:3]:
            why += f"\n[dim]“{escape(quote)}”[/]"
        table.add_row(part.name, f"{part.points:g}/{part.max}", why)
    console.print(table)
    skipped = [s.name for s in result.steps if not s.covered]
    if skipped:
        console.print(f"[bold]Steps skipped:[/] {escape(', '.join(skipped))}", highlight=False)
    console.print("[bold]Next time:[/]")
    for tip in result.suggestions:
        console.print(f"  • {escape(tip)}", highlight=False)
    if critique is not None:
        if critique.ok:
            console.print(f"\n[bold]Written critique[/] ({escape(critique.model)}):")
            console.print(escape(critique.text), highlight=False)
        else:
            console.print(f"\n[dim]No written critique: {escape(critique.text)}.[/]")


def register(app: typer.Typer) -> None:
    app.command("feedback")(feedback)
