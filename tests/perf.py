"""The query-count guard: a page's SQL statement count must not grow with the user's data.

Use it in every list and detail page's tests:

    assert_constant_queries(client, "/things/", lambda n: make_things(alice, n))

`grow(n)` must bring the user's data to n rows of the thing the page lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client: Any, url: str, **headers: str) -> int:
    client.get(url, headers=headers)  # the first request may fill caches; count the second
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured.captured_queries)


def assert_constant_queries(
    client: Any,
    url: str,
    grow: Callable[[int], Any],
    *,
    small: int = 10,
    large: int = 1000,
    **headers: str,
) -> int:
    grow(small)
    at_small = count_queries(client, url, **headers)
    grow(large)
    at_large = count_queries(client, url, **headers)
    assert at_small == at_large, (
        f"{url}: {at_small} SQL statements with {small} rows but {at_large} with {large}"
    )
    return at_large
