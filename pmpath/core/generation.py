"""Per-user data generations: a number for each user, and one for the shared catalogue, that
moves whenever that data changes. Anything derived from a user's data (a rendered page, the
coach's gathered input) can be kept under the generations it was built at: a change retires
all of it at once, without finding it.

Generations live in the default cache: Redis in hosted mode, so every process sees every
move; without Redis, each process's own memory, so a process sees its own writes at once and
another process's (the CLI's, say) only as far as whatever else keys the entry (see
coach/memo.py). They move:
- on every save or delete of a row that belongs to a user (a `user` foreign key) or of the user
  row itself, and again when its transaction commits (a reader between the save and the commit
  could not see the row yet); a row's other foreign keys to users (a share's reviewer) name
  people whose pages show it too, and move theirs;
- on every save or delete of catalogue rows (ladder, questions, resources…): everyone's;
- after every unsafe request a signed-in person makes (the page cache's middleware);
- explicitly (`touch`) after bulk writes that send no signals: bulk inserts, `QuerySet.update`,
  imports, polls and fetches. A reader takes the generation before it reads the data, so a
  value stored under an old generation is never served once a write has moved it."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

T = TypeVar("T")
PREFIX = "pc:gen:"
EVERYONE = PREFIX + "all"


def _key(user_id: int | None) -> str:
    return PREFIX + str(user_id) if user_id is not None else EVERYONE


def touch(user_id: int | None = None) -> None:
    """Move one user's generation, or the catalogue's (user_id None: everyone's)."""
    key = _key(user_id)
    # Start from the clock rather than 0: if the cache ever drops the counter, the new one
    # still runs past every generation already used, so nothing retired can come back.
    cache.add(key, int(time.time() * 1000), None)
    try:
        cache.incr(key)
    except ValueError:  # dropped between add and incr
        cache.set(key, int(time.time() * 1000), None)


def touch_after_commit(user_id: int | None = None) -> None:
    """`touch` now and again when the surrounding transaction commits (at once outside one)."""
    touch(user_id)
    transaction.on_commit(partial(touch, user_id))


def current(user_id: int) -> tuple[Any, Any]:
    """(this user's generation, the catalogue's): 0 for one never moved."""
    generations, _ = current_with(user_id, [])
    return generations


def current_with(user_id: int, keys: list[str]) -> tuple[tuple[Any, Any], dict[str, Any]]:
    """`current(user_id)` and the cache's values for `keys`, in one round trip: a value
    stored beside the generations it was built at is checked against them as it is read."""
    mine = _key(user_id)
    found = cache.get_many([mine, EVERYONE, *keys])
    return (found.pop(mine, 0), found.pop(EVERYONE, 0)), found


def cached(user_id: int, name: str, stamp: Any, compute: Callable[[], T], *, ttl: int) -> T:
    """`compute()`, or the value kept for this user under `name`, `stamp` (whatever else it
    depends on: another process's rows) and the user's and the catalogue's generations, which
    are read before `compute` reads anything."""
    mine, everyone = current(user_id)
    digest = hashlib.sha256(repr((stamp, mine, everyone)).encode()).hexdigest()[:16]
    return cache.get_or_set(f"pmpath:gen:{name}:{user_id}:{digest}", compute, ttl)  # type: ignore[no-any-return]


# -- keeping generations in step with the data --------------------------------------------

_kinds: dict[type, str] = {}
_others: dict[type, tuple[str, ...]] = {}


def _kind(model: type) -> str:
    """'self' (the user model), 'user' (rows carry a user), 'catalogue' (pmpath rows no user
    owns), 'child' (rows that belong to a user through a parent; their writes come with the
    parent's) or 'other'."""
    found = _kinds.get(model)
    if found is not None:
        return found
    meta = model._meta  # type: ignore[attr-defined]
    names = {f.name for f in meta.concrete_fields}
    if meta.label == settings.AUTH_USER_MODEL:
        kind = "self"
    elif not getattr(meta.app_config, "name", "").startswith("pmpath."):
        kind = "other"
    elif "user" in names:
        kind = "user"
    elif any(
        f.is_relation and f.related_model is not None and _kind(f.related_model) in ("user",)
        for f in meta.concrete_fields
    ):
        kind = "child"
    else:
        kind = "catalogue"
    _kinds[model] = kind
    return kind


def _other_users(model: type) -> tuple[str, ...]:
    """The attribute names of a user row's other foreign keys to the user model."""
    found = _others.get(model)
    if found is None:
        found = tuple(
            f.attname
            for f in model._meta.concrete_fields  # type: ignore[attr-defined]
            if f.is_relation and f.name != "user" and _kind(f.related_model) == "self"
        )
        _others[model] = found
    return found


def _changed(sender: type, instance: Any, **_: Any) -> None:
    kind = _kind(sender)
    if kind == "self":
        user_id = instance.pk
    elif kind == "user":
        # A user-less row in a user model (a catalogue resource) is everyone's.
        user_id = getattr(instance, "user_id", None)
        for attname in _other_users(sender):
            other = getattr(instance, attname)
            if other is not None and other != user_id:
                touch_after_commit(other)
    elif kind == "catalogue":
        user_id = None
    else:
        return
    touch_after_commit(user_id)


def _m2m_changed(instance: Any, action: str, **_: Any) -> None:
    if action.startswith("post_"):
        _changed(type(instance), instance)


def _retire_everything() -> None:
    touch(None)


def connect() -> None:
    from pmpath.core.cache import on_recovery

    # Writes made while Redis was down could not move the generations.
    on_recovery(_retire_everything)
    post_save.connect(_changed, dispatch_uid="generation-save")
    post_delete.connect(_changed, dispatch_uid="generation-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="generation-m2m")
