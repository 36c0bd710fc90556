"""Import contacts (LinkedIn export, vCard, CSV) and export them all (thin: imports.py
does the work)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from pmpath.network import imports, queries
from pmpath.network.import_forms import ContactsUploadForm

SHOWN_PROBLEMS = 200


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = ContactsUploadForm(request.POST if posted else None, request.FILES if posted else None)
    report = None
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = imports.import_file(
                request.user,
                filename=upload.name,
                data=upload.read(),
                force=form.cleaned_data["again"],
            )
        except imports.ImportProblem as problem:
            form.add_error("file", str(problem))  # "file.csv: what is wrong with it"
    context = {
        "form": form,
        "report": report,
        "shown": SHOWN_PROBLEMS,
        "runs": [
            (run, timezone.localtime(run.created_at)) for run in queries.import_runs(request.user)
        ],
        "kinds": {"linkedin": "LinkedIn export", "vcard": "vCard", "csv": "CSV"},
    }
    return render(request, "network/import.html", context)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    return _download(imports.template_csv(), "text/csv", "pmpath-contacts-template.csv")


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    return _download(imports.export_csv(request.user), "text/csv", "pmpath-contacts.csv")


@login_required
def export_vcf(request: HttpRequest) -> HttpResponse:
    return _download(imports.export_vcf(request.user), "text/vcard", "pmpath-contacts.vcf")


def _download(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
