"""The learning catalogue: browse and filter, add and edit your own resources (admins also
shared ones), import and export. Thin views over resource_queries and resource_services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from pmpath.career import queries
from pmpath.career import resource_queries as rq
from pmpath.career import resource_services as services
from pmpath.career.resource_forms import FilterForm, ImportForm, ResourceForm
from pmpath.career.resource_transfer import KINDS, format_csv, format_json
from pmpath.core.access import owner_view
from pmpath.core.redirects import safe_next


def catalogue(request: HttpRequest) -> HttpResponse:
    signed_in = request.user.is_authenticated
    form = FilterForm(request.GET or None, signed_in=signed_in)
    filters = form.filters()
    page = rq.paginate(rq.catalogue(request.user, filters), request.GET.get("page"))
    rows = list(page.object_list)
    rq.decorate(rows, rq.labels())
    enrolled = rq.enrolment_map(request.user, [r.pk for r in rows]) if signed_in else {}
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "rows": rows,
        "enrolled": enrolled,
        "profile": queries.profile_for(request.user) if signed_in else None,
    }
    return render(request, "career/resources.html", context)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    resource = rq.visible_or_404(request.user, pk)
    rq.decorate([resource], rq.labels())
    signed_in = request.user.is_authenticated
    context = {
        "resource": resource,
        "enrolment": rq.enrolment_for(request.user, resource) if signed_in else None,
        "can_edit": rq.can_edit(request.user, resource),
    }
    return render(request, "career/resource.html", context)


def _save_errors(form: Any, exc: services.ResourceError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


@login_required
def new(request: HttpRequest) -> HttpResponse:
    admin = request.user.is_staff
    form = ResourceForm(request.POST or None, admin=admin)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.create_resource(
                request.user, shared=form.cleaned_data.get("shared", False), **form.values()
            )
        except services.ResourceError as exc:
            _save_errors(form, exc)
        else:
            where = "the shared catalogue" if resource.owner_id is None else "your resources"
            messages.success(request, f"{resource.name} is added to {where}.")
            return redirect("career:resource", resource.pk)
    return render(request, "career/resource_form.html", {"form": form, "resource": None})


@owner_view
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    resource = rq.editable_or_404(request.user, pk)
    form = ResourceForm.for_resource(resource, request.POST or None, admin=request.user.is_staff)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_resource(request.user, resource, **form.values())
        except services.ResourceError as exc:
            _save_errors(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect("career:resource", resource.pk)
    return render(request, "career/resource_form.html", {"form": form, "resource": resource})


@owner_view
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    resource = rq.editable_or_404(request.user, pk)
    try:
        services.delete_resource(request.user, resource)
    except services.ResourceError as exc:
        messages.error(request, exc.message)
        return redirect("career:resource", resource.pk)
    messages.success(request, f"{resource.name} is deleted.")
    return redirect("career:resources")


@owner_view
@require_POST
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    status = "active" if request.POST.get("status") == "active" else "planned"
    enrolment = services.enrol(request.user, resource_id=pk, status=status)
    verb = "started" if enrolment.status == "active" else "on your learning plan"
    messages.success(request, f"{enrolment.resource.name} is {verb}.")
    return redirect(safe_next(request, "career:plan"))


# --- import and export --------------------------------------------------------------------


@login_required
def import_file(request: HttpRequest) -> HttpResponse:
    admin = request.user.is_staff
    form = ImportForm(request.POST or None, request.FILES or None, admin=admin)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        shared = bool(form.cleaned_data.get("shared"))
        report = services.import_resources(request.user, upload.name, upload.read(), shared=shared)
        if report.ok:
            messages.success(request, report.headline)
            return redirect("career:resources")
    context = {"form": form, "report": report, "kinds": KINDS}
    return render(request, "career/resources_import.html", context)


def export(request: HttpRequest) -> HttpResponse:
    """The resources you see (or with ?scope=mine, only yours) as CSV or JSON."""
    fmt = "json" if request.GET.get("format") == "json" else "csv"
    scope = "mine" if request.GET.get("scope") == "mine" else "all"
    user = request.user if request.user.is_authenticated else None
    rows = rq.export_rows(user, scope=scope)
    today = timezone.localdate().isoformat()
    name = f"pmpath-resources{'-mine' if scope == 'mine' else ''}-{today}"
    if fmt == "json":
        body = format_json(rows, exported_at=timezone.now().isoformat())
        response = HttpResponse(body, content_type="application/json")
    else:
        response = HttpResponse(format_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
