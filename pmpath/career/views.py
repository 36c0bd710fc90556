from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pmpath.career import queries, services
from pmpath.career.forms import ProfileForm
from pmpath.core.demo import load_demo


@login_required
def onboarding(request: HttpRequest) -> HttpResponse:
    profile = queries.profile_for(request.user)
    form = ProfileForm.for_profile(profile, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_profile(request.user, **form.cleaned_data)
        messages.success(request, "Your profile is saved. Here is your plan.")
        return redirect("core:home")
    first_time = profile is None or not profile.onboarded
    return render(request, "career/onboarding.html", {"form": form, "first_time": first_time})


@login_required
@require_POST
def load_demo_data(request: HttpRequest) -> HttpResponse:
    loaded = load_demo(request.user)
    messages.success(request, f"Demo data loaded ({'; '.join(loaded)}). Explore freely.")
    return redirect("core:home")


def overview(request: HttpRequest) -> HttpResponse:
    profile = queries.profile_for(request.user)
    context = {
        "ladder": queries.ladder(),
        "backgrounds": queries.backgrounds(),
        "profile": profile,
        "background": queries.background_or_none(profile.background if profile else ""),
        "playbook": queries.guide("playbook-career"),
    }
    return render(request, "career/overview.html", context)


def role(request: HttpRequest) -> HttpResponse:
    guide = queries.guide("role")
    if guide is None:
        raise Http404("The PM role guide is not loaded. Run `pmpath setup`.")
    context = {"role": guide, "ladder": queries.ladder()}
    return render(request, "career/role.html", context)


def level_detail(request: HttpRequest, key: str) -> HttpResponse:
    ladder = queries.ladder()
    position = next((i for i, lv in enumerate(ladder["levels"]) if lv["key"] == key), None)
    if position is None:
        raise Http404("No such level on the ladder.")
    levels = ladder["levels"]
    context = {
        "ladder": ladder,
        "level": levels[position],
        "previous": levels[position - 1] if position > 0 else None,
        "next": levels[position + 1] if position + 1 < len(levels) else None,
    }
    return render(request, "career/level.html", context)


def background_detail(request: HttpRequest, key: str) -> HttpResponse:
    background = queries.background_or_none(key)
    if background is None:
        raise Http404("No such background.")
    from pmpath.career import experience_queries

    names = {c.key: c.name for c in queries.competencies()}
    context = {
        "background": background,
        "competency_names": names,
        "skill_names": names,
        "stretches": experience_queries.stretch_projects(background),
        "planned": experience_queries.planned_keys(request.user),
    }
    return render(request, "career/background.html", context)
