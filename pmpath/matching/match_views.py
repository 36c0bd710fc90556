"""The match panel (on every posting and application page, loaded as an htmx partial so those
pages stay fast) and the best-matches list. Thin: queries and services do the work."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from pmpath.core.access import owner_view
from pmpath.core.htmx import render_page
from pmpath.core.models import get_owned_or_404
from pmpath.jobs.models import Application, Posting
from pmpath.matching import queries, ranking, services
from pmpath.matching.match_forms import BestFilterForm


def _panel(request: HttpRequest, posting: Posting | None, **extra: Any) -> HttpResponse:
    who = queries.candidate(request.user)
    match = None
    building = False
    if who is not None and posting is not None:
        try:
            match = services.score_posting(request.user, who, posting.pk, wait=False)
        except ranking.NotReady:
            building = True
    context = {
        "posting": posting,
        "match": match,
        "has_resume": who is not None,
        "building": building,
        "again": request.get_full_path(),
        **extra,
    }
    context["gaps"] = queries.gap_links(match) if match else []
    context["resume_href"] = queries.resume_href()
    return render_page(
        request, "matching/match_panel.html", context, partial="matching/_match_panel.html"
    )


@owner_view
def posting_panel(request: HttpRequest, pk: int) -> HttpResponse:
    posting: Posting = get_owned_or_404(
        Posting.objects.select_related("company").only("id", "title", "company__name"),
        request.user,
        pk=pk,
    )
    return _panel(request, posting)


@owner_view
def application_panel(request: HttpRequest, pk: int) -> HttpResponse:
    application: Application = get_owned_or_404(
        Application.objects.select_related("posting__company").only(
            "id", "role_title", "posting__id", "posting__title", "posting__company__name"
        ),
        request.user,
        pk=pk,
    )
    return _panel(request, application.posting, application=application)


def _best(user: Any, filters: Any, **options: Any) -> queries.Best | None:
    """Best matches, or None while a first big index is built in the background."""
    try:
        return queries.best_matches(user, filters, wait=False, **options)
    except ranking.NotReady:
        return None


@login_required
def best(request: HttpRequest) -> HttpResponse:
    form = BestFilterForm(request.GET or None)
    values = form.values()
    inbox = values.get("scope") == "inbox"
    top = values.get("top") or queries.BEST_TOP
    found = _best(request.user, form.filters(), top=top, inbox=inbox)
    context: dict[str, Any] = {"form": form, "best": found, "inbox": inbox, "compact": False}
    context["again"] = request.get_full_path()
    context["resume_href"] = queries.resume_href()
    return render_page(request, "matching/best.html", context, partial="matching/_match_best.html")


@login_required
def best_compact(request: HttpRequest) -> HttpResponse:
    """The short list on the Jobs overview and the watchlist (loaded by htmx)."""
    inbox = request.GET.get("scope") == "inbox"
    found = _best(request.user, queries.filters_from(), top=5, inbox=inbox)
    context: dict[str, Any] = {
        "form": BestFilterForm(),
        "best": found,
        "inbox": inbox,
        "compact": True,
    }
    context["again"] = request.get_full_path()
    context["resume_href"] = queries.resume_href()
    return render_page(request, "matching/best.html", context, partial="matching/_match_best.html")
