"""Reviewer shares: a candidate lets one coach or peer read one object (a mock interview, a case
study, the portfolio or an application), read-only and revocable, and the reviewer leaves
written feedback on it."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from pmpath.accounts import share_queries
from pmpath.accounts.models import SHARE_KINDS, ReviewComment, Share
from pmpath.core import generation
from pmpath.core.models import get_owned_or_404

logger = logging.getLogger(__name__)

KINDS = {key for key, _ in SHARE_KINDS}
MAX_EXPIRY_DAYS = 365
MAX_NOTE = 2000
MAX_COMMENT = 5000
# last_viewed_at says "has my reviewer looked yet": to the minute is plenty, and a page view
# then rarely writes.
VIEW_RESOLUTION = timedelta(minutes=1)


class ShareError(Exception):
    """A user-facing sharing problem; the message says what to change."""


def create_share(
    user: Any,
    *,
    kind: str,
    object_id: int,
    email: str = "",
    note: str = "",
    expires_in_days: int | None = None,
) -> Share:
    """A new invitation for one object of the candidate's. Another user's object is a 404."""
    if kind not in KINDS:
        raise ShareError(f"kind: choose one of {', '.join(sorted(KINDS))}.")
    if kind == "portfolio":
        object_id = 0
    share_queries.owned_target(user, kind, object_id)
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_EXPIRY_DAYS:
        raise ShareError(f"expires_in_days: choose between 1 and {MAX_EXPIRY_DAYS} days.")
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise ShareError(f"note: keep it under {MAX_NOTE} characters.")
    expires_at = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
    return Share.objects.create(
        user=user,
        kind=kind,
        object_id=object_id,
        token=secrets.token_urlsafe(32),
        email=email.strip()[:254],
        note=note,
        expires_at=expires_at,
    )


def send_invitation(share: Share, *, link: str, sender: str) -> bool:
    """E-mail the invitation link to the address on the share. False (and a log line) when the
    mail server refuses; the link still works and can be copied by hand."""
    if not share.email:
        return False
    what = share_queries.KIND_NAMES.get(share.kind, share.kind)
    lines = [
        f"{sender} would like your feedback on their {what} in pmpath.",
        "",
        f"Open this link to read it (you will be asked to log in or create an account): {link}",
    ]
    if share.note:
        lines += ["", f"Their note: {share.note}"]
    lines += ["", "You can only read what was shared, and they can end your access at any time."]
    try:
        send_mail(
            f"{sender} shared a {what} with you for review",
            "\n".join(lines),
            settings.DEFAULT_FROM_EMAIL,
            [share.email],
        )
    except Exception:  # SMTP, DNS or socket trouble: the share stands, the sender is told
        logger.warning("could not send the review invitation for share %s", share.pk, exc_info=True)
        return False
    return True


def accept_share(reviewer: Any, *, token: str) -> Share:
    """Make `reviewer` the reader of the share behind this link. Accepting again is harmless;
    a link someone else already accepted, or a revoked or expired one, is a 404."""
    if not getattr(reviewer, "is_authenticated", False):
        raise Http404("Nothing shared here.")
    with transaction.atomic():
        found = share_queries.pending_share(token)
        if found is None:
            raise Http404("Nothing shared here.")
        # Lock the row so two people opening the same link cannot both become its reviewer.
        share = Share.objects.select_for_update().get(pk=found.pk)
        if share.user_id == reviewer.pk:
            raise ShareError("This is your own invitation: send the link to your reviewer.")
        if share.accepted_at is not None and share.reviewer_id != reviewer.pk:
            raise Http404("Nothing shared here.")  # spent: someone else accepted it
        if share.reviewer_id is None:
            share.reviewer = reviewer
            share.accepted_at = timezone.now()
            share.save(update_fields=["reviewer", "accepted_at", "updated_at"])
    return share


def revoke_share(user: Any, *, share_id: int) -> Share:
    """End a share now: its link and its review page answer 404 from the next request."""
    share = get_owned_or_404(Share, user, pk=share_id)
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at", "updated_at"])
    return share


def record_view(share: Share) -> None:
    now = timezone.now()
    if share.last_viewed_at is None or now - share.last_viewed_at > VIEW_RESOLUTION:
        Share.objects.filter(pk=share.pk).update(last_viewed_at=now)
        share.last_viewed_at = now
        generation.touch_after_commit(share.user_id)  # the owner's share panels show it


def add_comment(reviewer: Any, *, share_id: int, body: str) -> ReviewComment:
    """The reviewer's written feedback on a share they can read; a 404 for anyone else."""
    share = share_queries.share_for_reviewer(reviewer, share_id)
    body = body.strip()
    if not body:
        raise ShareError("body: write your feedback first.")
    if len(body) > MAX_COMMENT:
        raise ShareError(f"body: keep it under {MAX_COMMENT} characters.")
    return ReviewComment.objects.create(
        user_id=share.user_id, share=share, author=reviewer, body=body
    )
