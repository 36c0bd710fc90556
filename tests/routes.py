"""Every named URL pattern the app serves, with its full route, for the tests that must cover
all of them (tests/core/test_bench_registry.py, tests/core/test_isolation.py)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

THIRD_PARTY = {"admin"}


def routes(resolver=None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    """(namespace:name, full route) for every named pattern outside third-party namespaces."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            yield from routes(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name and namespace not in THIRD_PARTY:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, prefix + str(entry.pattern)
