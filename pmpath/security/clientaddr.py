"""The client's network address, for throttling.

REMOTE_ADDR is the peer that opened the connection. Behind a reverse proxy that is the proxy, so
every visitor would share one address; X-Forwarded-For then names the real client. That header
is written by whoever sends the request, so it is believed only when the connection comes from
an address listed in PMPATH_TRUSTED_PROXIES, and only for the hops those proxies added: the list
is read from the right, skipping trusted proxies, and the first untrusted entry is the client."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def parse_proxies(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """PMPATH_TRUSTED_PROXIES entries: single addresses or networks (10.0.0.0/8)."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.9:5000
        value = value.split(":")[0]
    try:
        return ipaddress.ip_address(value.split("%")[0])
    except ValueError:
        return None


def _trusted(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, proxies: Iterable[Network]
) -> bool:
    return any(address in network for network in proxies)


def client_address(meta: dict, trusted: tuple[str, ...]) -> str:
    """The address to throttle by, from a request's META and the trusted proxy list."""
    remote = _address(meta.get("REMOTE_ADDR", "") or "")
    if remote is None:
        return "unknown"
    proxies = parse_proxies(tuple(trusted))
    if not proxies or not _trusted(remote, proxies):
        return str(remote)
    hops = [h for h in (meta.get("HTTP_X_FORWARDED_FOR", "") or "").split(",") if h.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            # A garbled entry: stop believing the chain here; the last trusted hop is the client.
            break
        if not _trusted(address, proxies):
            return str(address)
        remote = address
    return str(remote)


def for_request(request: object) -> str:
    from django.conf import settings

    return client_address(request.META, tuple(settings.TRUSTED_PROXIES))  # type: ignore[attr-defined]
