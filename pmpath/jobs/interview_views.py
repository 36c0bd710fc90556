"""Pages for interview rounds, the upcoming-interviews page and the calendar (file and feed)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from pmpath.core.access import owner_view
from pmpath.core.models import get_owned_or_404
from pmpath.core.redirects import safe_next
from pmpath.jobs import interview_queries as queries
from pmpath.jobs import interview_services as services
from pmpath.jobs.interview_forms import (
    InterviewEditForm,
    InterviewForm,
    add_service_error,
    service_values,
)
from pmpath.jobs.models import INTERVIEW_KINDS, INTERVIEW_OUTCOMES, Application, Interview
from pmpath.jobs.services import JobsError

ADD_PREFIX = "interview"
KIND_NAMES = dict(INTERVIEW_KINDS)
OUTCOME_NAMES = dict(INTERVIEW_OUTCOMES)


def _add_form(user: Any, data: Any = None) -> InterviewForm:
    return InterviewForm(
        data,
        prefix=ADD_PREFIX,
        initial={"time_zone": queries.last_time_zone(user), "duration_minutes": 45},
    )


def application_context(user: Any, application: Application) -> dict[str, Any]:
    """What the application page's Interviews section needs."""
    return {
        "interviews": queries.interviews_for(application),
        "interview_form": _add_form(user),
        "time_zone_names": services.time_zone_names().values(),
    }


@owner_view
def interview_new(request: HttpRequest, pk: int) -> HttpResponse:
    application: Application = get_owned_or_404(
        Application.objects.select_related("company"), request.user, pk=pk
    )
    form = _add_form(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            interview = services.add_interview(
                request.user, application_id=application.pk, **service_values(form)
            )
        except JobsError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Added the {interview.get_kind_display().lower()} round.")
            return redirect(reverse("jobs:application", args=[application.pk]) + "#interviews")
    context = {
        "application": application,
        "form": form,
        "time_zone_names": services.time_zone_names().values(),
    }
    return render(request, "jobs/interview_new.html", context)


@owner_view
def interview_detail(request: HttpRequest, pk: int) -> HttpResponse:
    interview: Interview = get_owned_or_404(
        Interview.objects.select_related("application", "application__company"),
        request.user,
        pk=pk,
    )
    queries.localize([interview])
    local = interview.local_start  # type: ignore[attr-defined]
    initial = {
        "kind": interview.kind,
        "date": local.date(),
        "time": local.time().replace(tzinfo=None),
        "time_zone": interview.time_zone,
        "duration_minutes": interview.duration_minutes,
        "location": interview.location,
        "interviewers": interview.interviewers,
        "preparation": interview.preparation,
        "outcome": interview.outcome,
        "outcome_notes": interview.outcome_notes,
        "thank_you_sent_on": interview.thank_you_sent_on,
    }
    form = InterviewEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_interview(request.user, interview_id=pk, **service_values(form))
        except JobsError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Saved the interview.")
            return redirect("jobs:interview", pk)
    context = {
        "interview": interview,
        "application": interview.application,
        "form": form,
        "time_zone_names": services.time_zone_names().values(),
    }
    return render(request, "jobs/interview.html", context)


@owner_view
@require_POST
def interview_delete(request: HttpRequest, pk: int) -> HttpResponse:
    application_id = services.delete_interview(request.user, interview_id=pk)
    messages.success(request, "Deleted the interview.")
    return redirect(reverse("jobs:application", args=[application_id]) + "#interviews")


@owner_view
@require_POST
def interview_thank_you(request: HttpRequest, pk: int) -> HttpResponse:
    sent = request.POST.get("sent", "1") == "1"
    interview = services.mark_thank_you_sent(request.user, interview_id=pk, sent=sent)
    messages.success(
        request, "Marked the thank-you note as sent." if sent else "Cleared the thank-you note."
    )
    fallback = reverse("jobs:application", args=[interview.application_id]) + "#interviews"
    return redirect(safe_next(request, fallback))


def _feed_url(request: HttpRequest, raw: str) -> str:
    return request.build_absolute_uri(reverse("jobs:calendar_feed", args=[raw]))


@login_required
def interviews(request: HttpRequest) -> HttpResponse:
    """The upcoming interviews and follow-ups; a POST makes a new calendar address, shown once
    (like an API token, only its hash is kept)."""
    new_feed_url = None
    if request.method == "POST":
        try:
            _, raw = services.create_calendar_feed(request.user)
        except JobsError as exc:
            messages.error(request, str(exc).partition(": ")[2])
        else:
            new_feed_url = _feed_url(request, raw)
    context = {
        "upcoming": queries.upcoming(request.user),
        "new_feed_url": new_feed_url,
        "lookback_days": queries.LOOKBACK.days,
        "kind_names": KIND_NAMES,
        "outcome_names": OUTCOME_NAMES,
    }
    return render(request, "jobs/interviews.html", context)


@owner_view
@require_POST
def calendar_feed_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    feed = services.revoke_calendar_feed(request.user, feed_id=pk)
    messages.success(
        request, f"Revoked the calendar address starting {feed.prefix}; it now answers 404."
    )
    return redirect("jobs:interviews")


def _ics(body: bytes, *, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_GET
def calendar_download(request: HttpRequest) -> HttpResponse:
    body = queries.calendar_ics(request.user, base_url=request.build_absolute_uri("/"))
    return _ics(body, filename="pmpath-interviews.ics")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscription address: no log-in, the token is the key. Unknown and revoked tokens
    get the same 404."""
    user = services.user_for_calendar_token(token)
    if user is None:
        raise Http404("No calendar here.")
    body = queries.calendar_ics(user, base_url=request.build_absolute_uri("/"))
    response = _ics(body)
    response["X-Robots-Tag"] = "noindex"
    return response
