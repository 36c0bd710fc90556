from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import json_script

from pmpath.career import queries as career
from pmpath.interview import progress, queries


@login_required
def index(request: HttpRequest) -> HttpResponse:
    profile = career.profile_for(request.user)
    playbook = career.guide("playbook-interview")
    tip = playbook["by_background"].get(profile.background) if playbook and profile else None
    found = progress.progress_for(request.user)
    context = {
        "progress": found,
        "progress_chart": json_script(found.chart(), "progress-data") if found.series else "",
        "bank": queries.bank_counts(request.user),
        "profile": profile,
        "playbook": playbook,
        "tip": tip,
    }
    return render(request, "interview/index.html", context)
