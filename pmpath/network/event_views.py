"""Pages for industry events: thin adapters over network/events.py and event_queries.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pmpath.core.access import owner_view
from pmpath.core.models import get_owned_or_404
from pmpath.jobs.interview_services import time_zone_names
from pmpath.network import event_queries as queries
from pmpath.network import events as services
from pmpath.network.event_forms import (
    EVENT_ALIASES,
    EventForm,
    FollowUpForm,
    IcsImportForm,
    QuickAddForm,
    add_service_error,
    event_initial,
    event_values,
)
from pmpath.network.models import EVENT_KINDS, EVENT_STATUSES, Event
from pmpath.network.services import NetworkError

MAX_UPLOAD = services.MAX_ICS_BYTES


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    page = queries.events_page(
        request.user, status=request.GET.get("status", ""), page=request.GET.get("page")
    )
    context = {
        "page": page,
        # Read per row from dicts, not through get_FOO_display (75 rows a page).
        "kind_names": dict(EVENT_KINDS),
        "status_names": dict(EVENT_STATUSES),
    }
    return render(request, "network/events.html", context)


def _zones() -> list[str]:
    return list(time_zone_names().values())


@login_required
def event_new(request: HttpRequest) -> HttpResponse:
    groups = queries.group_choices(request.user)
    initial: dict[str, Any] = {"time_zone": services.default_zone(request.user), "time": "18:30"}
    if request.GET.get("group", "").isdigit():
        initial["group"] = int(request.GET["group"])
    form = EventForm(request.POST or None, groups=groups, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = event_values(form)
        try:
            event = services.create_event(request.user, **values)
        except NetworkError as exc:
            add_service_error(form, exc, aliases=EVENT_ALIASES)
        else:
            messages.success(request, f"Added {event.name}.")
            return redirect("network:event", event.pk)
    return render(
        request, "network/event_form.html", {"form": form, "event": None, "zones": _zones()}
    )


@owner_view
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event: Event = get_owned_or_404(Event.objects.select_related("group"), request.user, pk=pk)
    search = request.GET.get("q", "").strip()[:100]
    detail = queries.event_detail(request.user, event, search=search)
    context = {
        "d": detail,
        "event": event,
        "q": search,
        "quick_add": QuickAddForm(),
        "today": timezone.localdate(),
    }
    return render(request, "network/event.html", context)


@owner_view
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_owned_or_404(Event, request.user, pk=pk)
    queries.localize([event])
    groups = queries.group_choices(request.user)
    form = EventForm(request.POST or None, groups=groups, initial=event_initial(event))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(request.user, event_id=pk, **event_values(form))
        except NetworkError as exc:
            add_service_error(form, exc, aliases=EVENT_ALIASES)
        else:
            messages.success(request, "Saved.")
            return redirect("network:event", pk)
    return render(
        request, "network/event_form.html", {"form": form, "event": event, "zones": _zones()}
    )


@owner_view
@require_POST
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_owned_or_404(Event, request.user, pk=pk)
    services.delete_event(request.user, event_id=pk)
    messages.success(
        request, f"Deleted {event.name}. The people you met there are still in your contacts."
    )
    return redirect("network:events")


@owner_view
@require_POST
def event_status(request: HttpRequest, pk: int) -> HttpResponse:
    status = request.POST.get("status", "")
    try:
        if status == "attended":
            event = services.mark_attended(request.user, event_id=pk)
        else:
            event = services.set_status(request.user, event_id=pk, status=status)
    except NetworkError as exc:
        get_owned_or_404(Event, request.user, pk=pk)
        messages.error(request, str(exc))
        return redirect("network:event", pk)
    messages.success(request, f"{event.name}: {event.get_status_display().lower()}.")
    return redirect("network:event", pk)


@owner_view
@require_POST
def event_contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    event: Event = get_owned_or_404(Event.objects.select_related("group"), request.user, pk=pk)
    form = QuickAddForm(request.POST)
    if form.is_valid():
        try:
            contact, created = services.quick_add_contact(
                request.user, event_id=pk, **form.cleaned_data
            )
        except NetworkError as exc:
            add_service_error(form, exc)
        else:
            word = "Added" if created else "Linked your existing contact"
            messages.success(request, f"{word} {contact.name}.")
            return redirect(reverse("network:event", args=[pk]) + "#met")
    detail = queries.event_detail(request.user, event)
    context = {
        "d": detail,
        "event": event,
        "q": "",
        "quick_add": form,
        "today": timezone.localdate(),
    }
    return render(request, "network/event.html", context, status=400)


@owner_view
@require_POST
def event_contact_link(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        contact_id = int(request.POST.get("contact", ""))
    except ValueError:
        get_owned_or_404(Event, request.user, pk=pk)
        messages.error(request, "contact: choose a contact")
        return redirect("network:event", pk)
    contact = services.link_contact(request.user, event_id=pk, contact_id=contact_id)
    messages.success(request, f"Linked {contact.name}.")
    return redirect("network:event", pk)


@owner_view
@require_POST
def event_contact_unlink(request: HttpRequest, pk: int, contact_id: int) -> HttpResponse:
    services.unlink_contact(request.user, event_id=pk, contact_id=contact_id)
    messages.success(request, "Removed from the people met there (still in your contacts).")
    return redirect("network:event", pk)


@owner_view
@require_POST
def event_follow_ups(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_owned_or_404(Event, request.user, pk=pk)
    ids = list(event.contacts_met.filter(user_id=event.user_id).values_list("id", flat=True))
    form = FollowUpForm(request.POST, contact_ids=ids)
    if not form.is_valid():
        messages.error(request, "follow_up_on: give the date to follow up by")
        return redirect("network:event", pk)
    try:
        count = services.follow_up_everyone(
            request.user,
            event_id=pk,
            contact_ids=form.cleaned_data["contacts"],
            follow_up_on=form.cleaned_data["follow_up_on"],
        )
    except NetworkError as exc:
        messages.error(request, str(exc))
        return redirect("network:event", pk)
    when = form.cleaned_data["follow_up_on"].strftime("%d %b")
    messages.success(request, f"Logged the meeting with {count} people; follow-ups due {when}.")
    return redirect("network:event", pk)


@login_required
def event_import(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = IcsImportForm(request.POST if posted else None, request.FILES if posted else None)
    outcome = None
    if posted and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload:
                if upload.size > MAX_UPLOAD:
                    raise NetworkError(
                        f"file: {upload.name} is {upload.size // 1024} KB, over the "
                        f"{MAX_UPLOAD // 1024} KB limit"
                    )
                outcome = services.import_ics(request.user, data=upload.read(), name=upload.name)
            else:
                outcome = services.import_ics_url(request.user, url=form.cleaned_data["url"])
        except NetworkError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, outcome.headline)
            if not outcome.skipped:
                return redirect("network:events")
    return render(request, "network/event_import.html", {"form": form, "outcome": outcome})


@login_required
def event_calendar(request: HttpRequest) -> HttpResponse:
    body = queries.calendar_ics(request.user, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pmpath-events.ics"'
    return response
