from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pmpath.career import queries as career
from pmpath.interview import queries


@login_required
def index(request: HttpRequest) -> HttpResponse:
    profile = career.profile_for(request.user)
    playbook = career.guide("playbook-interview")
    tip = playbook["by_background"].get(profile.background) if playbook and profile else None
    context = {
        "bank": queries.bank_counts(request.user),
        "profile": profile,
        "playbook": playbook,
        "tip": tip,
    }
    return render(request, "interview/index.html", context)
