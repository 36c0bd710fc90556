"""Writes for the candidate's resume: the profile document (edited a section at a time or
whole, imported from JSON Resume, LinkedIn or a PDF/DOCX/text draft the candidate confirms)
and its tailored versions.

Every write validates the whole document against the JSON Resume schema before it is stored,
keeps Resume.checksum (sha256 of the canonical JSON, which the match engine keys its scores
on) in step with it, and runs in one transaction. Imports are bounded before parsing, atomic,
and idempotent: importing the same file twice changes nothing the second time."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from pmpath.matching.models import Resume, ResumeVersion
from pmpath.matching.resume import documents, extract, linkedin, schema, sections
from pmpath.matching.resume.schema import SchemaError
from pmpath.network.importers.base import ImportProblem, Problem
from pmpath.network.importers.linkedin import size

MAX_UPLOAD_BYTES = extract.MAX_FILE_BYTES  # any resume file: 10 MB
MAX_JSON_BYTES = 2 * 1024 * 1024
MAX_VERSIONS = 200
EDITABLE = ("work", "projects", "education", "skills", "certificates", "languages")
# What an import reports, by section.
COUNTED = {"work": "job", "projects": "project", "education": "school", "skills": "skill",
           "certificates": "certificate", "languages": "language"}  # fmt: skip


class ResumeError(Exception):
    """Why a write was refused, in one sentence; `errors` names each schema failure by path."""

    def __init__(self, message: str, errors: list[SchemaError] | None = None) -> None:
        self.message = message
        self.errors = errors or []
        super().__init__(message)


@dataclass
class ImportResult:
    filename: str
    kind: str  # json-resume | linkedin | pdf | docx | text
    changed: bool
    draft: bool = False  # a PDF/DOCX/text import waits for the candidate to confirm it
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def headline(self) -> str:
        what = ", ".join(f"{n} {s}{'' if n == 1 else 's'}" for s, n in self.counts.items() if n)
        what = what or "nothing"
        if self.draft:
            return (
                f"Read {self.filename}: found {what}. Review the draft and confirm it to "
                "update your resume."
            )
        if not self.changed:
            return f"{self.filename} changed nothing: your resume already holds all of it."
        return f"Imported {self.filename} ({what})."


# --- the one resume -----------------------------------------------------------------------


def _locked(user: Any) -> Resume:
    """The user's resume, created empty on first use, locked for this transaction."""
    Resume.objects.get_or_create(user=user, defaults={"checksum": schema.checksum({})})
    return Resume.objects.select_for_update().get(user=user)


def _valid(data: dict[str, Any], what: str) -> dict[str, Any]:
    """The document tidied (blank fields dropped), or ResumeError naming every schema error."""
    data = documents.tidy(data)
    errors = schema.validate(data)
    if errors:
        raise ResumeError(
            f"{what} would not be valid JSON Resume ({len(errors)} "
            f"{'problem' if len(errors) == 1 else 'problems'}).",
            errors,
        )
    return data  # type: ignore[no-any-return]


def _store(resume: Resume, data: dict[str, Any], source: str | None = None) -> bool:
    """Validate and store `data` as the profile; False when it is what is stored already."""
    data = _valid(data, "The resume")
    digest = schema.checksum(data)
    if digest == resume.checksum and data == resume.data:
        return False
    resume.data = data
    resume.checksum = digest
    fields = ["data", "checksum", "updated_at"]
    if source:
        resume.source = source
        fields.append("source")
    resume.save(update_fields=fields)
    return True


def save_document(user: Any, *, data: Any, source: str = "manual") -> bool:
    """Replace the whole profile document (the JSON editor, the API)."""
    if not isinstance(data, dict):
        raise ResumeError('A JSON Resume document is an object: { "basics": {…}, … }.')
    with transaction.atomic():
        return _store(_locked(user), data, source)


def save_basics(user: Any, *, values: dict[str, Any]) -> None:
    with transaction.atomic():
        resume = _locked(user)
        data = copy.deepcopy(resume.data)
        basics = documents.basics_of(data)
        for key, value in values.items():
            if isinstance(value, dict):
                basics[key] = {**(basics.get(key) or {}), **value}
            else:
                basics[key] = value
        data["basics"] = basics
        _store(resume, data)


def _section(section: str) -> str:
    if section not in EDITABLE:
        raise ResumeError(f"section: {section!r} is not one of {', '.join(EDITABLE)}.")
    return section


def save_item(user: Any, *, section: str, index: int | None, values: dict[str, Any]) -> int:
    """Add (index None) or change one item of a section; keys the form does not know (a
    highlight's extra fields, an imported `meta`) are kept. Returns the item's index."""
    _section(section)
    with transaction.atomic():
        resume = _locked(user)
        data = copy.deepcopy(resume.data)
        items = documents.items_of(data, section)
        if index is None:
            items.append(values)
            index = len(items) - 1
        else:
            if not 0 <= index < len(items):
                raise ResumeError(f"{section}[{index}] is not there any more: reload the page.")
            kept = items[index] if isinstance(items[index], dict) else {}
            items[index] = {**kept, **values}
        data[section] = items
        _store(resume, data)
        return index


def _change(user: Any, version_id: int | None, change: Callable[[dict[str, Any]], None]) -> None:
    """Apply `change` to a copy of the profile's document, or of one tailored version's, and
    store it if it stays valid."""
    with transaction.atomic():
        if version_id is None:
            resume = _locked(user)
            data = copy.deepcopy(resume.data)
            change(data)
            _store(resume, data)
            return
        rows = ResumeVersion.objects.owned_by(user).select_for_update()
        version = rows.filter(pk=version_id).first()
        if version is None:
            raise ResumeError("This version is not there any more.")
        data = copy.deepcopy(version.data)
        change(data)
        version.data = _valid(data, "This version")
        version.save(update_fields=["data", "updated_at"])


def delete_item(user: Any, *, section: str, index: int, version_id: int | None = None) -> None:
    """Remove one item from the profile, or from one tailored version (trimming it)."""
    _section(section)

    def remove(data: dict[str, Any]) -> None:
        items = documents.items_of(data, section)
        if not 0 <= index < len(items):
            raise ResumeError(f"{section}[{index}] is not there any more: reload the page.")
        del items[index]
        data[section] = items

    _change(user, version_id, remove)


def move_item(
    user: Any, *, section: str, index: int, direction: str, version_id: int | None = None
) -> None:
    """Swap one item with the one above or below it, in the profile or in one version."""
    _section(section)

    def swap(data: dict[str, Any]) -> None:
        items = documents.items_of(data, section)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= index < len(items) and 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]

    _change(user, version_id, swap)


# --- imports ------------------------------------------------------------------------------


def import_file(user: Any, *, filename: str, data: bytes) -> ImportResult:
    """Import a JSON Resume file, a LinkedIn export (ZIP or CSV) or a PDF/DOCX/text resume,
    told apart by content. Raises ImportProblem (naming the file) or ResumeError (with each
    schema error by path); then nothing is stored."""
    filename = (filename or "upload").replace("\\", "/").rsplit("/", 1)[-1][:200] or "upload"
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportProblem(
            filename,
            f"the file is {size(len(data))}; the limit is {size(MAX_UPLOAD_BYTES)}.",
        )
    if not data.strip():
        raise ImportProblem(filename, "the file is empty.")
    head = data[:64].lstrip(b"\xef\xbb\xbf \r\n\t")
    if head.startswith(b"{") or filename.lower().endswith(".json"):
        return _import_json(user, filename, data)
    if linkedin.looks_like(filename, data):
        export = linkedin.read(filename, data)
        with transaction.atomic():
            resume = _locked(user)
            merged = documents.merge(resume.data, export.document)
            changed = _store(resume, merged, "linkedin")
        return ImportResult(
            filename, "linkedin", changed, problems=export.problems,
            counts=_counts(export.document),
        )  # fmt: skip
    if filename.lower().endswith(".csv"):
        raise ImportProblem(
            filename, f"this is not a LinkedIn profile file: expected {linkedin.EXPECTED}."
        )
    kind, lines = extract.text_lines(filename, data)
    found = sections.detect(lines)
    draft = {
        "document": documents.tidy(found.document),
        "sections": found.sections,
        "unplaced": found.unplaced[:200],
    }
    source = {"pdf": "pdf", "docx": "docx"}.get(kind, "text")
    with transaction.atomic():
        resume = _locked(user)
        changed = (resume.draft, resume.draft_filename) != (draft, filename)
        if changed:
            resume.draft, resume.draft_source, resume.draft_filename = draft, source, filename
            resume.save(update_fields=["draft", "draft_source", "draft_filename", "updated_at"])
    return ImportResult(filename, source, changed, draft=True, counts=_counts(found.document))


def _counts(document: dict[str, Any]) -> dict[str, int]:
    found = documents.counts(document)
    return {label: found.get(section, 0) for section, label in COUNTED.items()}


def _import_json(user: Any, filename: str, data: bytes) -> ImportResult:
    if len(data) > MAX_JSON_BYTES:
        raise ImportProblem(
            filename,
            f"the file is {size(len(data))}; a JSON Resume is at most {size(MAX_JSON_BYTES)}.",
        )
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportProblem(filename, "the file is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise ImportProblem(
            filename,
            f"this is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}).",
        ) from None
    except RecursionError:
        raise ImportProblem(filename, "the JSON nests too deeply to be a resume.") from None
    if not isinstance(document, dict):
        raise ImportProblem(filename, "a JSON Resume document is an object, { … }, not a list.")
    errors = schema.validate(document)
    if errors:
        raise ResumeError(
            f"{filename} is not valid JSON Resume ({len(errors)} "
            f"{'problem' if len(errors) == 1 else 'problems'}); nothing was imported.",
            errors,
        )
    with transaction.atomic():
        changed = _store(_locked(user), document, "json-resume")
    return ImportResult(filename, "json-resume", changed, counts=_counts(document))


def confirm_draft(user: Any, *, mode: str = "merge", document: Any = None) -> bool:
    """Store the reviewed draft: merged into the profile (matched items updated, new ones
    added) or replacing it; `document` is the draft as the candidate edited it, if they did."""
    if mode not in ("merge", "replace"):
        raise ResumeError("mode: choose merge or replace.")
    with transaction.atomic():
        resume = _locked(user)
        if not resume.draft:
            raise ResumeError("There is no draft to confirm: import a PDF, Word or text resume.")
        draft = resume.draft.get("document") if document is None else document
        if not isinstance(draft, dict):
            raise ResumeError('The draft must be a JSON object: { "basics": {…}, … }.')
        data = documents.merge(resume.data, draft) if mode == "merge" else draft
        _store(resume, data, resume.draft_source or "text")
        resume.draft, resume.draft_source, resume.draft_filename = None, "", ""
        resume.save(update_fields=["draft", "draft_source", "draft_filename", "updated_at"])
        return True


def discard_draft(user: Any) -> None:
    with transaction.atomic():
        resume = _locked(user)
        resume.draft, resume.draft_source, resume.draft_filename = None, "", ""
        resume.save(update_fields=["draft", "draft_source", "draft_filename", "updated_at"])


# --- tailored versions --------------------------------------------------------------------


def _posting(user: Any, posting_id: int | None) -> Any:
    if posting_id is None:
        return None
    from pmpath.jobs.models import Posting

    found = Posting.objects.owned_by(user).filter(pk=posting_id).first()
    if found is None:
        raise ResumeError(f"posting: there is no posting {posting_id} among yours.")
    return found


def create_version(
    user: Any, *, name: str, posting_id: int | None = None, notes: str = ""
) -> ResumeVersion:
    """A tailored copy of the profile, optionally for one posting, to reword and trim."""
    name = " ".join((name or "").split())[:200]
    if not name:
        raise ResumeError("name: give the version a name, e.g. the company and role.")
    with transaction.atomic():
        resume = _locked(user)
        if documents.is_empty(resume.data):
            raise ResumeError("Your resume is empty: add or import it before tailoring a version.")
        if ResumeVersion.objects.owned_by(user).count() >= MAX_VERSIONS:
            raise ResumeError(f"You have {MAX_VERSIONS} versions: delete old ones first.")
        return ResumeVersion.objects.create(
            user=user, name=name, data=copy.deepcopy(resume.data),
            posting=_posting(user, posting_id), notes=notes.strip(),
        )  # fmt: skip


def update_version(
    user: Any,
    *,
    version_id: int,
    name: str,
    notes: str = "",
    data: Any = None,
    posting_id: int | None = None,
) -> ResumeVersion:
    name = " ".join((name or "").split())[:200]
    if not name:
        raise ResumeError("name: a version needs a name.")
    if data is not None:
        if not isinstance(data, dict):
            raise ResumeError('data: a JSON Resume document is an object: { "basics": {…} }.')
        data = _valid(data, "This version")
    with transaction.atomic():
        version = ResumeVersion.objects.owned_by(user).select_for_update().get(pk=version_id)
        version.name, version.notes = name, notes.strip()
        version.posting = _posting(user, posting_id)
        if data is not None:
            version.data = data
        version.save()
        return version


def delete_version(user: Any, *, version_id: int) -> None:
    ResumeVersion.objects.owned_by(user).filter(pk=version_id).delete()
