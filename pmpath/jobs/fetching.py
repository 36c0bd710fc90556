"""The jobs area's way out to the network: core.fetch with the instance's settings.

Everything in the jobs area that downloads (job pages, boards, the watchlist poller) goes
through get(), so tests swap the whole network for recorded answers in one place with
replaying(), and nothing reaches a real server or DNS."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
from django.conf import settings

from pmpath.core.fetch import Fetched, Resolver, fetch, system_resolver

PAGE_MAX_BYTES = 5 * 1024 * 1024
# A large employer's Greenhouse board with full descriptions is several megabytes.
BOARD_MAX_BYTES = 25 * 1024 * 1024
TIMEOUT_SECONDS = 15.0


@dataclass
class Network:
    transport: httpx.BaseTransport | None = None
    resolver: Resolver = system_resolver
    sleep: Callable[[float], None] = time.sleep


_network = Network()


def get(
    url: str,
    *,
    max_bytes: int = PAGE_MAX_BYTES,
    etag: str = "",
    last_modified: str = "",
    accept: str = "*/*",
) -> Fetched:
    """GET through the SSRF guard, with the admin's allowed hosts. Raises FetchError."""
    return fetch(
        url,
        transport=_network.transport,
        resolver=_network.resolver,
        sleep=_network.sleep,
        allow_hosts=settings.FETCH_ALLOW_HOSTS,
        max_bytes=max_bytes,
        timeout=TIMEOUT_SECONDS,
        etag=etag,
        last_modified=last_modified,
        accept=accept,
    )


@contextmanager
def replaying(
    transport: httpx.BaseTransport,
    *,
    resolver: Resolver,
    sleep: Callable[[float], None] = lambda seconds: None,
) -> Iterator[None]:
    """Answer every download from `transport` (an httpx.MockTransport in tests)."""
    global _network
    saved = _network
    _network = Network(transport=transport, resolver=resolver, sleep=sleep)
    try:
        yield
    finally:
        _network = saved
