"""`pmpath interview practice`: a timed practice session in the terminal. It shows a question
(today's queue first), reads a multi-line answer until a line with a single ".", scores it with
the feedback engine, shows the parts, and schedules the question from your rating."""

from __future__ import annotations

import time
from typing import Any

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from pmpath.cli._django import CLIError, console

END = "."


def _clock(seconds: float) -> str:
    sign = "-" if seconds < 0 else ""
    minutes, rest = divmod(abs(int(seconds)), 60)
    return f"{sign}{minutes}:{rest:02d}"


def _choose(user: Any, category: str, question_id: int | None) -> Any:
    from pmpath.interview import practice, practice_queries

    if question_id is not None:
        try:
            return practice.visible_question(user, question_id)
        except Exception:  # Http404: not in this user's bank
            raise CLIError(f"--question-id: no question {question_id} in your bank") from None
    level = ""
    profile_level = getattr(_profile(user), "target_level", "")
    if profile_level:
        level = profile_level
    queue = practice_queries.due_queue(user, level=level)
    for item in queue.items:
        if not category or item.question.category == category:
            console.print(f"[dim]{escape(item.reason)}[/]")
            # The queue reads only what it lists of a question: practise the whole of it.
            return practice.visible_question(user, item.question.pk)
    page = practice_queries.picker(user, category=category, level=level)
    if not page.object_list:
        raise CLIError(f"--category: no questions in {category!r} yet (run `pmpath setup`)")
    return page.object_list[0]


def _profile(user: Any) -> Any:
    from pmpath.career import queries as career

    return career.profile_for(user)


def _show_question(question: Any, limit: int) -> None:
    from pmpath.interview import knowledge
    from pmpath.interview.practice_queries import CATEGORY_NAMES

    framework = knowledge.framework_for(question)
    steps = ""
    if framework:
        steps = (
            "\n\n[bold]"
            + escape(framework.name)
            + "[/]: "
            + " → ".join(escape(s.name) for s in framework.steps)
        )
    console.print(
        Panel(
            f"[bold]{escape(question.text)}[/]{steps}",
            title=f"{CATEGORY_NAMES.get(question.category, question.category)} · {limit // 60} min",
            title_align="left",
        )
    )
    console.print(f'Type your answer. End with a line holding a single "{END}".')


def _read_answer(limit: int) -> tuple[str, int]:
    """Lines until a lone '.', each prompted with the time left: the timer of a terminal."""
    started = time.monotonic()
    lines: list[str] = []
    while True:
        left = limit - (time.monotonic() - started)
        style = "red" if left < 0 else ("yellow" if left < 60 else "dim")
        try:
            line = console.input(f"[{style}]{_clock(left)}[/] > ")
        except EOFError:
            break
        if line.strip() == END:
            break
        lines.append(line)
    return "\n".join(lines).strip(), round(time.monotonic() - started)


def _show_feedback(attempt: Any, question: Any) -> None:
    feedback = attempt.feedback or {}
    console.print(
        f"\n[bold]Score: {attempt.score}/100[/]  ({feedback.get('words', 0)} words, "
        f"{_clock(attempt.duration_seconds or 0)})"
    )
    table = Table("Part", "Points", "Why", show_lines=False, expand=True)
    for part in feedback.get("parts", []):
        table.add_row(
            escape(part["name"]),
            f"{part['points']:g}/{part['max']}",
            escape(part["explanation"]),
        )
    console.print(table)
    steps = feedback.get("steps") or {}
    if steps.get("skipped"):
        names = ", ".join(escape(s["name"]) for s in steps["skipped"])
        console.print(f"[yellow]Skipped steps:[/] {names}")
    for tip in feedback.get("suggestions", []):
        console.print(f"• {escape(tip)}")
    if question.strong_answer:
        console.print("\n[bold]A strong answer[/]")
        for point in question.strong_answer:
            console.print(f"  ✓ {escape(point)}")
    if question.pitfalls:
        console.print("[bold]Pitfalls[/]")
        for point in question.pitfalls:
            console.print(f"  ✗ {escape(point)}")


def _rate(user: Any, attempt: Any) -> None:
    from django.utils import timezone

    from pmpath.interview import practice, scheduling
    from pmpath.interview.practice_queries import card_for

    now = timezone.now()
    card = card_for(user, attempt.question)
    preview = scheduling.preview(card.state if card else None, now=now, card_id=attempt.question_id)
    options = "  ".join(
        f"[bold]{r}[/] {name} ({scheduling.describe_interval(preview[r], now)})"
        for r, name in scheduling.RATING_NAMES.items()
    )
    console.print(f"\nHow well did you know it?  {options}")
    names = {name.lower(): r for r, name in scheduling.RATING_NAMES.items()}
    while True:
        try:
            raw = console.input("Rating (1-4) > ").strip().lower()
        except EOFError:
            console.print("[dim]Not rated: rate it later from its feedback page.[/]")
            return
        rating = int(raw) if raw.isdigit() else names.get(raw)
        if rating in scheduling.RATING_NAMES:
            break
        console.print("Type 1, 2, 3 or 4 (or again, hard, good, easy).")
    _attempt, card = practice.rate_attempt(user, attempt_id=attempt.pk, rating=rating, now=now)
    if card is not None:
        when = scheduling.describe_interval(card.due_at, now)
        day = timezone.localtime(card.due_at).strftime("%a %d %b")
        console.print(f"Rated {scheduling.RATING_NAMES[rating]}: next practice {when} ({day}).")


def practice_command(
    category: str = typer.Option("", "--category", help="Practise this category, e.g. estimation."),
    question_id: int | None = typer.Option(None, "--question-id", help="Practise this question."),
    user: str | None = typer.Option(
        None, "--user", help="Whose practice (one-user installs: yours)."
    ),
) -> None:
    """Answer a question against the clock, get feedback, rate it and schedule it."""
    from pmpath.cli.interview import _user_or_only_user
    from pmpath.interview import knowledge, practice
    from pmpath.interview.models import CATEGORIES

    if category and category not in dict(CATEGORIES):
        raise CLIError(f"--category: choose one of {', '.join(k for k, _ in CATEGORIES)}")
    account = _user_or_only_user(user)
    while True:
        question = _choose(account, category, question_id)
        limit = knowledge.time_limit(question)
        _show_question(question, limit)
        answer, seconds = _read_answer(limit)
        if not answer:
            raise CLIError("answer: nothing was written, so nothing was scored")
        try:
            attempt = practice.submit_attempt(
                account, question_id=question.pk, answer=answer, duration_seconds=seconds
            )
        except practice.PracticeError as exc:
            raise CLIError(str(exc)) from None
        _show_feedback(attempt, question)
        _rate(account, attempt)
        if question_id is not None:
            return
        try:
            more = console.input("Another question? (y/N) > ").strip().lower()
        except EOFError:
            return
        if more not in ("y", "yes"):
            return


def register(app: typer.Typer) -> None:
    app.command("practice")(practice_command)
