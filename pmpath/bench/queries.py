"""SQL statements per page, counted in-process with Django's test client."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from pmpath.bench.registry import Page


def count_queries(pages: list[Page], user: Any, token: str) -> dict[str, tuple[int, int]]:
    """For each page: (HTTP status, SQL statements) as the given user sees it."""
    results: dict[str, tuple[int, int]] = {}
    with override_settings(ALLOWED_HOSTS=["*"]):
        session_client = Client()
        session_client.force_login(user)
        anonymous = Client()
        for page in pages:
            client = session_client if page.auth == "session" else anonymous
            headers = dict(page.headers)
            if page.auth == "token":
                headers["Authorization"] = f"Bearer {token}"
            if page.htmx:
                headers["HX-Request"] = "true"
            client.get(page.path(user), headers=headers)  # warm caches
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page.path(user), headers=headers)
            results[page.name] = (response.status_code, len(captured.captured_queries))
    return results
