"""The candidate's side of sharing: create an invitation from an object's page, see every share
and its feedback, revoke. Thin over share_services.py and share_queries.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pmpath.accounts import share_queries, share_services
from pmpath.accounts.forms import ShareForm
from pmpath.accounts.share_services import ShareError
from pmpath.core import pagecache
from pmpath.core.access import owner_view
from pmpath.core.redirects import safe_next

PREFIX = "share"


def object_url(kind: str, object_id: int) -> str:
    """The candidate's own page of a shared object, where its sharing panel lives."""
    if kind == "portfolio":
        return reverse("portfolio:index")
    name = {"mock": "interview:mock", "case_study": "portfolio:case_study"}.get(
        kind, "jobs:application"
    )
    return reverse(name, args=[object_id])


def object_urls(shares: list[Any]) -> dict[int, str]:
    """Each share's object page, reversing one address per kind rather than one per row."""
    bases = {kind: object_url(kind, 0) for kind in share_services.KINDS}
    return {
        s.pk: bases[s.kind].replace("/0/", f"/{s.object_id}/")
        if s.kind != "portfolio"
        else bases[s.kind]
        for s in shares
    }


def invitation_link(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("review:invite", args=[token]))


@pagecache.own_data
@login_required
def share_list(request: HttpRequest) -> HttpResponse:
    shares = list(share_queries.shares_of(request.user)[:500])
    context = {
        "shares": shares,
        "titles": share_queries.titles_for(shares),
        "kind_names": share_queries.KIND_NAMES,
        "is_live": share_queries.is_live,
        "object_urls": object_urls(shares),
        "shared_with_me": share_queries.shared_with(request.user).count(),
    }
    return render(request, "accounts/shares.html", context)


@owner_view
@require_POST
def share_create(request: HttpRequest) -> HttpResponse:
    form = ShareForm(request.POST, prefix=PREFIX)
    if not form.is_valid():
        errors = "; ".join(f"{k}: {' '.join(str(e) for e in v)}" for k, v in form.errors.items())
        messages.error(request, f"The invitation was not created: {errors}")
        return redirect(safe_next(request, reverse("accounts:shares")))
    data = form.cleaned_data
    try:
        share = share_services.create_share(
            request.user,
            kind=data["kind"],
            object_id=data["object_id"],
            email=data["email"],
            note=data["note"],
            expires_in_days=data["expires_in_days"],
        )
    except ShareError as exc:
        messages.error(request, f"The invitation was not created: {exc}")
        return redirect(safe_next(request, reverse("accounts:shares")))
    back = object_url(share.kind, share.object_id)
    if share.email:
        sent = share_services.send_invitation(
            share,
            link=invitation_link(request, share.token),
            sender=share_queries.display_name(request.user),
        )
        if sent:
            messages.success(request, f"Invitation sent to {share.email}. The link is below too.")
        else:
            messages.warning(
                request, "The e-mail could not be sent. Copy the link below and send it yourself."
            )
    else:
        messages.success(request, "Invitation link created: copy it and send it to your reviewer.")
    return redirect(f"{back}#sharing")


@owner_view
@require_POST
def share_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    share = share_services.revoke_share(request.user, share_id=pk)
    who = share.reviewer.get_username() if share.reviewer else "the invitation link"
    messages.success(request, f"Access ended for {who}.")
    return redirect(safe_next(request, reverse("accounts:shares")))
