"""Downloads and uploads for applications: CSV and JSON exports, the CSV import and its
template, the funnel as CSV and the activity log. Thin views over transfer.py."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import json_script

from pmpath.jobs import queries, transfer
from pmpath.jobs.importers.applications import template_csv
from pmpath.jobs.transfer_forms import ActivityRangeForm, ApplicationsUploadForm


def _download(
    body: str, filename: str, content_type: str = "text/csv; charset=utf-8"
) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _today() -> str:
    return timezone.localdate().isoformat()


@login_required
def applications_export(request: HttpRequest) -> HttpResponse:
    body = transfer.export_applications_csv(request.user)
    return _download(body, f"pmpath-applications-{_today()}.csv")


@login_required
def applications_export_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps(transfer.export_applications_json(request.user), cls=DjangoJSONEncoder)
    return _download(body, f"pmpath-applications-{_today()}.json", "application/json")


@login_required
def applications_template(request: HttpRequest) -> HttpResponse:
    return _download(template_csv(), "pmpath-applications-template.csv")


@login_required
def applications_import(request: HttpRequest) -> HttpResponse:
    form = ApplicationsUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = transfer.import_applications(request.user, upload.name, upload.read())
    return render(request, "jobs/applications_import.html", {"form": form, "report": report})


@login_required
def funnel_csv(request: HttpRequest) -> HttpResponse:
    table = "sources" if request.GET.get("table") == "sources" else "stages"
    body = transfer.user_funnel_csv(request.user, table=table)
    name = "funnel-by-source" if table == "sources" else "funnel"
    return _download(body, f"pmpath-{name}-{_today()}.csv")


@login_required
def activity_csv(request: HttpRequest) -> HttpResponse:
    form = ActivityRangeForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        errors = "; ".join(
            " ".join(str(m) for m in messages) if name == "__all__" else f"{name}: {messages[0]}"
            for name, messages in form.errors.items()
        )
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    start = form.cleaned_data.get("start") if form.is_bound else None
    end = form.cleaned_data.get("end") if form.is_bound else None
    body = transfer.activity_csv(request.user, start=start, end=end)
    span = f"-{start or 'start'}-to-{end or _today()}" if start or end else f"-{_today()}"
    return _download(body, f"pmpath-job-search-activity{span}.csv")


def funnel_context(user: object) -> dict[str, object]:
    """What the Jobs overview needs for its Funnel section: the funnel, and the chart's data
    as a JSON script element (read by funnel.js; the table beside it needs no script)."""
    funnel = queries.funnel(user)
    path = [row for row in funnel.stages if row.on_path]
    chart = {
        "labels": [row.stage.name for row in path],
        "reached": [row.reached for row in path],
        "conversion": [
            None if row.conversion is None else round(100 * row.conversion, 1) for row in path
        ],
    }
    return {
        "funnel": funnel,
        "funnel_chart": json_script(chart, "funnel-data") if funnel.applications else "",
        "activity_form": ActivityRangeForm(),
    }
