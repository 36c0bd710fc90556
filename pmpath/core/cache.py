"""Django's Redis cache, made to fail soft: when Redis is down, reads miss and writes are
dropped instead of raising, so sessions fall back to the database (cached_db) and pages are
rendered afresh; the site keeps answering. After a failure Redis is left alone for a short
while rather than paying a connection timeout on every request, and when it answers again the
recovery hooks run (the page cache retires every page stored before the outage, since writes
during it could not retire them)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import cached_property
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger("pmpath.cache")
FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)
# What each client call answers when Redis cannot be reached.
FALLBACK: dict[str, Any] = {
    "add": False,
    "touch": False,
    "delete": False,
    "get_many": {},
    "has_key": False,
    "set": None,
    "set_many": None,
    "delete_many": None,
    "clear": False,
}
_recovery_hooks: list[Callable[[], None]] = []


def on_recovery(hook: Callable[[], None]) -> None:
    if hook not in _recovery_hooks:
        _recovery_hooks.append(hook)


class _SoftClient:
    def __init__(self, client: Any, retry_after: float) -> None:
        self._client = client
        self._retry_after = retry_after
        self._down_until = 0.0
        self._was_down = False
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._client, name)
        if not callable(method):
            return method

        def call(*args: Any, **kwargs: Any) -> Any:
            if time.monotonic() < self._down_until:
                return self._fallback(name, args)
            try:
                result = method(*args, **kwargs)
            except FAILURES as exc:
                with self._lock:
                    if not self._was_down:
                        log.warning("Redis unavailable (%s); carrying on without it", exc)
                    self._was_down = True
                    self._down_until = time.monotonic() + self._retry_after
                return self._fallback(name, args)
            if self._was_down:
                self._recovered()
            return result

        return call

    def _fallback(self, name: str, args: tuple[Any, ...]) -> Any:
        if name == "get":
            return args[1] if len(args) > 1 else None
        if name == "incr":
            raise ValueError("Redis is unavailable")
        return FALLBACK.get(name)

    def _recovered(self) -> None:
        with self._lock:
            if not self._was_down:
                return
            self._was_down = False
        log.warning("Redis is back")
        for hook in _recovery_hooks:
            try:
                hook()
            except Exception:  # a hook must not break the request that noticed the recovery
                log.exception("cache recovery hook failed")


class _ReusedClients(RedisCacheClient):
    """Django builds a new redis.Redis for every cache call, and building one fills its table
    of about 170 response callbacks: a third of a millisecond, three times a request on a page
    served from the page cache (half its cost). One client per connection pool, made once,
    serves every call (redis.Redis is safe to share between threads, and its pool notices a
    fork)."""

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)
        clients: dict[int, Any] = self.__dict__.setdefault("_clients", {})
        client = clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            clients[index] = client
        return client


class SoftRedisCache(RedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        params = dict(params)
        options = dict(params.get("OPTIONS", {}))
        self._retry_after = float(options.pop("retry_after", 2.0))
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = _ReusedClients

    @cached_property
    def _cache(self) -> Any:
        return _SoftClient(self._class(self._servers, **self._options), self._retry_after)
