"""Idle and absolute session timeouts.

The log-in time and the last activity are kept in the session itself (no extra table). The last
activity is rewritten at most once a minute, so a busy signed-in person costs one session write
a minute, not one per request. Django already gives every log-in a fresh session key
(django.contrib.auth.login cycles it), which tests/security/test_sessions.py checks."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout, user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

LOGIN_AT = "_pmp_login_at"
SEEN_AT = "_pmp_seen_at"
WRITE_EVERY = 60  # seconds between rewrites of the last-activity stamp


@receiver(user_logged_in, dispatch_uid="pmpath.security.stamp_login")
def stamp_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGIN_AT] = now
        request.session[SEEN_AT] = now


def expiry_reason(session: Any, now: int) -> str:
    """Why this signed-in session has ended, or "" while it is still good."""
    idle = settings.SESSION_IDLE_MINUTES * 60
    most = settings.SESSION_MAX_HOURS * 3600
    login_at = session.get(LOGIN_AT)
    seen_at = session.get(SEEN_AT)
    if most and isinstance(login_at, int) and now - login_at > most:
        hours = settings.SESSION_MAX_HOURS
        return f"You were signed out because you signed in more than {hours} hours ago."
    if idle and isinstance(seen_at, int) and now - seen_at > idle:
        minutes = settings.SESSION_IDLE_MINUTES
        return f"You were signed out after {minutes} minutes without activity."
    return ""


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        # Only sessions that carry a signed-in user; anonymous visitors cost nothing here.
        if session is not None and session.session_key and session.get(SESSION_KEY):
            now = int(time.time())
            reason = expiry_reason(session, now)
            if reason:
                logout(request)
                messages.info(request, f"{reason} Please log in again.")
            else:
                if not isinstance(session.get(LOGIN_AT), int):
                    # Signed in before these stamps existed: the clock starts now.
                    session[LOGIN_AT] = now
                seen = session.get(SEEN_AT)
                if not isinstance(seen, int) or now - seen >= WRITE_EVERY:
                    session[SEEN_AT] = now
        return self.get_response(request)
