"""The pipeline's stages: rename, add, delete, reorder and set outcomes. Every action is a
plain form post that works without JavaScript; drag-and-drop posts the new order."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pmpath.core.access import owner_view
from pmpath.jobs import queries, services
from pmpath.jobs.models import Stage


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def stages(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            stage = services.add_stage(
                request.user,
                name=request.POST.get("name", ""),
                outcome=request.POST.get("outcome", "open"),
            )
        except services.JobsError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Added {stage.name}.")
        return redirect("jobs:stages")
    context = {"rows": queries.stage_usage(request.user), "outcomes": Stage.OUTCOMES}
    return render(request, "jobs/stages.html", context)


@owner_view
@require_POST
def stage_update(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        stage = services.update_stage(
            request.user,
            stage_id=pk,
            name=request.POST.get("name", ""),
            outcome=request.POST.get("outcome") or None,
        )
    except services.JobsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Saved {stage.name}.")
    return redirect("jobs:stages")


@owner_view
@require_POST
def stage_move(request: HttpRequest, pk: int) -> HttpResponse:
    by = -1 if request.POST.get("direction") == "up" else 1
    services.move_stage(request.user, stage_id=pk, by=by)
    return redirect("jobs:stages")


@owner_view
@require_POST
def stage_delete(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        stage = services.delete_stage(request.user, stage_id=pk)
    except services.JobsError as exc:
        messages.error(request, f"Not deleted: {exc}.")
    else:
        messages.success(request, f"Deleted {stage.name}.")
    return redirect("jobs:stages")


@owner_view
@require_POST
def stages_reorder(request: HttpRequest) -> HttpResponse:
    """The order after a drag: every stage id once, in the new order."""
    ids = [_int(value) for value in request.POST.getlist("stage")]
    if any(pk is None for pk in ids):
        return HttpResponse("stage: ids are numbers", status=400)
    try:
        services.reorder_stages(request.user, stage_ids=[pk for pk in ids if pk is not None])
    except services.JobsError as exc:
        return HttpResponse(str(exc), status=400)
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    messages.success(request, "Saved the new order.")
    return redirect("jobs:stages")
