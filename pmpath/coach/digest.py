"""The weekly digest: last week in figures, this week's goals, next actions and the coach's
findings, as a page and (for people who have not unsubscribed) an e-mail sent on Monday.

Idempotent: a DigestSent row per user and week is written, under a unique constraint, before
the mail goes out, so a second run (or a second worker) sends nothing. If sending fails the
row is removed again, so the next run tries once more. The unsubscribe link carries a signed
token (django.core.signing) naming the user: it works without logging in and cannot be forged
for another user."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from pmpath.coach.models import DigestPreference, DigestSent

log = logging.getLogger(__name__)
SALT = "pmpath.coach.digest.unsubscribe"


@dataclass
class Summary:
    week_start: date  # the week the digest is for (this week)
    last_week: Any  # career.goal_queries.Week, the week before
    this_week: Any
    coach: Any  # coach.queries.Coach

    @property
    def last_week_end(self) -> date:
        return self.week_start - timedelta(days=1)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def summary(user: Any, *, now: datetime | None = None, cached: bool = False) -> Summary:
    """`cached` for the page (the present): the coach's gathered input may come from its cache
    (coach.queries.coach); the e-mail reads everything afresh."""
    from pmpath.career import goal_queries
    from pmpath.coach import memo, queries

    now = now or timezone.now()
    today = timezone.localdate(now)
    fp = memo.fingerprint(user, today)
    weeks = memo.cached(
        user, "weeks", fp, lambda: goal_queries.recent_weeks(user, today=today, weeks=2)
    )
    report = queries.coach(user, now=now, week=weeks[0], fingerprint=fp, cached=cached)
    return Summary(weeks[0].start, weeks[1], weeks[0], report)


# --- subscription ---------------------------------------------------------------------------


def is_subscribed(user: Any) -> bool:
    row = DigestPreference.objects.owned_by(user).first()
    return row.subscribed if row else True


def set_subscribed(user: Any, *, subscribed: bool) -> DigestPreference:
    row, _ = DigestPreference.objects.update_or_create(
        user=user, defaults={"subscribed": subscribed}
    )
    return row


def token_for(user: Any) -> str:
    return signing.dumps({"u": user.pk}, salt=SALT, compress=True)


def user_for_token(token: str) -> Any:
    from pmpath.accounts.models import User

    if not token or len(token) > 200:
        return None
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    pk = data.get("u") if isinstance(data, dict) else None
    return User.objects.filter(pk=pk, is_active=True).first() if isinstance(pk, int) else None


def unsubscribe_url(user: Any) -> str:
    return settings.BASE_URL + reverse("coach:unsubscribe", args=[token_for(user)])


# --- sending --------------------------------------------------------------------------------


def recipients() -> Any:
    from pmpath.accounts.models import User

    opted_out = DigestPreference.objects.filter(subscribed=False).values("user_id")
    return (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .exclude(pk__in=opted_out)
        .order_by("id")
    )


def send_for(user: Any, *, now: datetime | None = None) -> bool:
    """Send this week's digest to one user unless it was sent already. True when sent."""
    from pmpath.coach.links import href

    now = now or timezone.now()
    report = summary(user, now=now)
    try:
        with transaction.atomic():
            row = DigestSent.objects.create(user=user, week_start=report.week_start)
    except IntegrityError:
        return False  # already sent (or being sent) this week
    context = {
        "summary": report,
        "user": user,
        "base": settings.BASE_URL,
        "href": href,
        "unsubscribe": unsubscribe_url(user),
    }
    subject = f"Your pmpath week: {report.week_start:%d %b}"
    text = render_to_string("coach/digest_email.txt", context)
    html = render_to_string("coach/digest_email.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.extra_headers["List-Unsubscribe"] = f"<{context['unsubscribe']}>"
    try:
        message.send()
    except Exception:
        log.exception("weekly digest for user %s could not be sent", user.pk)
        row.delete()  # the next run tries again
        return False
    row.sent_at = timezone.now()
    row.save(update_fields=["sent_at", "updated_at"])
    return True


def send_weekly(*, now: datetime | None = None) -> int:
    """Send the week's digest to everyone subscribed; returns how many were sent."""
    from pmpath.career.models import CandidateProfile

    onboarded = set(
        CandidateProfile.objects.filter(onboarded_at__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    sent = 0
    for user in recipients().iterator():
        if user.pk in onboarded and send_for(user, now=now):
            sent += 1
    return sent
