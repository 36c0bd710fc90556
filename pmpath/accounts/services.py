"""Account use cases: users and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pmpath.accounts.models import APIToken, User
from pmpath.core import generation
from pmpath.core.models import get_owned_or_404

TOKEN_PREFIX = "pmp_"
# Writing last_used_at on every API call would turn reads into writes; once a minute is plenty.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class AccountError(Exception):
    """A user-facing account problem; the message says what to change."""


def create_user(
    *, username: str, email: str = "", password: str | None = None, is_admin: bool = False
) -> User:
    username = username.strip()
    if not username:
        raise AccountError("A username is required.")
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(f"The username {username!r} is taken.")
    user = User(username=username, email=email.strip(), is_staff=is_admin, is_superuser=is_admin)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise AccountError(" ".join(exc.messages)) from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(user: User, *, name: str) -> tuple[APIToken, str]:
    """A new token and its secret, which is never stored and cannot be shown again."""
    name = name.strip() or "API token"
    secret = secrets.token_urlsafe(32)
    raw = f"{TOKEN_PREFIX}{secret}"
    token = APIToken.objects.create(
        user=user, name=name[:100], prefix=raw[: len(TOKEN_PREFIX) + 6], key_hash=_hash(raw)
    )
    return token, raw


def revoke_token(user: User, *, token_id: int) -> None:
    get_owned_or_404(APIToken, user, pk=token_id).delete()


def user_for_token(raw: str) -> User | None:
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        APIToken.objects.select_related("user")
        .filter(key_hash=_hash(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        with transaction.atomic():
            APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
            generation.touch_after_commit(token.user_id)  # the settings page shows it
    return token.user
