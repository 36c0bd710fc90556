"""Each user's PostingIndex, kept warm: in process memory (a small LRU of users) and on disk
under DATA_DIR/matching/, so neither a request nor a restart rebuilds it.

The index follows the postings incrementally, reading only what changed:

- new postings, however they arrive (imports use bulk_create, which sends no signal): every
  use reads the user's highest posting id (one index seek) and adds the rows above it;
- postings saved in this process (edits, archiving): a post_save signal names them, and the
  next use re-reads just those rows;
- postings saved by another process (the background worker, other web processes): the same
  signal leaves a marker in the shared cache (Redis in hosted mode); a marker from another
  process makes the next use compare one full aggregate (count, highest id, latest
  `updated_at`) and re-read only the rows changed since, and the ids only when some were
  deleted;
- deletions, and edits no marker reached (no shared cache between processes): the same full
  aggregate runs at least every FULL_CHECK_SECONDS.

The full aggregate scans the user's postings (`updated_at` has no index: about 150 ms at
100,000 on SQLite, 500 ms with the catch-up), so a warm ranking does not pay it per request.
Edits that bypass `save()` (QuerySet.update, bulk_update) send no signal and do not move
`updated_at`; nothing in pmpath changes a posting's title, text, level or salary that way."""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.db.models.signals import post_save

from pmpath.jobs.models import Posting
from pmpath.matching.types import Filters, PostingDoc, Ranked

log = logging.getLogger(__name__)

# Users whose index stays in memory (LRU). A 100,000-posting index is tens of megabytes.
MAX_USERS = 8
FORMAT = 1
# Save the index again after this many incremental changes (a restart then replays fewer).
SAVE_AFTER_CHANGES = 200
# Edits from other processes, and deletions, show within this many seconds.
FULL_CHECK_SECONDS = 60.0
DIRTY_MAX = 2000
# A first build of more postings than this (about 2 s) goes to the background worker.
INLINE_BUILD_MAX = 5000
FIELDS = (
    "id",
    "title",
    "description_text",
    "family",
    "level",
    "location",
    "workplace",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_interval",
    "posted_on",
    "company__name",
    "archived",
)
# Salary filters compare yearly figures.
PER_YEAR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}


def _money(value: Decimal | None, interval: str) -> float | None:
    if value is None:
        return None
    return float(value) * PER_YEAR.get(interval, 1)


def posting_doc(row: tuple[Any, ...]) -> PostingDoc:
    """A posting row (FIELDS, from values_list) as the engine's PostingDoc."""
    (pk, title, text, family, level, location, workplace, low, high, currency, interval,
     posted_on, company, _archived) = row  # fmt: skip
    return PostingDoc(
        id=pk,
        title=title,
        text=text or "",
        family=family or "other",
        level=level or None,
        location=location or "",
        workplace=workplace or "",
        salary_min=_money(low, interval),
        salary_max=_money(high, interval),
        salary_currency=currency or "",
        posted_on=posted_on,
        company=company or "",
    )


def docs_for(user: Any, ids: Iterable[int]) -> dict[int, PostingDoc]:
    rows = Posting.objects.owned_by(user).filter(pk__in=list(ids)).values_list(*FIELDS)
    return {row[0]: posting_doc(row) for row in rows}


# --- the engine's index ---------------------------------------------------------------------


def taxonomy() -> Any:
    from pmpath.matching.taxonomy import load_taxonomy

    return load_taxonomy()


def _new_index() -> Any:
    from pmpath.matching.index import PostingIndex

    return PostingIndex(taxonomy())


def _load_index(path: Path) -> Any:
    from pmpath.matching.index import PostingIndex

    return PostingIndex.load(path, taxonomy())


# --- the cache ------------------------------------------------------------------------------


@dataclass
class Entry:
    """One user's index and the state of the postings it was built from."""

    index: Any
    count: int = 0  # every posting of the user's, archived ones too
    max_id: int = 0
    changed: str = ""  # the latest updated_at, ISO
    ids: set[int] = field(default_factory=set)  # every posting seen
    archived: set[int] = field(default_factory=set)  # seen but kept out of the index
    unsaved: int = 0
    checked_at: float = 0.0  # time.monotonic() of the last full aggregate
    marker: Any = None  # the last "a posting was saved" marker seen in the shared cache
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def state(self) -> tuple[int, int, str]:
        return (self.count, self.max_id, self.changed)


@dataclass(frozen=True)
class Sync:
    """What bringing an index up to date did (for tests, logs and the CLI)."""

    built: bool = False
    loaded: bool = False
    added: int = 0
    updated: int = 0
    removed: int = 0


_cache: OrderedDict[int, Entry] = OrderedDict()
_cache_lock = threading.Lock()
# The postings saved in this process since each user's index last looked, by user.
_dirty: dict[int, set[int]] = {}
_dirty_lock = threading.Lock()


def _marker_key(user_id: int) -> str:
    return f"pmpath:matching:postings-saved:{user_id}"


def _saved(sender: Any, instance: Posting, **kwargs: Any) -> None:
    with _dirty_lock:
        saved = _dirty.setdefault(instance.user_id, set())
        # Past a few thousand (a big import saving one by one) a full check is cheaper.
        saved.add(instance.pk if len(saved) < DIRTY_MAX else -1)
    # Other processes sharing the cache (Redis in hosted mode) see that something was saved
    # here; the process id tells them it was not their own save.
    cache.set(_marker_key(instance.user_id), f"{os.getpid()}:{time.time_ns()}", 24 * 3600)


post_save.connect(_saved, sender=Posting, dispatch_uid="matching-ranking-posting-saved")


def folder() -> Path:
    return Path(settings.DATA_DIR) / "matching"


def _paths(user_id: int) -> tuple[Path, Path]:
    base = folder() / f"index-{user_id}.npz"
    return base, base.with_suffix(".json")


def _top(user: Any) -> int:
    """The user's highest posting id: one index seek, the only query of a warm ranking."""
    return Posting.objects.owned_by(user).aggregate(top=Max("id"))["top"] or 0


def _state(user: Any) -> tuple[int, int, str]:
    """The full aggregate: how many postings, the highest id, the latest change."""
    found = Posting.objects.owned_by(user).aggregate(
        n=Count("id"), top=Max("id"), changed=Max("updated_at")
    )
    changed = found["changed"].isoformat() if found["changed"] else ""
    return (found["n"] or 0, found["top"] or 0, changed)


def _rows(user: Any, query: Q | None = None) -> Iterator[tuple[Any, ...]]:
    rows = Posting.objects.owned_by(user)
    if query is not None:
        rows = rows.filter(query)
    return rows.order_by("id").values_list(*FIELDS, "updated_at").iterator(chunk_size=2000)


def live_docs(user: Any) -> Iterator[PostingDoc]:
    """Every posting of the user's that is not archived, as PostingDocs, in id order."""
    return (posting_doc(row[:-1]) for row in _rows(user) if not row[-2])


def _build(user: Any) -> Entry:
    entry = Entry(index=_new_index())
    live = []
    for row in _rows(user):
        entry.ids.add(row[0])
        if row[-2]:
            entry.archived.add(row[0])
        else:
            live.append(posting_doc(row[:-1]))
        entry.max_id = max(entry.max_id, row[0])
        stamp = row[-1].isoformat()
        entry.changed = max(entry.changed, stamp)
    entry.count = len(entry.ids)
    if live:
        entry.index.add(live)
    return entry


def _save(user_id: int, entry: Entry) -> None:
    """Write the index and its state atomically (a reader never sees half a file)."""
    base, meta = _paths(user_id)
    try:
        base.parent.mkdir(parents=True, exist_ok=True)
        entry.index.save(base)
        state = {
            "format": FORMAT,
            "count": entry.count,
            "max_id": entry.max_id,
            "changed": entry.changed,
            "ids": sorted(entry.ids),
            "archived": sorted(entry.archived),
        }
        tmp_meta = meta.with_name(meta.name + ".tmp")
        tmp_meta.write_text(json.dumps(state), encoding="utf-8")
        os.replace(tmp_meta, meta)
        entry.unsaved = 0
    except OSError as exc:  # a read-only data folder costs a rebuild later, not a failure now
        log.warning("matching: cannot save the posting index for user %s: %s", user_id, exc)


def _load(user_id: int) -> Entry | None:
    base, meta = _paths(user_id)
    if not (base.exists() and meta.exists()):
        return None
    try:
        state = json.loads(meta.read_text(encoding="utf-8"))
        if state.get("format") != FORMAT:
            return None
        index = _load_index(base)
    except Exception as exc:  # a bad or foreign file is rebuilt, never fatal
        log.warning("matching: rebuilding the posting index for user %s: %s", user_id, exc)
        return None
    return Entry(
        index=index,
        count=state["count"],
        max_id=state["max_id"],
        changed=state["changed"],
        ids=set(state["ids"]),
        archived=set(state["archived"]),
    )


def _apply(
    entry: Entry, rows: Iterable[tuple[Any, ...]], *, moves_mark: bool
) -> tuple[list[PostingDoc], list[PostingDoc], list[int], set[int]]:
    """Sort rows into postings to add, to update and to take out (archived); and the ids
    seen. `moves_mark`: the rows are every change since the mark, so the mark moves on."""
    add: list[PostingDoc] = []
    update: list[PostingDoc] = []
    remove: list[int] = []
    seen: set[int] = set()
    for row in rows:
        pk, archived = row[0], row[-2]
        seen.add(pk)
        entry.max_id = max(entry.max_id, pk)
        if moves_mark:
            entry.changed = max(entry.changed, row[-1].isoformat())
        was_live = pk in entry.ids and pk not in entry.archived
        entry.ids.add(pk)
        if archived:
            entry.archived.add(pk)
            if was_live:
                remove.append(pk)
            continue
        entry.archived.discard(pk)
        (update if was_live else add).append(posting_doc(row[:-1]))
    return add, update, remove, seen


def _commit(entry: Entry, add: list, update: list, remove: list) -> Sync:
    if remove:
        entry.index.remove(remove)
    if update:
        entry.index.update(update)
    if add:
        entry.index.add(add)
    entry.count = len(entry.ids)
    entry.unsaved += len(add) + len(update) + len(remove)
    return Sync(added=len(add), updated=len(update), removed=len(remove))


def _catch_up(user: Any, entry: Entry, state: tuple[int, int, str]) -> Sync:
    """Apply only what changed since the entry's state: new rows, edited rows, deletions."""
    query = Q(id__gt=entry.max_id)
    if entry.changed:
        query |= Q(updated_at__gte=entry.changed)
    # The highest id now (a deleted top posting no longer counts); rows read next may be newer.
    entry.max_id = state[1]
    add, update, remove, _ = _apply(entry, _rows(user, query), moves_mark=True)
    if state[0] != len(entry.ids):
        # Some postings were deleted: one read of the ids finds which.
        current = set(Posting.objects.owned_by(user).values_list("id", flat=True))
        gone = entry.ids - current
        remove.extend(pk for pk in gone if pk not in entry.archived)
        entry.ids -= gone
        entry.archived -= gone
    # The aggregate is the truth for the state: a row edited while we read is caught next time.
    entry.changed = max(entry.changed, state[2])
    return _commit(entry, add, update, remove)


def _refresh(user: Any, entry: Entry, ids: set[int]) -> Sync:
    """Re-read the postings this process saved (the signal names them): no scan at all."""
    add, update, remove, seen = _apply(entry, _rows(user, Q(pk__in=ids)), moves_mark=False)
    gone = (ids - seen) & entry.ids  # saved, then deleted
    remove.extend(pk for pk in gone if pk not in entry.archived)
    entry.ids -= gone
    entry.archived -= gone
    return _commit(entry, add, update, remove)


def _catch_up_new(user: Any, entry: Entry) -> Sync:
    """Add the rows above the highest id seen (imports, new saves), nothing else."""
    add = []
    for row in _rows(user, Q(id__gt=entry.max_id)):
        pk = row[0]
        entry.max_id = max(entry.max_id, pk)
        entry.ids.add(pk)
        if row[-2]:
            entry.archived.add(pk)
        else:
            add.append(posting_doc(row[:-1]))
    # `changed` stays: the next full check re-reads these rows, harmlessly, rather than miss
    # an edit another process made before them.
    if add:
        entry.index.add(add)
    entry.count = len(entry.ids)
    entry.unsaved += len(add)
    return Sync(added=len(add))


class NotReady(Exception):
    """The user's index is being built in the background (a first build of tens of thousands
    of postings takes longer than a page may)."""


# Users whose index build was queued, and when (monotonic): queued once, again after a while
# in case a worker died.
_queued: dict[int, float] = {}


def _big(user: Any) -> bool:
    return Posting.objects.owned_by(user).count() > INLINE_BUILD_MAX


def _queue_build(user_id: int) -> None:
    from pmpath.matching.tasks import build_posting_index

    when = _queued.get(user_id)
    if when is not None and time.monotonic() - when < 600:
        return
    _queued[user_id] = time.monotonic()
    build_posting_index(user_id)


def index_for(user: Any, *, wait: bool = True) -> tuple[Any, Sync]:
    """The user's PostingIndex, up to date with their postings, and what it took. With
    `wait=False` (web requests), a first build of more than INLINE_BUILD_MAX postings is queued
    for the background worker and NotReady raised instead."""
    with _cache_lock:
        entry = _cache.get(user.pk)
        if entry is not None:
            _cache.move_to_end(user.pk)
    loaded = built = False
    if entry is None:
        entry = _load(user.pk)
        if entry is None and not wait and _big(user):
            _queue_build(user.pk)
            entry = _load(user.pk)  # tasks run inline under test and `immediate` mode
            if entry is None:
                raise NotReady
        loaded = entry is not None
        if entry is None:
            entry = _build(user)
            entry.checked_at = time.monotonic()
            built = True
            _save(user.pk, entry)
        with _cache_lock:
            entry = _cache.setdefault(user.pk, entry)
            _cache.move_to_end(user.pk)
            while len(_cache) > MAX_USERS:
                _cache.popitem(last=False)
    with entry.lock:
        sync = Sync()
        now = time.monotonic()
        marker = cache.get(_marker_key(user.pk))
        foreign = marker != entry.marker and not str(marker).startswith(f"{os.getpid()}:")
        entry.marker = marker
        with _dirty_lock:
            saved_here = _dirty.pop(user.pk, set())
        top = None if loaded or foreign else _top(user)
        # A highest id below the one seen: that posting was deleted.
        full = loaded or foreign or -1 in saved_here or (top is not None and top < entry.max_id)
        if full or now - entry.checked_at >= FULL_CHECK_SECONDS:
            entry.checked_at = now
            state = _state(user)
            if state != entry.state:
                sync = _catch_up(user, entry, state)
        else:
            known = entry.max_id
            if top is not None and top > entry.max_id:
                sync = _catch_up_new(user, entry)
            if saved_here := {pk for pk in saved_here if pk <= known}:
                edited = _refresh(user, entry, saved_here)
                sync = Sync(
                    added=sync.added + edited.added, updated=edited.updated, removed=edited.removed
                )
        if sync != Sync() and (entry.unsaved >= SAVE_AFTER_CHANGES or loaded):
            _save(user.pk, entry)
    return entry.index, Sync(built, loaded, sync.added, sync.updated, sync.removed)


def forget(user_id: int | None = None, *, disk: bool = False) -> None:
    """Drop a user's index (or every user's) from memory, and from disk with `disk=True`."""
    with _cache_lock:
        if user_id is None:
            _cache.clear()
        else:
            _cache.pop(user_id, None)
    if disk:
        targets = folder().glob("index-*") if user_id is None else _paths(user_id)
        for path in list(targets):
            Path(path).unlink(missing_ok=True)


def rank_among(
    index: Any, profile: Any, filters: Filters, ids: Iterable[int], *, top: int | None = None
) -> list[Ranked]:
    """Rank only the given postings (the watchlist inbox, applications' postings) with the
    index's own numbers: every total at once, parts and reasons built only for those kept."""
    total = index.profile_totals(profile)
    rows = index.rows_passing(ids, filters)
    # Best total first, ties: the newer posting id first.
    rows = rows[np.lexsort((-index.posting_ids(rows), -total[rows]))]
    if top is not None:
        rows = rows[: top + 16]  # slack, as rank() keeps, for the exact re-sort below
    ranked = [index.ranked_row(profile, int(row)) for row in rows]
    ranked.sort(key=lambda r: (-r.score, -sum(p.points for p in r.parts), -r.posting_id))
    return ranked if top is None else ranked[:top]
