"""The coach keeps no findings of its own (they are computed from the candidate's data); it
stores only what the candidate decided about them, and the weekly digest's bookkeeping."""

from __future__ import annotations

from django.db import models

from pmpath.core.models import OwnedModel


class Decision(OwnedModel):
    """A finding the candidate dismissed for good, or snoozed until a day. Keyed by the detector
    and the finding's subject ("application:42"), so it outlives the request that showed it and
    stops mattering once the finding is gone."""

    detector = models.CharField(max_length=60)
    subject = models.CharField(max_length=120)
    dismissed = models.BooleanField(default=False)
    snoozed_until = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=300, blank=True, help_text="As shown when decided.")

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "detector", "subject"], name="coach_decision_one_per_finding"
            )
        ]

    def __str__(self) -> str:
        return f"{self.detector}:{self.subject}"

    @property
    def key(self) -> str:
        return f"{self.detector}:{self.subject}"


class DigestPreference(OwnedModel):
    """Whether the weekly digest is e-mailed. No row means subscribed (when the account has an
    e-mail address); the unsubscribe link and the digest page write one."""

    subscribed = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user"], name="coach_digest_preference_one_per_user")
        ]

    def __str__(self) -> str:
        return "subscribed" if self.subscribed else "unsubscribed"


class DigestSent(OwnedModel):
    """One e-mailed digest per user and week (the Monday that starts it): the row is written
    before sending, under a unique constraint, so two workers can never both send it."""

    week_start = models.DateField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(fields=["user", "week_start"], name="coach_digest_one_per_week")
        ]

    def __str__(self) -> str:
        return f"digest for the week of {self.week_start}"
