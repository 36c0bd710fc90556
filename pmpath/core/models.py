"""The owned-model base: every user's record derives from OwnedModel, so "only this user's
rows" is the default way to reach it (Model.objects.owned_by(user))."""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.http import Http404

M = TypeVar("M", bound="OwnedModel")


class OwnedQuerySet(models.QuerySet):
    def owned_by(self, user: Any) -> OwnedQuerySet:
        # An anonymous user owns nothing; filtering on its None id would match nothing anyway,
        # but saying so avoids a query.
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)


class OwnedModel(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True


def get_owned_or_404(model: type[M] | models.QuerySet, user: Any, **lookup: Any) -> M:
    """The object if `user` owns it; a 404 for everyone else, so another user's ids leak nothing.
    `model` may be a model or one of its querysets (to add select_related and the like)."""
    rows = model if isinstance(model, models.QuerySet) else model.objects.all()  # type: ignore[attr-defined]
    try:
        return rows.owned_by(user).get(**lookup)  # type: ignore[no-any-return]
    except (rows.model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No {rows.model._meta.verbose_name} here.") from None


class KnowledgeVersion(models.Model):
    """Which version of each shipped knowledge file is loaded, so `pmpath setup` is idempotent
    and reloads a file only when its content changes."""

    name = models.CharField(max_length=100, unique=True)
    version = models.PositiveIntegerField()
    checksum = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class AccountImport(OwnedModel):
    """An account export loaded by `pmpath import-account`: the export's id, so loading the
    same file again finds it and changes nothing (pmpath/core/account_data.py)."""

    export_id = models.CharField(max_length=64)
    checksum = models.CharField(max_length=64)
    records = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "export_id"], name="account_import_once")
        ]

    def __str__(self) -> str:
        return f"import of {self.export_id}"


class TaskRun(models.Model):
    """A background task a worker has taken off the queue and not yet finished. Huey removes
    a message from its queue when a worker takes it, so a worker killed mid-task would lose
    it; this row outlives the worker, and the next worker to start queues the task again
    (pmpath/core/task_runs.py)."""

    task_id = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    message = models.BinaryField()
    owner = models.CharField(max_length=200, help_text="host:pid:start of the worker process")
    started_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.name} ({self.task_id})"
