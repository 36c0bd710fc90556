"""Writes for the coach: what the candidate decided about a finding. Keyword-only arguments,
the acting user first. A decision is only taken on a finding the coach shows this user now,
so another user's finding keys (or made-up ones) get a 404."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.http import Http404
from django.utils import timezone

from pmpath.coach.models import Decision
from pmpath.core.models import get_owned_or_404

SNOOZE_CHOICES = (3, 7, 14, 30)


class CoachError(ValueError):
    """A decision that cannot be taken; the message names the field."""


def _finding(user: Any, key: str) -> Any:
    from pmpath.coach import queries

    found = queries.finding(user, key)
    if found is None:
        raise Http404("No such finding.")
    return found


def snooze(user: Any, *, key: str, days: int, today: date | None = None) -> Decision:
    finding = _finding(user, key)  # first: another user's key is a 404, whatever the days
    if days not in SNOOZE_CHOICES:
        raise CoachError(f"days: snooze for {', '.join(map(str, SNOOZE_CHOICES))} days")
    today = today or timezone.localdate()
    decision, _ = Decision.objects.update_or_create(
        user=user,
        detector=finding.detector,
        subject=finding.subject,
        defaults={
            "dismissed": False,
            "snoozed_until": today + timedelta(days=days),
            "title": finding.title[:300],
        },
    )
    return decision


def dismiss(user: Any, *, key: str) -> Decision:
    finding = _finding(user, key)
    decision, _ = Decision.objects.update_or_create(
        user=user,
        detector=finding.detector,
        subject=finding.subject,
        defaults={"dismissed": True, "snoozed_until": None, "title": finding.title[:300]},
    )
    return decision


def restore(user: Any, *, decision_id: int) -> Decision:
    """Undo a snooze or a dismissal: the finding shows again while it holds."""
    decision: Decision = get_owned_or_404(Decision, user, pk=decision_id)
    decision.delete()
    return decision
