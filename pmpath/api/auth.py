from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from pmpath.accounts.services import user_for_token
from pmpath.security import clientaddr, throttle


class TokenAuth(HttpBearer):
    """`Authorization: Bearer pmp_…` with a token made on the account settings page or by
    `pmpath users token`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        # Tokens are long and random, but guessing is still bounded per address.
        address = clientaddr.for_request(request)
        lock = throttle.token_lockout(address=address)
        if lock is not None:
            raise AuthenticationError(429, lock.message)
        user = user_for_token(token)
        if user is None:
            throttle.record_token_failure(address=address)
            # A wrong or revoked token is a 401 on its own; falling through to the session
            # check would answer a confusing "CSRF check failed" on writes.
            raise AuthenticationError(401, "Invalid or revoked API token.")
        request.user = user
        return user
