"""`pmpath match`: a posting's match against your resume, your postings ranked, and the
evaluation harness."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from pmpath.cli._django import CLIError, console, print_json, user_or_only_user

app = typer.Typer(help="Match your resume against postings.", no_args_is_help=True)

USER = typer.Option(None, "--user", help="Whose resume and postings (the only user's).")


def _candidate(user: Any) -> Any:
    from pmpath.matching import queries

    who = queries.candidate(user)
    if who is None:
        raise CLIError("no resume yet: import one with `pmpath resume import FILE`")
    return who


@app.command("score")
def score(
    posting_id: int = typer.Argument(..., help="The posting's id (see `pmpath jobs postings`)."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole match as JSON."),
    username: str | None = USER,
) -> None:
    """A posting's match: the score, each part with its weight, what your resume shows, the
    gaps, and wording suggestions."""
    user = user_or_only_user(username)
    from pmpath.matching import services

    match = services.score_posting(user, _candidate(user), posting_id)
    if match is None:
        raise CLIError(f"posting {posting_id}: no such posting of yours")
    if as_json:
        print_json(asdict(match))
        return
    console.print(f"[bold]Match: {match.score}/100[/]")
    table = Table("Part", "Points", "Weight", "Why")
    for part in match.parts:
        table.add_row(escape(part.label), f"{part.points:g}", f"{part.weight:g}", escape(part.why))
    console.print(table)
    for shown in match.shown:
        console.print(
            f"[green]shown[/] {escape(shown.requirement.name)}: "
            f"“{escape(shown.line.text)}” ({shown.line.where})"
        )
    for gap in match.missing:
        kind = "required" if gap.required else "nice to have"
        console.print(f"[yellow]gap[/] {escape(gap.name)} ({kind})")
    for diff in match.wording:
        console.print(f"[cyan]wording[/] {escape(diff.suggestion)} ({diff.line.where})")


@app.command("rank")
def rank(
    top: int = typer.Option(20, "--top", min=1, max=200, help="How many postings to show."),
    as_json: bool = typer.Option(False, "--json", help="Print the ranking as JSON."),
    level: str = typer.Option("", "--level", help="apm, pm, senior_pm, lead_pm or director."),
    remote: bool = typer.Option(False, "--remote", help="Remote roles only."),
    location: str = typer.Option("", "--location", help="Location contains (remote ones pass)."),
    salary_floor: float | None = typer.Option(None, "--salary-floor", help="Yearly minimum."),
    every_family: bool = typer.Option(False, "--all-roles", help="Include roles that are not PM."),
    inbox: bool = typer.Option(False, "--inbox", help="Only the watchlist inbox."),
    username: str | None = USER,
) -> None:
    """Your postings ranked by how well your resume matches them, with the reasons."""
    from pmpath.matching import queries
    from pmpath.matching.types import LEVEL_ORDER

    if level and level not in LEVEL_ORDER:
        raise CLIError(f"--level: {level!r} is not one of {', '.join(LEVEL_ORDER)}")
    user = user_or_only_user(username)
    _candidate(user)
    filters = queries.filters_from(
        level=level,
        remote=remote,
        location=location,
        salary_floor=salary_floor,
        every_family=every_family,
    )
    found = queries.best_matches(user, filters, top=top, inbox=inbox)
    rows: list[dict[str, Any]] = [
        {
            "posting_id": row.ranked.posting_id,
            "score": row.ranked.score,
            "title": row.posting.title,
            "company": row.posting.company.name if row.posting.company else "",
            "location": row.posting.location,
            "reasons": list(row.ranked.reasons),
        }
        for row in found.rows
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print(f"No posting matches these filters ({found.indexed} ranked).")
        return
    table = Table("Score", "Id", "Role", "Company", "Why")
    for row in rows:
        table.add_row(
            str(row["score"]),
            str(row["posting_id"]),
            escape(row["title"]),
            escape(row["company"]),
            escape("; ".join(row["reasons"])),
        )
    console.print(table)


@app.command("eval")
def evaluate(
    file: Path = typer.Argument(
        ..., help="A labelled set in the dev set's format (pmpath/matching/data/devset.yaml)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    taxonomy_file: Path | None = typer.Option(
        None, "--taxonomy", help="Another taxonomy file (the shipped one by default)."
    ),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        help="Date that open-ended jobs run to, YYYY-MM-DD (default: the set's as_of, else "
        "today). Fix it to reproduce figures.",
    ),
) -> None:
    """nDCG@10, MAP and recall@50 of the engine and of two baselines (BM25, keyword overlap)
    on a labelled set, computed in the same run."""
    from pmpath.matching.evaluation import RELEVANT, DevsetError, evaluate, load_devset
    from pmpath.matching.taxonomy import TaxonomyError, load_taxonomy

    try:
        today = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise CLIError(f"--as-of: {as_of!r} is not a date (YYYY-MM-DD)") from None
    try:
        taxonomy = load_taxonomy(taxonomy_file)
        report = evaluate(load_devset(file, today=today), taxonomy)
    except (DevsetError, TaxonomyError) as exc:
        raise CLIError(str(exc)) from None
    if as_json:
        print_json(report.as_dict())
        return
    console.print(
        f"{report.profiles} profiles x {report.postings} postings; relevant = grade ≥ "
        f"{RELEVANT} (for MAP and recall); nDCG gain 2^grade - 1; dates as of "
        f"{report.as_of.isoformat()}.",
        highlight=False,
    )
    table = Table("Method", "nDCG@10", "MAP", "Recall@50")
    names = {
        "engine": "pmpath engine",
        "bm25": "BM25 (bm25s)",
        "keyword_overlap": "Keyword overlap",
    }
    for method, scores in report.methods.items():
        table.add_row(
            names[method], f"{scores.ndcg10:.3f}", f"{scores.map:.3f}", f"{scores.recall50:.3f}"
        )
    margin = report.margin
    table.add_row("[bold]engine - best baseline[/]", *(f"{margin[k]:+.3f}" for k in margin))
    console.print(table)
