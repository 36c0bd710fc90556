"""A small per-process cache for read-mostly data (the shipped knowledge base).

The ladder, backgrounds and guides change only when `pmpath setup` loads a new file or an admin
edits a row, yet nearly every page reads them. Keeping them in memory for a minute takes three to
six queries off those pages. Changes made in this process clear it at once (seed runs and admin
saves send signals); other processes see them within `ttl` seconds."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class ProcessCache:
    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._values: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: str, load: Callable[[], T]) -> T:
        hit = self._values.get(key)
        now = time.monotonic()
        if hit is not None and hit[0] > now:
            return hit[1]  # type: ignore[no-any-return]
        value = load()
        with self._lock:
            self._values[key] = (now + self.ttl, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


knowledge = ProcessCache(ttl=60.0)
