"""The self-assessment and readiness pages. Thin over assessments.py (writes),
assessment_queries.py (reads) and the pure readiness engine."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import json_script
from django.views.decorators.http import require_POST

from pmpath.career import assessment_queries as aq
from pmpath.career import assessments as services
from pmpath.career import readiness
from pmpath.career.assessments import AssessmentError
from pmpath.career.growth_forms import EvidenceForm
from pmpath.career.models import RATING_STATUSES, Assessment, Evidence
from pmpath.core.access import owner_view
from pmpath.core.htmx import is_htmx
from pmpath.core.models import get_owned_or_404
from pmpath.core.redirects import safe_next


def _sheet_context(request: HttpRequest, assessment: Assessment | None) -> dict[str, Any]:
    target = aq.target_level(request.user, request.GET.get("level", ""))
    latest = aq.latest(request.user)
    editable = assessment is not None and latest is not None and latest.pk == assessment.pk
    blocks = aq.rating_sheet(assessment, target)
    return {
        "assessment": assessment,
        "editable": editable,
        "latest": latest,
        "target": aq.engine_ladder().levels[aq.engine_ladder().level_index(target)],
        "window": aq.window(target),
        "blocks": blocks,
        "statuses": RATING_STATUSES,
        "rated": sum(b.rated for b in blocks),
        "total": sum(b.total for b in blocks),
        "history": aq.assessments(request.user),
    }


@login_required
def assessment(request: HttpRequest) -> HttpResponse:
    """Start or continue: the latest assessment's rating sheet."""
    return render(
        request, "career/assessment.html", _sheet_context(request, aq.latest(request.user))
    )


@owner_view
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One assessment: the latest takes ratings (POST); older ones are history, read only."""
    found = get_owned_or_404(Assessment, request.user, pk=pk)
    if request.method == "POST":
        statuses: dict[int, str] = {}
        for key in request.POST:
            if key.startswith("b-") and key[2:].isdigit():
                statuses[int(key[2:])] = request.POST.get(key, "")
        try:
            changed = services.rate(request.user, assessment=found, statuses=statuses)
        except AssessmentError as exc:
            if is_htmx(request):
                # htmx swaps only successful answers: the message must arrive as one.
                return render(request, "career/_saved.html", {"error": str(exc)})
            messages.error(request, str(exc))
            return redirect(safe_next(request, reverse("career:assessment")))
        if is_htmx(request):
            blocks = aq.rating_sheet(found, aq.target_level(request.user))
            return render(request, "career/_saved.html", {"changed": changed, "blocks": blocks})
        messages.success(
            request, f"Saved. {changed} {'rating' if changed == 1 else 'ratings'} changed."
        )
        return redirect(safe_next(request, reverse("career:assessment") + "#sheet"))
    return render(request, "career/assessment.html", _sheet_context(request, found))


@login_required
@require_POST
def assessment_new(request: HttpRequest) -> HttpResponse:
    had = aq.latest(request.user) is not None
    services.new_assessment(request.user, note=request.POST.get("note", ""))
    if had:
        messages.success(
            request,
            "A new assessment starts from your last ratings and evidence. Change what has moved; "
            "the old one stays in your history.",
        )
    return redirect("career:assessment")


def _evidence_context(
    request: HttpRequest, found: Assessment, behaviour: readiness.BehaviourSpec, form: EvidenceForm
) -> dict[str, Any]:
    ladder = aq.engine_ladder()
    rating = found.ratings.filter(behaviour_id=behaviour.id).first()
    return {
        "assessment": found,
        "editable": aq.is_latest(request.user, found),
        "behaviour": behaviour,
        "level": ladder.levels[ladder.level_index(behaviour.level)],
        "skill": next(s for s in ladder.skills if s.key == behaviour.skill),
        "rating": rating,
        "evidence": aq.evidence_by_behaviour(found).get(behaviour.id, []),
        "statuses": RATING_STATUSES,
        "form": form,
    }


@owner_view
def evidence(request: HttpRequest, pk: int, behaviour_id: int) -> HttpResponse:
    """One behaviour of an assessment: its rating, its evidence, and a form to attach more."""
    found = get_owned_or_404(Assessment, request.user, pk=pk)
    behaviour = aq.behaviour_or_none(behaviour_id)
    if behaviour is None:
        raise Http404("No such behaviour on the ladder.")
    posted = request.POST if request.method == "POST" else None
    form = EvidenceForm(posted, choices=aq.evidence_choices(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.attach_evidence(
                request.user,
                assessment=found,
                behaviour_id=behaviour.id,
                kind=data["kind"],
                object_id=data["object_id"],
                label=data.get("label", ""),
                url=data.get("url", ""),
            )
        except AssessmentError as exc:
            name, _, message = str(exc).partition(": ")
            form.add_error(name if name in ("label", "url") else None, message or str(exc))
        else:
            messages.success(request, "Evidence attached: this behaviour now counts in full.")
            return redirect("career:evidence", pk=found.pk, behaviour_id=behaviour.id)
    context = _evidence_context(request, found, behaviour, form)
    status = 400 if request.method == "POST" else 200
    return render(request, "career/evidence.html", context, status=status)


@owner_view
@require_POST
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    row: Evidence = get_owned_or_404(
        Evidence.objects.select_related("rating__assessment"), request.user, pk=pk
    )
    try:
        services.remove_evidence(request.user, evidence=row)
    except AssessmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Evidence removed.")
    return redirect(
        "career:evidence", pk=row.rating.assessment_id, behaviour_id=row.rating.behaviour_id
    )


@login_required
def readiness_page(request: HttpRequest) -> HttpResponse:
    found, report = aq.report(request.user, request.GET.get("level", ""))
    points = aq.history(request.user, report.target.key)
    ladder = aq.engine_ladder()
    context = {
        "assessment": found,
        "report": report,
        "points": points,
        "levels": ladder.levels,
        "threshold": readiness.THRESHOLD,
        "claim_discount": readiness.CLAIM_DISCOUNT,
        "position_names": _position_names(ladder, report),
        "charts": json_script(aq.chart_data(report, points), "readiness-data") if found else "",
    }
    return render(request, "career/readiness.html", context)


def _position_names(ladder: readiness.Ladder, report: readiness.Report) -> dict[str, str]:
    """The radar's figures in words, for the table: "meets PM, 40% towards senior PM"."""
    names = {}
    for skill in ladder.skills:
        value = report.positions.get(skill.key, 0.0)
        met = int(value)
        part = round((value - met) * 100)
        short = [lv.short or lv.name for lv in ladder.levels]
        towards = short[met] if met < len(short) else ""
        text = f"meets {short[met - 1]}" if met else "no level met"
        if towards and part:
            text += f", {part}% to {towards}"
        names[skill.key] = text
    return names
