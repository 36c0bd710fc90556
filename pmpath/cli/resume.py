"""`pmpath resume`: import a resume file (JSON Resume, LinkedIn export, PDF, Word, text) and
export the resume or a tailored version as JSON Resume, printable HTML or PDF."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from pmpath.cli._django import CLIError, console, err_console, user_or_only_user

app = typer.Typer(help="Your resume: import and export.", no_args_is_help=True)

MAX_SHOWN = 50


def _user(username: str | None) -> Any:
    return user_or_only_user(username, whose="resume")


@app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="A .json, LinkedIn .zip/.csv, .pdf, .docx or .txt."),
    user: str | None = typer.Option(None, "--user", help="Whose resume (the only user's)."),
    confirm: str = typer.Option(
        "",
        "--confirm",
        help="For PDF, Word and text: store what was found right away, merged into the resume "
        "(merge) or replacing it (replace), instead of leaving a draft to review.",
    ),
) -> None:
    """Import a resume file. PDF, Word and text files become a draft to review on the Resume
    page, unless --confirm merge|replace is given."""
    if confirm not in ("", "merge", "replace"):
        raise CLIError(f"--confirm: {confirm!r} is not a choice; use merge or replace")
    if not file.is_file():
        raise CLIError(f"{file}: no such file")
    from pmpath.matching import resume_services
    from pmpath.matching.resume_services import MAX_UPLOAD_BYTES, ImportProblem, ResumeError
    from pmpath.network.importers.linkedin import size

    if file.stat().st_size > MAX_UPLOAD_BYTES:  # refused before it is read
        raise CLIError(
            f"{file.name}: the file is {size(file.stat().st_size)}; the limit is "
            f"{size(MAX_UPLOAD_BYTES)}"
        )
    account = _user(user)
    try:
        result = resume_services.import_file(account, filename=file.name, data=file.read_bytes())
        if result.draft and confirm:
            resume_services.confirm_draft(account, mode=confirm)
    except ImportProblem as problem:
        raise CLIError(str(problem)) from None
    except ResumeError as error:
        for found in error.errors[:MAX_SHOWN]:
            err_console.print(f"  {found}", highlight=False, soft_wrap=True)
        if len(error.errors) > MAX_SHOWN:
            err_console.print(f"  … and {len(error.errors) - MAX_SHOWN} more")
        raise CLIError(error.message) from None
    for warning in result.problems[:MAX_SHOWN]:
        err_console.print(f"  {warning.where}: {warning.message}", highlight=False)
    if result.draft and confirm:
        console.print(f"Imported {file.name} into your resume ({confirm}).", highlight=False)
    elif result.draft:
        console.print(result.headline.replace("Review the draft", "Review it on the Resume page"),
                      highlight=False)  # fmt: skip
        console.print("Or store it now: pmpath resume import FILE --confirm merge")
    else:
        console.print(result.headline, highlight=False)


@app.command("export")
def export_command(
    format: str = typer.Option(
        "json-resume", "--format", help="json-resume, html (printable) or pdf."
    ),
    version: str | None = typer.Option(
        None, "--version", help="A tailored version's name (default: the resume itself)."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="The file to write (JSON and HTML go to standard output without it)."
    ),
    user: str | None = typer.Option(None, "--user", help="Whose resume (the only user's)."),
) -> None:
    """Export the resume, or one tailored version, as JSON Resume, printable HTML or PDF."""
    from pmpath.matching.resume_export import CLI_FORMATS

    fmt = CLI_FORMATS.get(format)
    if fmt is None:
        raise CLIError(f"--format: {format!r} is not a format; use json-resume, html or pdf")
    if out is None and fmt == "pdf":
        raise CLIError("--out: give a file for the PDF, e.g. --out resume.pdf")
    if out is not None and out.is_dir():
        raise CLIError(f"--out: {out} is a folder; give a file name, e.g. {out / 'resume.pdf'}")
    if out is not None and not out.parent.exists():
        raise CLIError(f"--out: the folder {out.parent} does not exist")
    account = _user(user)
    from pmpath.matching import resume_export, resume_queries
    from pmpath.matching.resume import documents

    if version:
        found = resume_queries.version_by_name(account, version)
        if found is None:
            raise CLIError(f"--version: no tailored version named {version!r}")
        document, name = found.data, found.name
    else:
        document = resume_queries.document_of(account)
        if documents.is_empty(document):
            raise CLIError("the resume is empty: import one with `pmpath resume import FILE`")
        basics = documents.basics_of(document)
        name = basics.get("name") or "resume"
    try:
        data = resume_export.render(document, fmt, title=name)
    except resume_export.ExportError as exc:
        raise CLIError(f"the export could not be made: {exc}") from None
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise CLIError(f"--out: cannot write {out}: {exc.strerror or exc}") from None
    console.print(
        f"Wrote {name} as {format} to {out} ({len(data) / 1024:.0f} KB).", highlight=False
    )
