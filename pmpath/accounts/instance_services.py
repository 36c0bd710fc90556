"""The instance admin's use cases: the registration mode, sign-up invitations, and turning
accounts off and on or into admins. None of them reads a candidate's content."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from pmpath.accounts import share_queries
from pmpath.accounts.models import (
    REGISTRATION_MODES,
    InstanceSettings,
    Share,
    SignupInvitation,
    User,
)
from pmpath.core import generation

MODES = [key for key, _ in REGISTRATION_MODES]
MAX_INVITATION_DAYS = 90


class InstanceError(Exception):
    """A user-facing admin problem; the message says what to change."""


def registration_mode() -> str:
    """The run-time mode an admin chose, else PMPATH_REGISTRATION."""
    row = InstanceSettings.objects.only("registration").first()
    return row.registration if row is not None else str(settings.REGISTRATION)


def set_registration_mode(admin: Any, *, mode: str) -> str:
    if mode not in MODES:
        raise InstanceError(f"registration: choose one of {', '.join(MODES)}.")
    with transaction.atomic():
        row = InstanceSettings.objects.select_for_update().first()
        if row is None:
            InstanceSettings.objects.create(registration=mode, updated_by=admin)
        else:
            row.registration = mode
            row.updated_by = admin
            row.save()
    return mode


# --- invitations ----------------------------------------------------------------------------


def create_invitation(admin: Any, *, note: str = "", days: int = 14) -> SignupInvitation:
    if not 1 <= days <= MAX_INVITATION_DAYS:
        raise InstanceError(f"days: choose between 1 and {MAX_INVITATION_DAYS}.")
    return SignupInvitation.objects.create(
        token=secrets.token_urlsafe(32),
        note=note.strip()[:200],
        created_by=admin,
        expires_at=timezone.now() + timedelta(days=days),
    )


def revoke_invitation(admin: Any, *, invitation_id: int) -> SignupInvitation:
    invitation = SignupInvitation.objects.filter(pk=invitation_id).first()
    if invitation is None:
        raise Http404("No invitation here.")
    if invitation.revoked_at is None and invitation.used_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def usable_invitation(token: str) -> SignupInvitation | None:
    if not token or len(token) > 64:
        return None
    return SignupInvitation.objects.filter(
        token=token, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).first()


@dataclass(frozen=True)
class Allowance:
    """Whether a sign-up may go ahead, and on the strength of which link."""

    mode: str
    allowed: bool
    invitation: SignupInvitation | None = None
    share: Share | None = None


def signup_allowance(token: str = "") -> Allowance:
    """Open: anyone. Invite-only: an admin's invitation or a reviewer's share link. Closed: an
    admin's invitation only."""
    mode = registration_mode()
    invitation = usable_invitation(token) if token else None
    share = share_queries.pending_share(token) if token and invitation is None else None
    if share is not None and share.accepted_at is not None:
        share = None  # a spent reviewer link opens no door
    allowed = mode == "open" or invitation is not None or (mode == "invite" and share is not None)
    return Allowance(mode, allowed, invitation, share)


def use_allowance(allowance: Allowance, user: User) -> None:
    """Spend the admin invitation a sign-up used; call inside the sign-up's transaction, so a
    second person racing on the same link is refused and their account is not created."""
    if allowance.invitation is None:
        return
    spent = SignupInvitation.objects.filter(
        pk=allowance.invitation.pk, used_at__isnull=True, revoked_at__isnull=True
    ).update(used_at=timezone.now(), used_by=user)
    if spent == 0 and allowance.mode != "open":
        raise InstanceError("This invitation has just been used. Ask for a new one.")


# --- accounts -------------------------------------------------------------------------------


def _account(user_id: int) -> User:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise Http404("No account here.")
    return user


def set_active(admin: Any, *, user_id: int, active: bool) -> User:
    """Deactivating logs the person out on their next request and stops their API tokens; their
    data stays. An admin cannot switch off their own account."""
    user = _account(user_id)
    if user.pk == admin.pk and not active:
        raise InstanceError("You cannot deactivate your own account.")
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        # What they shared leaves (or comes back to) their reviewers' pages.
        reviewers = Share.objects.filter(user=user, reviewer__isnull=False)
        for reviewer_id in set(reviewers.values_list("reviewer_id", flat=True)):
            generation.touch_after_commit(reviewer_id)
    return user


def set_admin(admin: Any, *, user_id: int, make_admin: bool) -> User:
    user = _account(user_id)
    if user.pk == admin.pk and not make_admin:
        raise InstanceError("You cannot remove your own admin rights; ask another admin.")
    user.is_staff = make_admin
    user.is_superuser = make_admin
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


def set_admin_by_name(*, username: str, make_admin: bool) -> User:
    """For `pmpath users admin`: the terminal is trusted, so no self-protection."""
    user = User.objects.filter(username__iexact=username.strip()).first()
    if user is None:
        raise InstanceError(f"No account called {username!r}.")
    user.is_staff = make_admin
    user.is_superuser = make_admin
    user.save(update_fields=["is_staff", "is_superuser"])
    return user
