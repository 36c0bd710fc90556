from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pmpath.accounts import instance_services, queries, services
from pmpath.accounts.forms import SignUpForm, TokenForm
from pmpath.accounts.instance_services import InstanceError
from pmpath.core import pagecache
from pmpath.core.access import owner_view
from pmpath.security.forms import ThrottledAuthenticationForm


def signup(request: HttpRequest) -> HttpResponse:
    # An invitation: an admin's sign-up link, or a reviewer's share link (see instance_services).
    token = (request.POST.get("invite") or request.GET.get("invite") or "")[:64]
    allowance = instance_services.signup_allowance(token)
    if not allowance.allowed:
        context = {"mode": allowance.mode, "had_token": bool(token)}
        return render(request, "accounts/signup_closed.html", context, status=403)
    if request.user.is_authenticated:
        return redirect("core:home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
                instance_services.use_allowance(allowance, user)
        except InstanceError as exc:
            form.add_error(None, str(exc))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            if allowance.share is not None:
                messages.success(request, f"Welcome, {user.username}. Accept the invitation below.")
                return redirect("review:invite", allowance.share.token)
            messages.success(
                request, f"Welcome to pmpath, {user.username}. Let's set up your plan."
            )
            return redirect("career:onboarding")
    context = {"form": form, "invite": token if allowance.invitation or allowance.share else ""}
    return render(request, "accounts/signup.html", context)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    # Throttled per account and per address (pmpath/security/throttle.py).
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        context = super().get_context_data(**kwargs)
        context["registration_open"] = instance_services.registration_mode() == "open"
        return context


class LogoutView(auth_views.LogoutView):
    pass


@pagecache.own_data
@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, "Your password has been changed.")
        return redirect("accounts:settings")
    return render(request, "accounts/password_change.html", {"form": form})


@pagecache.own_data
@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = services.create_token(request.user, name=form.cleaned_data["name"])
        form = TokenForm()
    context = {
        "form": form,
        "tokens": list(queries.tokens_for(request.user)),
        "new_token": new_token,
    }
    return render(request, "accounts/settings.html", context)


@owner_view
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    services.revoke_token(request.user, token_id=token_id)
    messages.success(request, "The token was revoked. Scripts using it will stop working.")
    return redirect("accounts:settings")
