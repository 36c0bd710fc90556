from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from pmpath import __version__
from pmpath.career import queries as career

# Areas still shown as a guidance page only (each area replaces its entry with its own app).
AREAS: dict[str, str] = {}


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html", {"ladder": career.ladder()})
    profile = career.profile_for(request.user)
    if profile is None or not profile.onboarded:
        return redirect("career:onboarding")
    from pmpath.coach import dashboard

    context = dashboard.context(request.user, profile)
    context.update(
        profile=profile,
        target=career.level_or_none(profile.target_level),
        competencies=career.competencies(),
        background=career.background_or_none(profile.background),
        playbook=career.guide("playbook-dashboard"),
    )
    return render(request, "core/dashboard.html", context)


@login_required
def area(request: HttpRequest, key: str) -> HttpResponse:
    if key not in AREAS:
        raise Http404("No such area.")
    profile = career.profile_for(request.user)
    playbook = career.guide(f"playbook-{key}")
    tip = None
    if playbook and profile and profile.background:
        tip = playbook["by_background"].get(profile.background)
    context = {
        "key": key,
        "title": AREAS[key],
        "playbook": playbook,
        "tip": tip,
        "profile": profile,
    }
    return render(request, "core/area.html", context)


def patterns(request: HttpRequest) -> HttpResponse:
    from pmpath.career.forms import ProfileForm

    form = ProfileForm(data={"display_name": "x" * 3, "years_experience": "-1"})
    form.is_valid()
    return render(request, "core/patterns.html", {"form": form})


def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "version": __version__})
