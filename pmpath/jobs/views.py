from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pmpath.career import queries as career
from pmpath.core.access import owner_view
from pmpath.core.models import get_owned_or_404
from pmpath.core.redirects import safe_next
from pmpath.jobs import imports, queries, research_queries, services, watch_queries
from pmpath.jobs.bookmarklet import bookmarklet_count
from pmpath.jobs.forms import (
    ApplicationForm,
    BoardForm,
    PasteForm,
    PostingFilterForm,
    UploadForm,
    UrlForm,
)
from pmpath.jobs.interview_views import application_context as interview_context
from pmpath.jobs.models import Application, Posting
from pmpath.jobs.transfer_views import funnel_context
from pmpath.network import contact_queries as network


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    profile = career.profile_for(request.user)
    playbook = career.guide("playbook-jobs")
    tip = playbook["by_background"].get(profile.background) if playbook and profile else None
    context = {
        "counts": queries.pipeline_counts(request.user),
        "profile": profile,
        "playbook": playbook,
        "tip": tip,
        "inbox_count": watch_queries.inbox_count(request.user, profile=profile),
        "bookmarklets": bookmarklet_count(request.user),
        **funnel_context(request.user),
    }
    return render(request, "jobs/index.html", context)


@login_required
def board(request: HttpRequest) -> HttpResponse:
    columns = queries.board(request.user)
    # Who the person knows at each card's company (one query), for the warm-contact marks.
    warm = network.warmth(request.user, network.board_companies(columns))
    context = {"columns": columns, "per_stage": queries.BOARD_CARDS_PER_STAGE, "warm": warm}
    return render(request, "jobs/board.html", context)


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    stage_id = _int(request.GET.get("stage"))
    sort = request.GET.get("sort", "updated")
    search = request.GET.get("q", "").strip()
    archived = request.GET.get("archived") == "1"
    rows = queries.applications(
        request.user, stage_id=stage_id, search=search, sort=sort, archived=archived
    )
    page = queries.paginate_by_id(rows, request.GET.get("page"), related=("company", "stage"))
    research_queries.attach_completeness(request.user, page.object_list)
    context = {
        "page": page,
        "stages": services.ensure_stages(request.user),
        "stage_id": stage_id,
        "sort": sort,
        "q": search,
        "archived": archived,
        "sorts": list(queries.SORTS),
    }
    return render(request, "jobs/applications.html", context)


@login_required
def application_new(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            application = services.create_application(
                request.user,
                role_title=data.pop("role_title"),
                company_name=data.pop("company_name"),
                stage_id=_int(request.POST.get("stage")),
                **data,
            )
        except services.JobsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Tracking {application.role_title}.")
            return redirect("jobs:application", application.pk)
    stages = services.ensure_stages(request.user)
    return render(request, "jobs/application_new.html", {"form": form, "stages": stages})


@owner_view
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_owned_or_404(
        Application.objects.select_related("company", "stage"), request.user, pk=pk
    )
    initial = {f: getattr(application, f) for f in services.APPLICATION_FIELDS}
    initial["company_name"] = application.company.name if application.company else ""
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_application(request.user, application_id=pk, **form.cleaned_data)
        messages.success(request, "Saved.")
        return redirect("jobs:application", pk)
    context = {
        "application": application,
        "form": form,
        "history": queries.history(application),
        "stages": services.ensure_stages(request.user),
        "brief_completeness": research_queries.completeness_by_company(
            request.user, [application.company_id]
        ).get(application.company_id),
        **interview_context(request.user, application),
        "who": network.who_for_application(request.user, application),
    }
    return render(request, "jobs/application.html", context)


@owner_view
@require_POST
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    stage_id = _int(request.POST.get("stage"))
    if stage_id is None:
        return HttpResponse("stage: choose a stage", status=400)
    try:
        application = services.move_application(
            request.user,
            application_id=pk,
            stage_id=stage_id,
            before_id=_int(request.POST.get("before")),
        )
    except services.JobsError as exc:
        return HttpResponse(str(exc), status=400)
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    messages.success(request, f"Moved {application.role_title} to {application.stage.name}.")
    return redirect(safe_next(request, reverse("jobs:board")))


@owner_view
@require_POST
def application_archive(request: HttpRequest, pk: int) -> HttpResponse:
    archived = request.POST.get("archived", "1") == "1"
    application = services.archive_application(request.user, application_id=pk, archived=archived)
    word = "Archived" if archived else "Restored"
    messages.success(request, f"{word} {application.role_title}.")
    return redirect("jobs:application", pk)


@login_required
def posting_list(request: HttpRequest) -> HttpResponse:
    form = PostingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = queries.postings(
        request.user,
        family=filters.get("family", ""),
        level=filters.get("level", ""),
        workplace=filters.get("workplace", ""),
        search=(filters.get("q") or "").strip(),
    )
    context = {"form": form, "page": queries.paginate(rows, request.GET.get("page"))}
    return render(request, "jobs/postings.html", context)


@owner_view
def posting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    posting = get_owned_or_404(Posting.objects.select_related("company"), request.user, pk=pk)
    tracked = posting.applications.filter(user=request.user).first()
    return render(request, "jobs/posting.html", {"posting": posting, "tracked": tracked})


@owner_view
@require_POST
def posting_track(request: HttpRequest, pk: int) -> HttpResponse:
    application = services.create_application(request.user, posting_id=pk)
    messages.success(request, f"Saved {application.role_title} to your pipeline.")
    return redirect("jobs:application", application.pk)


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind")
    paste = PasteForm(request.POST if kind == "paste" else None)
    upload = UploadForm(
        request.POST if kind == "upload" else None,
        request.FILES if kind == "upload" else None,
    )
    address = UrlForm(request.POST if kind == "url" else None)
    board = BoardForm(request.POST if kind == "board" else None)
    outcome = None
    if request.method == "POST":
        if paste.is_bound and paste.is_valid():
            outcome = imports.import_text(request.user, paste.cleaned_data["text"])
        elif upload.is_bound and upload.is_valid():
            file = upload.cleaned_data["file"]
            outcome = imports.import_file(request.user, file.name, file.read())
        elif address.is_bound and address.is_valid():
            try:
                outcome = imports.import_url(request.user, address.cleaned_data["url"])
            except services.JobsError as exc:
                address.add_error("url", str(exc).removeprefix("url: "))
        elif board.is_bound and board.is_valid():
            from pmpath.jobs import boards_service  # httpx and the parsers load on first use

            data = board.cleaned_data
            try:
                outcome = boards_service.import_board(
                    request.user,
                    data["board_kind"],
                    data["board_name"].strip(),
                    company=data["company_name"],
                )
            except services.JobsError as exc:
                board.add_error("board_name", str(exc))
        if outcome is not None and outcome.saved is not None and len(outcome.postings) == 1:
            messages.success(request, outcome.headline)
            if outcome.missing:
                lacks = ", ".join(outcome.missing)
                messages.warning(request, f"The page's JobPosting markup lacks: {lacks}.")
            return redirect("jobs:posting", outcome.postings[0].pk)
    context = {
        "paste": paste,
        "upload": upload,
        "address": address,
        "board": board,
        "outcome": outcome,
    }
    return render(request, "jobs/import.html", context)


@login_required
def csv_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pmpath-postings-template.csv"'
    return response


@login_required
def postings_export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        imports.export_postings_csv(request.user), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="pmpath-postings.csv"'
    return response
