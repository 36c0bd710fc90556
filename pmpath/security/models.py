from __future__ import annotations

from django.db import models


class LoginFailure(models.Model):
    """One failed log-in (or API token) attempt, kept for the throttle window and then pruned.

    Not an OwnedModel: a failure belongs to a username typed by anyone, or to a network address,
    whether or not such an account exists. `key` is the lower-cased username for ACCOUNT rows,
    the client address for ADDRESS rows."""

    ACCOUNT = "account"
    ADDRESS = "address"
    TOKEN = "token"
    KINDS = [(ACCOUNT, "account"), (ADDRESS, "address"), (TOKEN, "API token address")]

    kind = models.CharField(max_length=10, choices=KINDS)
    key = models.CharField(max_length=150)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "key", "at"], name="security_failure_lookup")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} at {self.at:%Y-%m-%d %H:%M}"
