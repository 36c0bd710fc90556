from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pmpath.accounts import queries, services
from pmpath.accounts.forms import SignUpForm, TokenForm
from pmpath.core.access import owner_view


def signup(request: HttpRequest) -> HttpResponse:
    if settings.REGISTRATION != "open":
        return render(request, "accounts/signup_closed.html", status=403)
    if request.user.is_authenticated:
        return redirect("core:home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome to pmpath, {user.username}. Let's set up your plan.")
        return redirect("career:onboarding")
    return render(request, "accounts/signup.html", {"form": form})


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        context = super().get_context_data(**kwargs)
        context["registration_open"] = settings.REGISTRATION == "open"
        return context


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, "Your password has been changed.")
        return redirect("accounts:settings")
    return render(request, "accounts/password_change.html", {"form": form})


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
