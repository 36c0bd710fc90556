from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from pmpath.security import clientaddr, throttle


class ThrottleMixin:
    """Refuses a locked account or address before checking the password (so a locked attacker
    learns nothing, and spends no Argon2 time), and counts each wrong password."""

    request: Any
    cleaned_data: dict[str, Any]

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        password = self.cleaned_data.get("password")
        if not (username and password):
            return super().clean()  # type: ignore[misc]
        address = clientaddr.for_request(self.request) if self.request else "unknown"
        lock = throttle.login_lockout(username=username, address=address)
        if lock is not None:
            raise forms.ValidationError(lock.message, code="throttled")
        try:
            cleaned = super().clean()  # type: ignore[misc]
        except forms.ValidationError as exc:
            if getattr(exc, "code", None) == "invalid_login":
                throttle.record_login_failure(username=username, address=address)
            raise
        throttle.clear_account(username)
        return cleaned


class ThrottledAuthenticationForm(ThrottleMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottleMixin, AdminAuthenticationForm):
    pass
