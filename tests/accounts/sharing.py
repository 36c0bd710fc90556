"""Helpers for the sharing tests: dave, the reviewer alice invites, and the things she shares."""

from __future__ import annotations

from typing import Any

from django.test import Client

from pmpath.accounts import share_services
from pmpath.accounts.models import Share
from pmpath.interview import mock_queries, mocks, practice
from tests.conftest import make_user, onboard

ANSWER = (
    "## Clarify\nI would ask who the commuters are.\n\n"
    "<script>alert(1)</script> **Metric**: on-time arrivals."
)


def make_reviewer(username: str = "dave") -> tuple[Any, Client]:
    user = make_user(username)
    onboard(user)
    client = Client()
    client.force_login(user)
    return user, client


def answered_mock(user: Any) -> Any:
    mock = mocks.create_mock(user, level="pm")
    mocks.start(user, mock_id=mock.pk)
    first = mock_queries.items_of(mock)[0]
    practice.submit_attempt(
        user, question_id=first.question_id, answer=ANSWER, duration_seconds=95, mock_id=mock.pk
    )
    return mock


def share(owner: Any, kind: str, object_id: int, reviewer: Any = None, **extra: Any) -> Share:
    made = share_services.create_share(owner, kind=kind, object_id=object_id, **extra)
    if reviewer is not None:
        share_services.accept_share(reviewer, token=made.token)
        made.refresh_from_db()
    return made
