"""Log-in throttling without Redis: recent failures are rows in one table (LoginFailure), counted
per account and per client address over a sliding window, and pruned as new ones arrive.

- An account (the username as typed, lower-cased, whether or not it exists) is locked after
  PMPATH_LOGIN_MAX_FAILURES failures within PMPATH_LOGIN_WINDOW_MINUTES.
- An address is locked after PMPATH_LOGIN_MAX_FAILURES_PER_ADDRESS failures in the same window,
  whatever usernames it tried (password spraying).
- Invalid API tokens count per address separately (PMPATH_API_TOKEN_MAX_FAILURES).
A lock is not extended by attempts made while locked, so it ends at most one window after it
began; a successful log-in clears the account's failures (not the address's)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pmpath.security.models import LoginFailure


@dataclass(frozen=True)
class Lockout:
    kind: str
    minutes: int

    @property
    def message(self) -> str:
        wait = f"{self.minutes} minute{'s' if self.minutes != 1 else ''}"
        if self.kind == LoginFailure.ACCOUNT:
            return f"Too many failed log-ins for this account. Try again in {wait}."
        if self.kind == LoginFailure.TOKEN:
            return f"Too many invalid API tokens from your address. Try again in {wait}."
        return f"Too many failed log-ins from your network address. Try again in {wait}."


def _window() -> timedelta:
    return timedelta(minutes=settings.LOGIN_WINDOW_MINUTES)


def account_key(username: str) -> str:
    return username.strip().lower()[:150]


def _locked(kind: str, key: str, limit: int) -> Lockout | None:
    now = timezone.now()
    window = _window()
    recent = list(
        LoginFailure.objects.filter(kind=kind, key=key, at__gte=now - window)
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return None
    # Unlocks when the oldest of the last `limit` failures leaves the window.
    remaining = (recent[-1] + window - now).total_seconds()
    return Lockout(kind=kind, minutes=max(1, math.ceil(remaining / 60)))


def login_lockout(*, username: str, address: str) -> Lockout | None:
    return _locked(
        LoginFailure.ACCOUNT, account_key(username), settings.LOGIN_MAX_FAILURES
    ) or _locked(LoginFailure.ADDRESS, address[:150], settings.LOGIN_MAX_FAILURES_PER_ADDRESS)


def token_lockout(*, address: str) -> Lockout | None:
    return _locked(LoginFailure.TOKEN, address[:150], settings.API_TOKEN_MAX_FAILURES)


def _prune() -> None:
    LoginFailure.objects.filter(at__lt=timezone.now() - _window()).delete()


def record_login_failure(*, username: str, address: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        _prune()
        LoginFailure.objects.bulk_create(
            [
                LoginFailure(kind=LoginFailure.ACCOUNT, key=account_key(username), at=now),
                LoginFailure(kind=LoginFailure.ADDRESS, key=address[:150], at=now),
            ]
        )


def record_token_failure(*, address: str) -> None:
    with transaction.atomic():
        _prune()
        LoginFailure.objects.create(kind=LoginFailure.TOKEN, key=address[:150], at=timezone.now())


def clear_account(username: str) -> None:
    LoginFailure.objects.filter(kind=LoginFailure.ACCOUNT, key=account_key(username)).delete()
