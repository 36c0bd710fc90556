"""The resume pages: the profile with its sections, their editors, the JSON editor, imports
(with the PDF/DOCX/text draft's review) and exports. Thin: parse, call, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from pmpath.core import pagecache
from pmpath.matching import resume_export, resume_queries, resume_services
from pmpath.matching.resume import documents
from pmpath.matching.resume.schema import SchemaMissing
from pmpath.matching.resume_forms import (
    SECTIONS,
    BasicsForm,
    DocumentForm,
    DraftForm,
    ItemForm,
    UploadForm,
    pretty,
)
from pmpath.matching.resume_services import ImportProblem, ResumeError
from pmpath.network.importers.linkedin import size

SHOWN_ERRORS = 200
# A multipart body carries the file plus its boundaries and the CSRF field.
UPLOAD_OVERHEAD = 64 * 1024


def _refused(form: Any, error: ResumeError) -> None:
    name, _, message = error.message.partition(": ")
    if message and name in form.fields:
        form.add_error(name, message)
    else:
        form.add_error(None, error.message)


def _view_context(request: HttpRequest) -> dict[str, Any]:
    resume = resume_queries.resume_of(request.user)
    doc = resume.data if resume is not None else {}
    versions, version_count = resume_queries.recent_versions(request.user)
    basics = documents.basics_of(doc)
    return {
        "resume": resume,
        "doc": doc,
        "basics": basics,
        "empty": documents.is_empty(doc),
        "sections": SECTIONS,
        "period": documents.period,
        "shown_date": documents.shown_date,
        "versions": versions,
        "version_count": version_count,
        "upload_form": UploadForm(),
        "has_draft": bool(resume is not None and resume.draft),
    }


@login_required
def resume_page(request: HttpRequest) -> HttpResponse:
    return render(request, "matching/resume.html", _view_context(request))


@login_required
def basics_edit(request: HttpRequest) -> HttpResponse:
    doc = resume_queries.document_of(request.user)
    stored = documents.basics_of(doc)
    form = BasicsForm(request.POST or None, initial=BasicsForm.initial_from(stored))
    if request.method == "POST" and form.is_valid():
        try:
            resume_services.save_basics(request.user, values=form.values(stored))
        except ResumeError as error:
            _refused(form, error)
            return _basics_page(request, form, error)
        messages.success(request, "Saved your name, contact details and summary.")
        return redirect("matching:resume")
    return _basics_page(request, form, None)


def _basics_page(request: HttpRequest, form: Any, error: ResumeError | None) -> HttpResponse:
    context = {"form": form, "errors": error.errors if error else []}
    return render(request, "matching/resume_basics.html", context)


def _section_or_404(section: str) -> str:
    if section not in SECTIONS:
        raise Http404("No such section.")
    return section


@login_required
def item_new(request: HttpRequest, section: str) -> HttpResponse:
    return _item_editor(request, _section_or_404(section), None)


@login_required
def item_edit(request: HttpRequest, section: str, index: int) -> HttpResponse:
    return _item_editor(request, _section_or_404(section), index)


def _item_editor(request: HttpRequest, section: str, index: int | None) -> HttpResponse:
    doc = resume_queries.document_of(request.user)
    items = documents.items_of(doc, section)
    item = None
    if index is not None:
        if not 0 <= index < len(items) or not isinstance(items[index], dict):
            raise Http404("No such item.")
        item = items[index]
    form = ItemForm(section, request.POST or None, item=item)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            resume_services.save_item(
                request.user, section=section, index=index, values=form.values()
            )
        except ResumeError as exc:
            error = exc
            _refused(form, exc)
        else:
            heading, noun, _ = SECTIONS[section]
            messages.success(request, f"Saved the {noun}.")
            return redirect(f"{_resume_url()}#{section}")
    heading, noun, _ = SECTIONS[section]
    context = {
        "form": form,
        "section": section,
        "heading": heading,
        "noun": noun,
        "index": index,
        "errors": error.errors if error else [],
    }
    return render(request, "matching/resume_item.html", context)


def _resume_url() -> str:
    from django.urls import reverse

    return reverse("matching:resume")


@login_required
@require_POST
def item_delete(request: HttpRequest, section: str, index: int) -> HttpResponse:
    try:
        resume_services.delete_item(request.user, section=_section_or_404(section), index=index)
    except ResumeError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Removed the {SECTIONS[section][1]}.")
    return redirect(f"{_resume_url()}#{section}")


@login_required
@require_POST
def item_move(request: HttpRequest, section: str, index: int) -> HttpResponse:
    direction = "up" if request.POST.get("direction") == "up" else "down"
    resume_services.move_item(
        request.user, section=_section_or_404(section), index=index, direction=direction
    )
    return redirect(f"{_resume_url()}#{section}")


@login_required
def json_edit(request: HttpRequest) -> HttpResponse:
    doc = resume_queries.document_of(request.user)
    form = DocumentForm(request.POST or None, initial={"document": pretty(doc)})
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            changed = resume_services.save_document(
                request.user, data=form.cleaned_data["document"]
            )
        except ResumeError as exc:
            error = exc
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Saved the resume." if changed else "Nothing changed.")
            return redirect("matching:resume")
    context = {"form": form, "errors": error.errors[:SHOWN_ERRORS] if error else []}
    return render(request, "matching/resume_json.html", context)


# --- imports --------------------------------------------------------------------------------


@csrf_exempt
def import_page(request: HttpRequest) -> HttpResponse:
    """The upload is refused on its declared size BEFORE its body is read: the CSRF check
    would otherwise parse (and spool to disk) the whole multipart body first, so it runs in
    the inner view, after this check."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > resume_services.MAX_UPLOAD_BYTES + UPLOAD_OVERHEAD:
            refusal = (
                f"The upload is {size(declared)}; the limit is "
                f"{size(resume_services.MAX_UPLOAD_BYTES)}. Nothing was read or stored."
            )
            return _import_render(request, UploadForm(), refusal=refusal, status=413)
    return _import_checked(request)


@csrf_protect
def _import_checked(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    errors: list[Any] = []
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = resume_services.import_file(
                request.user, filename=upload.name, data=upload.read()
            )
        except ImportProblem as problem:
            form.add_error("file", str(problem))
        except ResumeError as error:
            form.add_error("file", error.message)
            errors = error.errors[:SHOWN_ERRORS]
        except SchemaMissing as missing:
            form.add_error(None, str(missing))
        else:
            for warning in result.problems[:20]:
                messages.warning(request, f"{warning.where}: {warning.message}")
            messages.success(request, result.headline)
            return redirect("matching:resume_draft" if result.draft else "matching:resume")
    return _import_render(request, form, errors=errors)


def _import_render(
    request: HttpRequest,
    form: Any,
    *,
    errors: list[Any] | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "refusal": refusal,
        "errors": errors or [],
        "has_draft": bool((r := resume_queries.resume_of(request.user)) and r.draft),
        "limit": size(resume_services.MAX_UPLOAD_BYTES),
    }
    return render(request, "matching/resume_import.html", context, status=status)


@login_required
def draft_page(request: HttpRequest) -> HttpResponse:
    resume = resume_queries.resume_of(request.user)
    if resume is None or not resume.draft:
        messages.info(request, "There is no draft to review: import a PDF, Word or text resume.")
        return redirect("matching:resume_import")
    draft = resume.draft.get("document") or {}
    form = DraftForm(request.POST or None, initial={"document": pretty(draft)})
    errors: list[Any] = []
    if request.method == "POST" and form.is_valid():
        edited = form.cleaned_data["document"] or None
        try:
            resume_services.confirm_draft(
                request.user, mode=form.cleaned_data["mode"], document=edited
            )
        except ResumeError as error:
            form.add_error(None, error.message)
            errors = error.errors[:SHOWN_ERRORS]
        else:
            messages.success(request, "Your resume is updated from the draft.")
            return redirect("matching:resume")
    context = {
        "form": form,
        "draft": draft,
        "found": resume.draft.get("sections") or [],
        "unplaced": resume.draft.get("unplaced") or [],
        "filename": resume.draft_filename,
        "source": {"pdf": "PDF", "docx": "Word document"}.get(resume.draft_source, "text file"),
        "sections": SECTIONS,
        "period": documents.period,
        "errors": errors,
        "has_resume": not documents.is_empty(resume.data),
    }
    return render(request, "matching/resume_draft.html", context)


@login_required
@require_POST
def draft_discard(request: HttpRequest) -> HttpResponse:
    resume_services.discard_draft(request.user)
    messages.success(request, "Discarded the draft; your resume is as it was.")
    return redirect("matching:resume")


# --- exports --------------------------------------------------------------------------------


def download(document: dict[str, Any], fmt: str, name: str) -> HttpResponse:
    if fmt not in resume_export.FORMATS:
        raise Http404("No such format.")
    data = resume_export.render(document, fmt, title=name)
    response = HttpResponse(data, content_type=resume_export.FORMATS[fmt][0])
    response["Content-Disposition"] = f'attachment; filename="{resume_export.filename(name, fmt)}"'
    response["Cache-Control"] = "private, no-store"
    if fmt == "html":  # a downloaded page: no scripts, no requests, only its own styles
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@pagecache.own_data
@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    doc = resume_queries.document_of(request.user)
    if documents.is_empty(doc):
        messages.info(request, "Your resume is empty: add or import it first.")
        return redirect("matching:resume")
    basics = documents.basics_of(doc)
    try:
        return download(doc, fmt, basics.get("name") or "resume")
    except resume_export.ExportError as error:
        messages.error(request, f"The export could not be made: {error}.")
        return redirect("matching:resume")
