"""Tailored resume versions: the list, create (optionally for a posting), view, edit, delete
and export. Thin over resume_services and resume_queries."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pmpath.core import pagecache
from pmpath.core.access import owner_view
from pmpath.matching import resume_export, resume_queries, resume_services
from pmpath.matching.resume import documents
from pmpath.matching.resume_forms import SECTIONS, VersionEditForm, VersionForm, pretty
from pmpath.matching.resume_services import ResumeError
from pmpath.matching.resume_views import SHOWN_ERRORS, _refused, download


def _int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


@login_required
def versions(request: HttpRequest) -> HttpResponse:
    page = resume_queries.versions_page(request.user, request.GET.get("page"))
    resume = resume_queries.resume_of(request.user)
    context = {
        "page": page,
        "has_resume": resume is not None and not documents.is_empty(resume.data),
    }
    return render(request, "matching/resume_versions.html", context)


@login_required
def version_new(request: HttpRequest) -> HttpResponse:
    wanted = _int(request.GET.get("posting"))
    postings = resume_queries.posting_choices(request.user, also=wanted)
    form = VersionForm(request.POST or None, postings=postings, initial={"posting": wanted or ""})
    if request.method == "POST" and form.is_valid():
        try:
            version = resume_services.create_version(
                request.user,
                name=form.cleaned_data["name"],
                posting_id=form.cleaned_data["posting"],
                notes=form.cleaned_data["notes"],
            )
        except ResumeError as error:
            _refused(form, error)
        else:
            messages.success(request, f"Created {version.name}: a copy of your resume to tailor.")
            return redirect("matching:resume_version_edit", version.pk)
    resume = resume_queries.resume_of(request.user)
    context = {
        "form": form,
        "has_resume": resume is not None and not documents.is_empty(resume.data),
    }
    return render(request, "matching/resume_version_new.html", context)


@owner_view
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = resume_queries.version_for_page(request.user, pk)
    doc = version.data
    context = {
        "tailored": version,
        "doc": doc,
        "basics": documents.basics_of(doc),
        "sections": SECTIONS,
        "period": documents.period,
        "shown_date": documents.shown_date,
    }
    return render(request, "matching/resume_version.html", context)


@owner_view
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version = resume_queries.version_for_page(request.user, pk)
    postings = resume_queries.posting_choices(request.user, also=version.posting_id)
    initial = {
        "name": version.name,
        "notes": version.notes,
        "posting": version.posting_id or "",
        "document": pretty(version.data),
    }
    form = VersionEditForm(request.POST or None, postings=postings, initial=initial)
    errors: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            resume_services.update_version(
                request.user,
                version_id=version.pk,
                name=form.cleaned_data["name"],
                notes=form.cleaned_data["notes"],
                data=form.cleaned_data["document"],
                posting_id=form.cleaned_data["posting"],
            )
        except ResumeError as error:
            _refused(form, error)
            errors = error.errors[:SHOWN_ERRORS]
        else:
            messages.success(request, f"Saved {form.cleaned_data['name']}.")
            return redirect("matching:resume_version", version.pk)
    context = {"form": form, "tailored": version, "errors": errors}
    return render(request, "matching/resume_version_edit.html", context)


@owner_view
def version_delete(request: HttpRequest, pk: int) -> HttpResponse:
    version = resume_queries.version_for_page(request.user, pk)
    if request.method == "POST":
        resume_services.delete_version(request.user, version_id=version.pk)
        messages.success(request, f"Deleted {version.name}.")
        return redirect("matching:resume_versions")
    return render(request, "matching/resume_version_delete.html", {"tailored": version})


@pagecache.own_data
@owner_view
def version_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    version = resume_queries.version_for_page(request.user, pk)
    try:
        return download(version.data, fmt, version.name)
    except resume_export.ExportError as error:
        messages.error(request, f"The export could not be made: {error}.")
        return redirect("matching:resume_version", version.pk)


@owner_view
@require_POST
def version_item_delete(request: HttpRequest, pk: int, section: str, index: int) -> HttpResponse:
    version = resume_queries.version_for_page(request.user, pk)
    try:
        resume_services.delete_item(
            request.user, section=section, index=index, version_id=version.pk
        )
    except ResumeError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Left the {SECTIONS[section][1]} out of {version.name}.")
    return redirect(f"{reverse('matching:resume_version', args=[version.pk])}#{section}")


@owner_view
@require_POST
def version_item_move(request: HttpRequest, pk: int, section: str, index: int) -> HttpResponse:
    version = resume_queries.version_for_page(request.user, pk)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    try:
        resume_services.move_item(
            request.user, section=section, index=index, direction=direction, version_id=version.pk
        )
    except ResumeError as error:
        messages.error(request, error.message)
    return redirect(f"{reverse('matching:resume_version', args=[version.pk])}#{section}")
