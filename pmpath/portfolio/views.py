"""The portfolio's pages: the index (order, checks, exports, public link), a case study's
editor and preview with its checks and images. Thin: parse, call, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pmpath.career import queries as career
from pmpath.core.access import owner_view
from pmpath.core.models import get_owned_or_404
from pmpath.portfolio import queries, services
from pmpath.portfolio.forms import AttachmentForm, CaseStudyForm
from pmpath.portfolio.images import CONTENT_TYPES, MAX_BYTES
from pmpath.portfolio.markup import render as markdown
from pmpath.portfolio.models import Attachment, CaseStudy
from pmpath.portfolio.rows import case_rows
from pmpath.portfolio.sections import SECTIONS
from pmpath.portfolio.services import PortfolioError


def _int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _form_error(form: Any, exc: PortfolioError) -> None:
    name, _, message = str(exc).partition(": ")
    if message and name in form.fields:
        form.add_error(name, message)
    else:
        form.add_error(None, str(exc))


@login_required
def index(request: HttpRequest) -> HttpResponse:
    profile = career.profile_for(request.user)
    playbook = career.guide("playbook-portfolio")
    tip = playbook["by_background"].get(profile.background) if playbook and profile else None
    rows = queries.portfolio(request.user)
    context = {
        "rows": rows,
        "case_rows": case_rows(request, rows, queries.skill_names()),
        "published_count": sum(1 for r in rows if r.case.published),
        "link": queries.active_link(request.user),
        "profile": profile,
        "playbook": playbook,
        "tip": tip,
    }
    return render(request, "portfolio/index.html", context)


# --- one case study ---------------------------------------------------------------------------


def _editor(request: HttpRequest, case: CaseStudy | None) -> HttpResponse:
    initial: dict[str, Any] = {"published": True}
    if case is not None:
        initial = {name: getattr(case, name) for name in queries.TEXT_FIELDS}
        initial.update(
            company=case.company,
            period=case.period,
            slug=case.slug,
            skills=case.skills,
            published=case.published,
        )
    form = CaseStudyForm(request.POST or None, initial=initial, skills=queries.skill_choices())
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_case_study(
                request.user, case_study_id=case.pk if case else None, **form.cleaned_data
            )
        except PortfolioError as exc:
            _form_error(form, exc)
        else:
            report = queries.report(saved)
            note = (
                "No findings: ask a PM to read it before you share it."
                if report.ready
                else f"{len(report.findings)} {'thing' if len(report.findings) == 1 else 'things'} "
                "to tighten: see the checks."
            )
            messages.success(request, f"Saved {saved.title}. {note}")
            return redirect("portfolio:case_study", saved.pk)
    checks = queries.report(case) if case is not None else None
    context = {"form": form, "case": case, "sections": SECTIONS, "report": checks}
    return render(request, "portfolio/case_study_form.html", context)


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    return _editor(request, None)


@owner_view
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _editor(request, get_owned_or_404(CaseStudy, request.user, pk=pk))


@owner_view
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = queries.case_study_for_page(request.user, pk)
    skill_names = queries.skill_names()
    context = {
        "case": case,
        "report": queries.report(case),
        "sections": [(s, markdown(getattr(case, s.key))) for s in SECTIONS],
        "attachments": list(case.attachments.all()),
        "skills": [skill_names.get(k, k) for k in case.skills],
        "upload_form": AttachmentForm(),
    }
    return render(request, "portfolio/case_study.html", context)


@owner_view
def case_delete(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_owned_or_404(CaseStudy, request.user, pk=pk)
    if request.method == "POST":
        services.delete_case_study(request.user, case_study_id=pk)
        messages.success(request, f"Deleted {case.title}.")
        return redirect("portfolio:index")
    images = Attachment.objects.filter(case_study=case).count()
    return render(request, "portfolio/case_study_delete.html", {"case": case, "images": images})


@owner_view
@require_POST
def case_publish(request: HttpRequest, pk: int) -> HttpResponse:
    case = services.set_published(
        request.user, case_study_id=pk, published=request.POST.get("published") == "1"
    )
    state = "published" if case.published else "kept private"
    messages.success(request, f"{case.title} is {state}.")
    if request.POST.get("back") == "index":
        return redirect("portfolio:index")
    return redirect("portfolio:case_study", pk)


@owner_view
@require_POST
def case_move(request: HttpRequest, pk: int) -> HttpResponse:
    by = -1 if request.POST.get("direction") == "up" else 1
    services.move_case_study(request.user, case_study_id=pk, by=by)
    return redirect("portfolio:index")


@owner_view
@require_POST
def case_reorder(request: HttpRequest) -> HttpResponse:
    """The order after a drag: every case study id once, in the new order."""
    ids = [_int(value) for value in request.POST.getlist("case")]
    if any(pk is None for pk in ids):
        return HttpResponse("case: ids are numbers", status=400)
    try:
        services.reorder_case_studies(
            request.user, case_study_ids=[pk for pk in ids if pk is not None]
        )
    except PortfolioError as exc:
        return HttpResponse(str(exc), status=400)
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    messages.success(request, "Saved the new order.")
    return redirect("portfolio:index")


# --- images -----------------------------------------------------------------------------------


@owner_view
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_owned_or_404(CaseStudy, request.user, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else "Image"
            messages.error(request, f"{label}: {' '.join(str(e) for e in errors)}")
        return redirect("portfolio:case_study", case.pk)
    upload = form.cleaned_data["image"]
    if upload.size > MAX_BYTES:
        messages.error(
            request,
            f"Image: {upload.name} is {upload.size / 1024 / 1024:.1f} MB; images can be up to "
            f"{MAX_BYTES // 1024 // 1024} MB.",
        )
        return redirect("portfolio:case_study", case.pk)
    try:
        services.add_attachment(
            request.user,
            case_study_id=case.pk,
            data=upload.read(MAX_BYTES + 1),
            filename=upload.name,
            caption=form.cleaned_data["caption"],
            alt=form.cleaned_data["alt"],
        )
    except PortfolioError as exc:
        messages.error(request, f"Image not added: {str(exc).partition(': ')[2]}")
    else:
        messages.success(request, "Image added.")
    return redirect("portfolio:case_study", case.pk)


def attachment_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The image itself, streamed to its owner only: uploads are never served from a public
    folder. Anyone else, the anonymous visitor included, owns nothing here and gets a 404."""
    attachment = get_owned_or_404(Attachment, request.user, pk=pk)
    return image_response(attachment)


# An image up to this size is sent whole rather than streamed, so hosted mode's page cache can
# keep it for its owner like any of their pages.
WHOLE_BYTES = 1024 * 1024


def image_response(attachment: Attachment) -> HttpResponseBase:
    """An image as stored, never to be sniffed or run as anything else."""
    name = attachment.image.name or ""
    extension = name.rsplit(".", 1)[-1].lower()
    content_type = CONTENT_TYPES.get(extension, "application/octet-stream")
    response: HttpResponseBase
    try:
        handle = attachment.image.open("rb")
        if attachment.image.size <= WHOLE_BYTES:
            with handle:
                response = HttpResponse(handle.read(), content_type=content_type)
        else:
            response = FileResponse(handle, content_type=content_type)
    except OSError:
        raise Http404("This image's file is missing.") from None
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@owner_view
@require_POST
def attachment_update(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = services.update_attachment(
        request.user,
        attachment_id=pk,
        caption=request.POST.get("caption", ""),
        alt=request.POST.get("alt", ""),
    )
    messages.success(request, "Saved the image's caption and description.")
    return redirect("portfolio:case_study", attachment.case_study_id)


@owner_view
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = services.delete_attachment(request.user, attachment_id=pk)
    messages.success(request, "Image deleted.")
    return redirect("portfolio:case_study", attachment.case_study_id)
