"""A task for the killed-worker test: it notes that it started, waits, then notes that it
finished. Both notes are upserts, as every pmpath task's writes must be, so a second run
after a kill gives the same result as one run."""

from __future__ import annotations

import time

from huey.contrib.djhuey import db_task


@db_task()
def two_step_note(key: str, pause: float) -> None:
    from pmpath.accounts.models import User
    from pmpath.network.models import Tag

    user = User.objects.get(username="crash")
    Tag.objects.get_or_create(user=user, name=f"{key}-started")
    time.sleep(pause)
    Tag.objects.get_or_create(user=user, name=f"{key}-done")
