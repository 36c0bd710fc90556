"""The instance admin's pages under /instance/: accounts (as counts), the registration mode,
sign-up invitations and links to the catalogue. Everyone who is not an admin gets a 404, so
the pages' existence is not advertised."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pmpath.accounts import instance_queries, instance_services
from pmpath.accounts.forms import InvitationForm
from pmpath.accounts.instance_services import InstanceError
from pmpath.accounts.models import REGISTRATION_MODES, User
from pmpath.core.redirects import safe_next


def admin_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            raise Http404("Not found.")
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


@admin_view
def overview(request: HttpRequest) -> HttpResponse:
    context = {
        "totals": instance_queries.totals(),
        "mode": instance_services.registration_mode(),
        "modes": REGISTRATION_MODES,
    }
    return render(request, "accounts/instance/overview.html", context)


@admin_view
def users(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "")[:100]
    context = {
        "page": instance_queries.users(search=search, page=request.GET.get("page")),
        "search": search,
        "labels": instance_queries.COUNT_LABELS,
    }
    return render(request, "accounts/instance/users.html", context)


def _account_switch(
    field: str, switch: Callable[[Any, int, bool], User], said: Callable[[User, bool], str]
) -> Callable[..., HttpResponse]:
    """A POST-only admin view that turns one thing about an account on ("1") or off, then says
    what happened, or why not, on the users page."""

    @admin_view
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        on = request.POST.get(field) == "1"
        try:
            messages.success(request, said(switch(request.user, pk, on), on))
        except InstanceError as exc:
            messages.error(request, str(exc))
        return redirect(safe_next(request, reverse("instance:users")))

    return view


user_active = _account_switch(
    "active",
    lambda admin, pk, on: instance_services.set_active(admin, user_id=pk, active=on),
    lambda user, on: f"{'Reactivated' if on else 'Deactivated'} {user.username}.",
)
user_admin = _account_switch(
    "admin",
    lambda admin, pk, on: instance_services.set_admin(admin, user_id=pk, make_admin=on),
    lambda user, on: f"{user.username} {'is now' if on else 'is no longer'} an admin.",
)


@admin_view
@require_POST
def registration(request: HttpRequest) -> HttpResponse:
    try:
        mode = instance_services.set_registration_mode(
            request.user, mode=request.POST.get("registration", "")
        )
    except InstanceError as exc:
        messages.error(request, str(exc).partition(": ")[2])
    else:
        messages.success(request, f"Registration is now {dict(REGISTRATION_MODES)[mode]}.")
    return redirect("instance:overview")


@admin_view
def invitations(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = instance_services.create_invitation(
            request.user, note=form.cleaned_data["note"], days=form.cleaned_data["days"]
        )
        messages.success(request, "Invitation created: copy its link below.")
        return redirect(f"{reverse('instance:invitations')}#invitation-{invitation.pk}")
    rows = instance_queries.invitations()
    signup = request.build_absolute_uri(reverse("accounts:signup"))
    context = {
        "form": form,
        "rows": [(i, instance_queries.invitation_state(i)) for i in rows],
        "signup": signup,
        "mode": instance_services.registration_mode(),
    }
    return render(request, "accounts/instance/invitations.html", context)


@admin_view
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    instance_services.revoke_invitation(request.user, invitation_id=pk)
    messages.success(request, "Invitation revoked.")
    return redirect("instance:invitations")
