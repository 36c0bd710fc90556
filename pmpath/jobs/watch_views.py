"""The watchlist and inbox page, and the bookmarklet's two routes. Thin: rules live in
watches.py, watch_queries.py and bookmarklet.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pmpath.career import queries as career
from pmpath.core.access import owner_view
from pmpath.jobs import watch_queries, watches
from pmpath.jobs.bookmarklet import create_bookmarklet
from pmpath.jobs.services import JobsError
from pmpath.jobs.watch_forms import WatchForm


@login_required
def watchlist(request: HttpRequest) -> HttpResponse:
    form = WatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            watch = watches.add_watch(request.user, **form.cleaned_data)
        except JobsError as exc:
            name, _, message = str(exc).partition(": ")
            form.add_error(name if name in form.fields else None, message or str(exc))
        else:
            messages.success(
                request,
                f"Watching {watch.company.name}'s {watch.get_board_kind_display()} board. "
                "It is checked within 15 minutes, then every few hours; Poll now checks it "
                "at once.",
            )
            return redirect("jobs:watchlist")
    profile = career.profile_for(request.user)
    context = {
        "form": form,
        "watches": watch_queries.watches(request.user),
        "inbox": watch_queries.inbox_page(
            request.user, profile=profile, number=request.GET.get("page")
        ),
        "profile": profile,
        "levels": watch_queries.inbox_levels(profile),
    }
    return render(request, "jobs/watchlist.html", context)


@owner_view
@require_POST
def watch_poll(request: HttpRequest, pk: int) -> HttpResponse:
    report = watches.poll_watch_now(request.user, watch_id=pk)
    (messages.error if report.error else messages.success)(request, report.summary)
    return redirect("jobs:watchlist")


@owner_view
@require_POST
def watch_pause(request: HttpRequest, pk: int) -> HttpResponse:
    paused = request.POST.get("paused", "1") == "1"
    watch = watches.pause_watch(request.user, watch_id=pk, paused=paused)
    word = "Paused" if paused else "Resumed"
    messages.success(request, f"{word} {watch.company.name} ({watch}).")
    return redirect("jobs:watchlist")


@owner_view
@require_POST
def watch_remove(request: HttpRequest, pk: int) -> HttpResponse:
    watch = watches.remove_watch(request.user, watch_id=pk)
    messages.success(
        request, f"Stopped watching {watch.company.name} ({watch}). Its postings stay."
    )
    return redirect("jobs:watchlist")


@owner_view
@require_POST
def inbox_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    posting = watches.dismiss(request.user, posting_id=pk)
    messages.success(request, f"Dismissed {posting.title}.")
    return redirect(reverse("jobs:watchlist") + "#inbox")


@login_required
@require_POST
def bookmarklet_create(request: HttpRequest) -> HttpResponse:
    origin = request.build_absolute_uri("/").rstrip("/")
    code = create_bookmarklet(
        request.user, origin=origin, save_path=reverse("jobs:bookmarklet_save")
    )
    response = render(request, "jobs/bookmarklet.html", {"code": code})
    response["Cache-Control"] = "no-store"  # it carries the token: shown once, kept nowhere
    return response


def bookmarklet_save(request: HttpRequest) -> HttpResponse:
    """The window the bookmarklet opens. It holds no data of anyone's, so it needs no log-in:
    the page it receives is saved with the bookmarklet's token."""
    response = render(request, "jobs/bookmarklet_save.html")
    # Django sends COOP same-origin by default, which would cut this window off from the
    # job site that opened it; postMessage needs the link.
    response["Cross-Origin-Opener-Policy"] = "unsafe-none"
    response["Cache-Control"] = "no-store"
    return response
