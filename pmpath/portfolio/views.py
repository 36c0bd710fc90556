from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pmpath.career import queries as career
from pmpath.portfolio import queries


@login_required
def index(request: HttpRequest) -> HttpResponse:
    profile = career.profile_for(request.user)
    playbook = career.guide("playbook-portfolio")
    tip = playbook["by_background"].get(profile.background) if playbook and profile else None
    context = {
        "case_studies": list(queries.case_studies(request.user)[:100]),
        "profile": profile,
        "playbook": playbook,
        "tip": tip,
    }
    return render(request, "portfolio/index.html", context)
