from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pmpath.career import queries as career
from pmpath.network import event_queries, queries


@login_required
def index(request: HttpRequest) -> HttpResponse:
    profile = career.profile_for(request.user)
    playbook = career.guide("playbook-network")
    tip = playbook["by_background"].get(profile.background) if playbook and profile else None
    context = {
        "due": queries.due(request.user),
        "upcoming_events": event_queries.upcoming(request.user, limit=5),
        "counts": queries.counts(request.user),
        "profile": profile,
        "playbook": playbook,
        "tip": tip,
    }
    return render(request, "network/index.html", context)
