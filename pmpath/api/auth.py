from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from pmpath.accounts.services import user_for_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer pmp_…` with a token made on the account settings page or by
    `pmpath users token`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None:
            # A wrong or revoked token is a 401 on its own; falling through to the session
            # check would answer a confusing "CSRF check failed" on writes.
            raise AuthenticationError(401, "Invalid or revoked API token.")
        request.user = user
        return user
