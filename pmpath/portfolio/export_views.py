"""Downloads of the portfolio (the static site as a ZIP, the PDF) and the public link's
create and revoke. Thin over export.py and services.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from pmpath.core.access import owner_view
from pmpath.portfolio import export, services


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{stamp}.{content_type.split("/")[-1]}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def export_site(request: HttpRequest) -> HttpResponse:
    return _download(export.build_site(request.user), "application/zip", "portfolio-site")


@login_required
def export_pdf(request: HttpRequest) -> HttpResponse:
    try:
        data = export.build_pdf(request.user, limit=export.WEB_PDF_MAX)
    except export.ExportError as exc:
        messages.error(request, f"The PDF could not be made: {exc}.")
        return redirect("portfolio:index")
    return _download(data, "application/pdf", "portfolio")


@login_required
@require_POST
def link_create(request: HttpRequest) -> HttpResponse:
    services.create_public_link(request.user)
    messages.success(request, "Your published case studies are online at the public link below.")
    return redirect("portfolio:index")


@owner_view
@require_POST
def link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    services.revoke_public_link(request.user, link_id=pk)
    messages.success(request, "Link revoked: the address no longer works.")
    return redirect("portfolio:index")
