"""An attachment's file lives as long as its row: deleting the row (directly, with its case
study, or with its owner's account) removes the file once the deletion is committed, so a
rolled-back delete never loses an image."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from pmpath.portfolio.models import Attachment


@receiver(post_delete, sender=Attachment, dispatch_uid="portfolio-attachment-file")
def remove_file(sender: type[Attachment], instance: Attachment, **kwargs: Any) -> None:
    name = instance.image.name
    if not name:
        return
    storage = instance.image.storage
    transaction.on_commit(lambda: storage.delete(name))
