"""Outgoing HTTP for job pages, boards and feeds: httpx with timeouts, retries with back-off,
a size cap, and refusal of loopback, private, link-local and other non-public addresses
(re-checked on every redirect), unless the instance admin allows a host.

Pure of Django: settings are passed in, and tests replace the network with httpx.MockTransport
and the resolver with a dictionary."""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

USER_AGENT = "pmpath/0.1 (+self-hosted job search; contact the instance admin)"
Resolver = Callable[[str, int], list[str]]


class FetchError(Exception):
    """Why a fetch failed, in one sentence naming the address. `reason` lets callers word it
    for their own context: "refused", "status" (with `status`), "too_large", "timeout",
    "connect", "resolve", "redirects" or "" (anything else)."""

    def __init__(self, message: str, *, reason: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.status = status


@dataclass
class Fetched:
    url: str
    status: int
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str:
        return self.headers.get("etag", "")

    @property
    def last_modified(self) -> str:
        return self.headers.get("last-modified", "")

    def text(self) -> str:
        return self.content.decode(_charset(self.headers.get("content-type", "")), "replace")


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            try:
                "".encode(value.strip("\"'"))
                return value.strip("\"'")
            except LookupError:
                break
    return "utf-8"


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(
            f"{host}: the name does not resolve ({exc.strerror})", reason="resolve"
        ) from None
    return [str(info[4][0]) for info in infos]


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return bool(ip.is_global) and not (ip.is_multicast or ip.is_reserved)


def check_url(url: str, *, resolver: Resolver, allow_hosts: Iterable[str] = ()) -> None:
    """Refuse URLs that are not http(s) or that point at a non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https addresses can be fetched", reason="refused")
    host = (parts.hostname or "").lower()
    if not host:
        raise FetchError(f"{url}: the address has no host", reason="refused")
    if host in {h.lower() for h in allow_hosts}:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        addresses = resolver(host, port)
    if not addresses:
        raise FetchError(f"{host}: the name does not resolve", reason="resolve")
    for address in addresses:
        if not is_public(address):
            raise FetchError(
                f"{url}: refused, {host} is a private, loopback or link-local address "
                f"({address}); an admin can allow it with PMPATH_FETCH_ALLOW_HOSTS",
                reason="refused",
            )


class _PublicOnlyBackend(httpcore.SyncBackend):
    """The socket layer under the real transport: it resolves the name again at connect time
    and connects to that checked address itself. check_url alone leaves a gap between its look-up
    and the connection's own, which a name that answers with a public address first and
    127.0.0.1 a moment later (DNS rebinding) would slip through. TLS still verifies the
    certificate against the host name, which httpcore passes separately."""

    def __init__(self, resolver: Resolver, allow_hosts: Iterable[str]) -> None:
        super().__init__()
        self._resolver = resolver
        self._allow = {h.lower() for h in allow_hosts}

    def connect_tcp(self, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        if host.lower() in self._allow:
            return super().connect_tcp(host, port, *args, **kwargs)
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            addresses = self._resolver(host, port)
        if not addresses or not all(is_public(a) for a in addresses):
            raise FetchError(
                f"{host}: refused, the name now resolves to a private, loopback or link-local "
                f"address ({', '.join(addresses) or 'none'})",
                reason="refused",
            )
        return super().connect_tcp(addresses[0], port, *args, **kwargs)


def guarded_transport(resolver: Resolver, allow_hosts: Iterable[str]) -> httpx.BaseTransport:
    transport = httpx.HTTPTransport()
    if not any(os.environ.get(v) for v in _PROXY_VARIABLES):
        # Through an outgoing proxy the proxy connects, and it may well sit on a private address.
        transport._pool._network_backend = _PublicOnlyBackend(resolver, allow_hosts)
    return transport


_PROXY_VARIABLES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
)


def fetch(
    url: str,
    *,
    transport: httpx.BaseTransport | None = None,
    resolver: Resolver = system_resolver,
    allow_hosts: Iterable[str] = (),
    max_bytes: int = 5 * 1024 * 1024,
    timeout: float = 15.0,
    retries: int = 2,
    etag: str = "",
    last_modified: str = "",
    accept: str = "*/*",
    sleep: Callable[[float], None] = time.sleep,
    max_redirects: int = 5,
) -> Fetched:
    """GET `url` safely. Retries connection failures, 429 and 5xx with exponential back-off;
    sends If-None-Match / If-Modified-Since when given (a 304 comes back as not_modified)."""
    headers = {"User-Agent": USER_AGENT, "Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    allow = tuple(allow_hosts)
    if transport is None:
        transport = guarded_transport(resolver, allow)
    with httpx.Client(
        transport=transport, timeout=timeout, follow_redirects=False, headers=headers
    ) as client:
        current = url
        for _ in range(max_redirects + 1):
            check_url(current, resolver=resolver, allow_hosts=allow)
            response = _get_with_retries(
                client, current, retries=retries, sleep=sleep, max_bytes=max_bytes
            )
            if response.status in (301, 302, 303, 307, 308) and "location" in response.headers:
                current = urljoin(current, response.headers["location"])
                continue
            if response.status >= 400 and response.status != 304:
                raise FetchError(
                    f"{current}: the server answered HTTP {response.status}",
                    reason="status",
                    status=response.status,
                )
            return response
    raise FetchError(f"{url}: more than {max_redirects} redirects", reason="redirects")


def _get_with_retries(
    client: httpx.Client, url: str, *, retries: int, sleep: Callable[[float], None], max_bytes: int
) -> Fetched:
    delay = 0.5
    for attempt in range(retries + 1):
        last = attempt == retries
        try:
            with client.stream("GET", url) as response:
                if response.status_code in (429, 500, 502, 503, 504) and not last:
                    sleep(delay)
                    delay *= 2
                    continue
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(
                        f"{url}: {int(declared) // 1024} KB is over the "
                        f"{max_bytes // 1024} KB limit",
                        reason="too_large",
                    )
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        raise FetchError(
                            f"{url}: the answer is over the {max_bytes // 1024} KB limit",
                            reason="too_large",
                        )
                return Fetched(
                    url=url,
                    status=response.status_code,
                    content=bytes(body),
                    headers={k.lower(): v for k, v in response.headers.items()},
                )
        except httpx.TimeoutException:
            if last:
                raise FetchError(f"{url}: no answer in time", reason="timeout") from None
        except httpx.TransportError as exc:
            if last:
                raise FetchError(
                    f"{url}: cannot connect ({type(exc).__name__})", reason="connect"
                ) from None
        sleep(delay)
        delay *= 2
    raise FetchError(f"{url}: no answer after {retries + 1} tries", reason="connect")
