"""Demo data: each area registers a loader, and `load_demo` runs them all for one user.

A loader must be idempotent: loading the demo twice leaves the same data as loading it once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from pmpath.core import generation

Loader = Callable[[Any], str]


@dataclass(frozen=True)
class _Entry:
    order: int
    name: str
    loader: Loader


_LOADERS: dict[str, _Entry] = {}


def register(name: str, *, order: int = 100) -> Callable[[Loader], Loader]:
    def decorate(loader: Loader) -> Loader:
        _LOADERS[name] = _Entry(order, name, loader)
        return loader

    return decorate


def load_demo(user: Any) -> list[str]:
    """Run every registered loader for `user` in one transaction; return what each loaded."""
    with transaction.atomic():
        entries = sorted(_LOADERS.values(), key=lambda e: (e.order, e.name))
        loaded = [entry.loader(user) for entry in entries]
        # Some loaders set dates with QuerySet.update, which sends no signal.
        generation.touch_after_commit(user.pk)
        return loaded
