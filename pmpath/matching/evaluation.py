"""Measure the ranking on a labelled set: nDCG@10, MAP and recall@50 for the engine and the two
baselines (baselines.py), in one run. Pure: no Django.

The set (pmpath/matching/data/devset.yaml, rubric in docs/matching-devset.md) holds postings,
profiles (JSON Resume documents with a target level) and a grade 0-3 for every pair. Every
profile ranks every posting.

- nDCG@10 uses the graded relevance with gain 2^grade - 1.
- MAP and recall@50 count a posting as relevant when its grade is 2 or 3 ("a good fit": worth
  applying to); grades 0-1 are not relevant.
- A profile with no relevant posting is left out of MAP and recall (they are undefined there);
  one with no posting graded above 0 is left out of nDCG too.
- Ties in a method's scores are broken by a fixed hash of the posting id, the same for every
  method, so no method gains from the file's order.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from pmpath.matching.baselines import BM25Baseline, keyword_overlap
from pmpath.matching.engine import posting_doc
from pmpath.matching.index import PostingIndex
from pmpath.matching.profile import profile_from_resume
from pmpath.matching.taxonomy import Taxonomy
from pmpath.matching.types import LEVEL_ORDER, PostingDoc, ProfileDoc

RELEVANT = 2  # grade at or above which a posting counts as relevant for MAP and recall
METHODS = ("engine", "bm25", "keyword_overlap")
MAX_BYTES = 20 * 1024 * 1024


class DevsetError(ValueError):
    """The labelled set cannot be read; the message names the file and the field."""


@dataclass(frozen=True)
class Devset:
    posting_keys: tuple[str, ...]  # the file's ids, in order; PostingDoc ids are 1..n
    postings: tuple[PostingDoc, ...]
    profiles: tuple[tuple[str, ProfileDoc], ...]
    grades: dict[str, dict[str, int]]  # profile id -> posting id -> 0..3
    as_of: date


# --- Metrics --------------------------------------------------------------------------------------


def dcg(grades: Sequence[int], k: int) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))


def ndcg(ranked: Sequence[int], k: int = 10) -> float | None:
    """`ranked`: the grades in the method's order. None when nothing is graded above 0."""
    ideal = dcg(sorted(ranked, reverse=True), k)
    return dcg(ranked, k) / ideal if ideal > 0 else None


def average_precision(ranked: Sequence[int], relevant: int = RELEVANT) -> float | None:
    total = sum(1 for g in ranked if g >= relevant)
    if not total:
        return None
    hits, precisions = 0, 0.0
    for i, g in enumerate(ranked, start=1):
        if g >= relevant:
            hits += 1
            precisions += hits / i
    return precisions / total


def recall(ranked: Sequence[int], k: int = 50, relevant: int = RELEVANT) -> float | None:
    total = sum(1 for g in ranked if g >= relevant)
    if not total:
        return None
    return sum(1 for g in ranked[:k] if g >= relevant) / total


def _tiebreak(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")


def order(scores: Sequence[float] | np.ndarray, keys: Sequence[str]) -> list[int]:
    """Positions by score, best first; ties by a fixed hash of the key."""
    return sorted(range(len(keys)), key=lambda i: (-float(scores[i]), _tiebreak(keys[i])))


def _mean(values: list[float | None]) -> float:
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else 0.0


# --- The set --------------------------------------------------------------------------------------


def _need(entry: Any, key: str, kind: type, where: str) -> Any:
    value = entry.get(key) if isinstance(entry, dict) else None
    if not isinstance(value, kind):
        raise DevsetError(f"{where}.{key}: expected {kind.__name__}")
    return value


def devset_from_data(data: Any, source: str = "devset", *, today: date | None = None) -> Devset:
    """`today` (else the set's `as_of`, else the real today) is where open-ended jobs end."""
    if not isinstance(data, dict):
        raise DevsetError(f"{source}: expected a mapping with postings, profiles, judgements")
    raw_postings = _need(data, "postings", list, source)
    raw_profiles = _need(data, "profiles", list, source)
    judgements = _need(data, "judgements", dict, source)
    as_of = today or data.get("as_of") or date.today()
    if isinstance(as_of, str):
        try:
            as_of = date.fromisoformat(as_of)
        except ValueError:
            raise DevsetError(f"{source}.as_of: {as_of!r} is not a date (YYYY-MM-DD)") from None
    keys: list[str] = []
    postings: list[PostingDoc] = []
    for i, entry in enumerate(raw_postings):
        where = f"{source}: postings[{i}]"
        key = str(_need(entry, "id", (str, int), where))  # type: ignore[arg-type]
        if key in keys:
            raise DevsetError(f"{where}.id: {key!r} appears twice")
        fields = {
            "location": str(entry.get("location") or ""),
            "workplace": str(entry.get("workplace") or ""),
            "company": str(entry.get("company") or ""),
        }
        for money in ("salary_min", "salary_max"):
            if isinstance(entry.get(money), (int, float)):
                fields[money] = float(entry[money])  # type: ignore[assignment]
        keys.append(key)
        postings.append(
            posting_doc(
                len(keys),
                _need(entry, "title", str, where),
                _need(entry, "text", str, where),
                **fields,
            )
        )
    profiles: list[tuple[str, ProfileDoc]] = []
    for i, entry in enumerate(raw_profiles):
        where = f"{source}: profiles[{i}]"
        pid = str(_need(entry, "id", (str, int), where))  # type: ignore[arg-type]
        level = entry.get("target_level")
        if level is not None and level not in LEVEL_ORDER:
            raise DevsetError(
                f"{where}.target_level: {level!r} is not one of {', '.join(LEVEL_ORDER)}"
            )
        resume = _need(entry, "resume", dict, where)
        profiles.append((pid, profile_from_resume(resume, level, today=as_of)))
    grades: dict[str, dict[str, int]] = {}
    for pid, _ in profiles:
        row = judgements.get(pid)
        if not isinstance(row, dict):
            raise DevsetError(f"{source}: judgements.{pid}: missing")
        graded: dict[str, int] = {}
        for key in keys:
            grade = row.get(key)
            if not isinstance(grade, int) or not 0 <= grade <= 3:
                raise DevsetError(
                    f"{source}: judgements.{pid}.{key}: expected a grade 0-3, got {grade!r}"
                )
            graded[key] = grade
        grades[pid] = graded
    return Devset(tuple(keys), tuple(postings), tuple(profiles), grades, as_of)


def load_devset(path: str | Path, *, today: date | None = None) -> Devset:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise DevsetError(f"{path}: larger than {MAX_BYTES // (1024 * 1024)} MB")
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DevsetError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DevsetError(f"{path}: not valid YAML: {exc}") from None
    return devset_from_data(data, path.name, today=today)


# --- Evaluation -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    ndcg10: float
    map: float
    recall50: float

    def as_dict(self) -> dict[str, float]:
        return {
            "ndcg@10": round(self.ndcg10, 4),
            "map": round(self.map, 4),
            "recall@50": round(self.recall50, 4),
        }


@dataclass(frozen=True)
class Report:
    methods: dict[str, Scores]
    per_profile: dict[str, dict[str, Scores]]
    profiles: int
    postings: int
    as_of: date

    @property
    def margin(self) -> dict[str, float]:
        """The engine's lead over the better baseline, per metric (positive: the engine wins)."""
        e = self.methods["engine"]
        bases = [self.methods[m] for m in METHODS[1:]]
        return {
            "ndcg@10": round(e.ndcg10 - max(b.ndcg10 for b in bases), 4),
            "map": round(e.map - max(b.map for b in bases), 4),
            "recall@50": round(e.recall50 - max(b.recall50 for b in bases), 4),
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "profiles": self.profiles,
            "postings": self.postings,
            "as_of": self.as_of.isoformat(),
            "relevant_grade": RELEVANT,
            "methods": {m: s.as_dict() for m, s in self.methods.items()},
            "margin": self.margin,
            "per_profile": {
                p: {m: s.as_dict() for m, s in row.items()} for p, row in self.per_profile.items()
            },
        }


def method_scores(devset: Devset, taxonomy: Taxonomy) -> dict[str, dict[str, np.ndarray]]:
    """Every method's score for every posting, per profile (postings in the set's order)."""
    index = PostingIndex(taxonomy)
    index.add(devset.postings)
    bm25 = BM25Baseline(devset.postings)
    out: dict[str, dict[str, np.ndarray]] = {}
    for pid, profile in devset.profiles:
        totals = index.totals_by_id(profile)
        out[pid] = {
            "engine": np.array([totals[p.id] for p in devset.postings]),
            "bm25": bm25.scores(profile),
            "keyword_overlap": keyword_overlap(profile, devset.postings, taxonomy),
        }
    return out


def evaluate(devset: Devset, taxonomy: Taxonomy) -> Report:
    keys = devset.posting_keys
    per_profile: dict[str, dict[str, Scores]] = {}
    collected: dict[str, list[tuple[float | None, float | None, float | None]]] = {
        m: [] for m in METHODS
    }
    for pid, by_method in method_scores(devset, taxonomy).items():
        grades = devset.grades[pid]
        row: dict[str, Scores] = {}
        for method in METHODS:
            ranked = [grades[keys[i]] for i in order(by_method[method], keys)]
            metrics = (ndcg(ranked, 10), average_precision(ranked), recall(ranked, 50))
            collected[method].append(metrics)
            row[method] = Scores(*(m if m is not None else 0.0 for m in metrics))
        per_profile[pid] = row
    methods = {
        m: Scores(*(_mean([v[i] for v in values]) for i in range(3)))
        for m, values in collected.items()
    }
    return Report(methods, per_profile, len(devset.profiles), len(devset.postings), devset.as_of)
