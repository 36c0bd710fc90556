"""The coach's pages: every finding with its evidence (and the snoozed and dismissed ones),
snooze / dismiss / restore (HTMX or plain forms), and the weekly digest with its opt-out.
Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from pmpath.coach import digest, queries, services
from pmpath.coach.detectors import MISTAKES, NAMES, Finding
from pmpath.coach.links import form_links, href
from pmpath.core.access import owner_view
from pmpath.core.htmx import is_htmx

PER_DETECTOR = 5  # findings of one kind shown on the coach page; the rest are counted
DECIDED_SHOWN = 30


def _grouped(findings: list[Finding]) -> list[tuple[str, list[Finding], int]]:
    """Findings under the mistake they belong to (in the guide's order), at most PER_DETECTOR
    of one kind; the number left out of each mistake."""
    groups: dict[str, list[Finding]] = {key: [] for key in MISTAKES}
    kept: dict[str, int] = {}
    left: dict[str, int] = dict.fromkeys(MISTAKES, 0)
    for f in findings:
        kept[f.detector] = kept.get(f.detector, 0) + 1
        if kept[f.detector] <= PER_DETECTOR:
            groups[f.mistake].append(f)
        else:
            left[f.mistake] += 1
    return [(MISTAKES[k], rows, left[k]) for k, rows in groups.items() if rows]


@login_required
def coach(request: HttpRequest) -> HttpResponse:
    report = queries.coach(request.user, cached=True)
    context = {
        "coach": report,
        "groups": _grouped(report.findings),
        "snoozed": report.snoozed[:DECIDED_SHOWN],
        "dismissed": report.dismissed[:DECIDED_SHOWN],
        "href": href,
        "links": form_links(),
        "decision_ids": queries.decision_ids(request.user),
        "detector_names": list(NAMES.items()),
    }
    return render(request, "coach/coach.html", context)


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("coach:index")
    return redirect(target or reverse("coach:index"))


def _decided(request: HttpRequest, message: str, decision: object) -> HttpResponse:
    if is_htmx(request):
        return render(request, "coach/_decided.html", {"message": message, "decision": decision})
    messages.success(request, message)
    return _back(request)


@owner_view
@require_POST
def snooze(request: HttpRequest, key: str) -> HttpResponse:
    try:
        days = int(request.POST.get("days", ""))
    except ValueError:
        days = 0
    try:
        decision = services.snooze(request.user, key=key, days=days)
    except services.CoachError as exc:
        messages.error(request, str(exc))
        return _back(request)
    until = decision.snoozed_until
    return _decided(request, f"Snoozed until {until:%a %d %b}.", decision)


@owner_view
@require_POST
def dismiss(request: HttpRequest, key: str) -> HttpResponse:
    decision = services.dismiss(request.user, key=key)
    return _decided(request, "Dismissed. It is listed on the coach page if you change your mind.",
                    decision)  # fmt: skip


@owner_view
@require_POST
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    services.restore(request.user, decision_id=pk)
    messages.success(request, "Back on your list while it holds.")
    return _back(request)


@login_required
def digest_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        subscribed = request.POST.get("subscribed") == "1"
        digest.set_subscribed(request.user, subscribed=subscribed)
        messages.success(
            request,
            "You will get the digest by e-mail every Monday."
            if subscribed
            else "No more digest e-mails. The page stays here.",
        )
        return redirect("coach:digest")
    summary = digest.summary(request.user, cached=True)
    return render(
        request,
        "coach/digest.html",
        {
            "summary": summary,
            "subscribed": digest.is_subscribed(request.user),
            "has_email": bool(getattr(request.user, "email", "")),
            "href": href,
        },
    )


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mail's one-click link: works without logging in; the signed token names the user.
    GET shows a confirmation button (mail scanners follow links); POST unsubscribes."""
    user = digest.user_for_token(token)
    if user is None:
        raise Http404("This unsubscribe link is not valid.")
    if request.method == "POST":
        digest.set_subscribed(user, subscribed=False)
        return render(request, "coach/unsubscribed.html", {"done": True})
    return render(request, "coach/unsubscribed.html", {"done": False, "token": token})
