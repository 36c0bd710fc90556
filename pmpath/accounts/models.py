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
