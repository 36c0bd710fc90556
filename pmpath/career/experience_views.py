"""The experience log and the backgrounds' stretch experiences. Thin over experiences.py and
experience_queries.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pmpath.career import experience_queries as eq
from pmpath.career import experiences as services
from pmpath.career import queries
from pmpath.career.experiences import ExperienceError
from pmpath.career.growth_forms import ExperienceForm
from pmpath.career.models import Experience
from pmpath.core.access import owner_view
from pmpath.core.models import get_owned_or_404
from pmpath.core.redirects import safe_next


def _form_error(form: Any, exc: ExperienceError) -> None:
    name, _, message = str(exc).partition(": ")
    if message and name in form.fields:
        form.add_error(name, message)
    else:
        form.add_error(None, str(exc))


@login_required
def experience(request: HttpRequest) -> HttpResponse:
    profile = queries.profile_for(request.user)
    background = queries.background_or_none(profile.background if profile else "")
    status = request.GET.get("status", "")
    context = {
        "background": background,
        "stretches": eq.stretch_projects(background),
        "planned": eq.planned_keys(request.user),
        "skill_names": eq.skill_names(),
        "status": status if status in eq.STATUS_NAMES else "",
        "statuses": eq.STATUS_NAMES,
        "counts": eq.counts(request.user),
        "evidenced": eq.skills_evidenced(request.user),
        "page": eq.entries(request.user, status=status, page=request.GET.get("page")),
        "backgrounds": queries.backgrounds(),
    }
    return render(request, "career/experience.html", context)


@login_required
def experience_new(request: HttpRequest) -> HttpResponse:
    form = ExperienceForm(request.POST or None, initial={"status": "done"})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.add_experience(request.user, **form.cleaned_data)
        except ExperienceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"Added to your log: {entry.title}")
            return redirect("career:experience")
    return render(request, "career/experience_form.html", {"form": form, "entry": None})


@owner_view
def experience_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_owned_or_404(Experience, request.user, pk=pk)
    form = ExperienceForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_experience(request.user, experience=entry, **form.cleaned_data)
        except ExperienceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect("career:experience")
    stretch = eq.stretch_or_none(entry.stretch_key) if entry.stretch_key else None
    context = {"form": form, "entry": entry, "stretch": stretch}
    return render(request, "career/experience_form.html", context)


@owner_view
@require_POST
def experience_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_owned_or_404(Experience, request.user, pk=pk)
    services.delete_experience(request.user, experience=entry)
    messages.success(request, f"Deleted from your log: {entry.title}")
    return redirect("career:experience")


@login_required
@require_POST
def experience_plan(request: HttpRequest) -> HttpResponse:
    try:
        entry, created = services.plan_stretch(
            request.user, stretch_key=request.POST.get("stretch_key", "")
        )
    except ExperienceError as exc:
        messages.error(request, str(exc))
        return redirect(safe_next(request, reverse("career:experience")))
    if created:
        messages.success(
            request,
            "Planned. It is in your experience log: add a date, and when it is done, what you "
            "did and what came of it.",
        )
    else:
        messages.info(request, "That one is already in your log.")
    return redirect(safe_next(request, reverse("career:experience_edit", args=[entry.pk])))
