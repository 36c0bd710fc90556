from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from pmpath.core.models import OwnedModel


class User(AbstractUser):
    """pmpath's user. Its own model from the start, so fields can be added without a painful
    swap later."""

    class Meta:
        db_table = "accounts_user"


class APIToken(OwnedModel):
    """A personal API token. Only a SHA-256 of the secret is stored; the secret is shown once."""

    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


SHARE_KINDS = [
    ("mock", "mock interview"),
    ("case_study", "case study"),
    ("portfolio", "portfolio"),
    ("application", "application"),
]


class Share(OwnedModel):
    """One object a candidate (`user`) lets one reviewer read. The token is the invitation
    link's secret; whoever opens it first and accepts becomes the reviewer, and the link is
    then spent. Revoking or expiry ends access at once."""

    kind = models.CharField(max_length=12, choices=SHARE_KINDS)
    object_id = models.PositiveBigIntegerField(
        help_text="The shared object's id; 0 for a portfolio."
    )
    token = models.CharField(max_length=64, unique=True)
    # SET_NULL: a reviewer deleting their account must not delete the candidate's feedback.
    # The link stays spent all the same (accepted_at is set).
    reviewer = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(blank=True, help_text="Where the invitation was sent, if anywhere.")
    note = models.TextField(blank=True, help_text="What the candidate would like feedback on.")
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "kind", "object_id"], name="share_object"),
            models.Index(fields=["reviewer", "revoked_at"], name="share_reviewer"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id} shared by user {self.user_id}"


class ReviewComment(OwnedModel):
    """Written feedback a reviewer left on a shared object: the candidate's feedback log.
    Owned by the candidate (it is about their work and leaves with their account); `author` is
    the reviewer, kept empty if the reviewer's account is deleted."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["share", "created_at"], name="reviewcomment_share")]

    def __str__(self) -> str:
        return f"feedback on share {self.share_id}"


REGISTRATION_MODES = [
    ("open", "Open: anyone can sign up"),
    ("invite", "Invite-only: sign-up needs an invitation link"),
    ("closed", "Closed: only invitations from an admin"),
]


class InstanceSettings(models.Model):
    """Instance settings an admin changes at run time; one row at most. Until an admin saves
    one, the PMPATH_* environment defaults apply."""

    registration = models.CharField(max_length=8, choices=REGISTRATION_MODES)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "instance settings"

    def __str__(self) -> str:
        return f"registration {self.registration}"


class SignupInvitation(models.Model):
    """An admin's single-use, expiring link to create an account."""

    token = models.CharField(max_length=64, unique=True)
    note = models.CharField(max_length=200, blank=True, help_text="Who it is for.")
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"invitation {self.pk}"
