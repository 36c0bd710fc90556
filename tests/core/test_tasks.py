from datetime import timedelta

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from pmpath.core.tasks import clear_expired_sessions


def test_the_nightly_task_deletes_only_expired_sessions(db):
    live = SessionStore()
    live.create()
    stale = SessionStore()
    stale.create()
    Session.objects.filter(session_key=stale.session_key).update(
        expire_date=timezone.now() - timedelta(days=1)
    )
    clear_expired_sessions.call_local()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_the_task_runs_through_the_queue_inline_in_tests(db):
    # huey is "immediate" under pytest, so enqueueing runs the task at once.
    clear_expired_sessions()
