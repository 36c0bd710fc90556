"""Rank many postings for one profile at once, with the same parts and weights as
`engine.score`. Pure: numpy and scipy, no Django.

Each posting is read once, when added (requirements, domains, years, wording), into rows of
sparse matrices over the taxonomy's skills and the postings' vocabulary:

    required, preferred   postings x skills, 1 where the posting asks for the skill
    domains               postings x skills, the domain's weight (2 when the title names it)
    wording               postings x words, BM25's saturated term frequency (lexical.py)

Ranking a profile is then a handful of sparse matrix-vector products (the profile's skill
credits; its words times the current idf) and table look-ups for level and years, over every
posting at once. Only the postings returned get their parts' sentences, built by the engine's
own functions from the same numbers, so a ranked list and a posting's panel agree to the point.

`add` appends rows and `remove` marks them dead (compacted once a quarter are dead); no
posting is read twice. Word weights use a fixed typical length, so adding a posting changes no
other posting's row; only the document frequencies move, and they are applied at rank time.
`save`/`load` keep it all in one .npz file with a small, versioned JSON header.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from pmpath.matching import engine
from pmpath.matching.lexical import LexicalStats, saturation
from pmpath.matching.taxonomy import Taxonomy
from pmpath.matching.types import LEVEL_ORDER, Filters, Part, PostingDoc, ProfileDoc, Ranked

FORMAT = "pmpath-posting-index"
VERSION = 1
WORKPLACES = ("", "onsite", "hybrid", "remote")
_MATRICES = ("required", "preferred", "domains", "wording")
_CHUNK = 2048  # postings read into plain lists before the arrays are extended
_RANKED_KEPT = 2000  # rows' parts and reasons kept for the last profile ranked
_MASKS_KEPT = 32  # filter masks kept until the postings change


class IndexFileError(ValueError):
    """A saved index cannot be used (another format, version or taxonomy): rebuild it."""


def _csr(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, cols: int) -> sp.csr_matrix:
    return sp.csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, cols))


class _Grow:
    """A 1-D numpy array that grows by doubling: appending n items costs O(n), not a copy of
    everything held (what makes `add` incremental at 100,000 postings)."""

    def __init__(self, dtype: Any, data: np.ndarray | None = None) -> None:
        self.buf = np.zeros(16, dtype=dtype) if data is None else np.asarray(data, dtype=dtype)
        self.n = 0 if data is None else len(self.buf)

    def extend(self, values: Any) -> None:
        values = np.asarray(values, dtype=self.buf.dtype)
        need = self.n + len(values)
        if need > len(self.buf):
            grown = np.zeros(max(need, 2 * len(self.buf)), dtype=self.buf.dtype)
            grown[: self.n] = self.buf[: self.n]
            self.buf = grown
        self.buf[self.n : need] = values
        self.n = need

    def view(self) -> np.ndarray:
        return self.buf[: self.n]

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, key: Any) -> Any:
        return self.view()[key]


class _Matrix:
    """Rows of a CSR matrix, appended a chunk of postings at a time."""

    def __init__(self) -> None:
        self.indptr = _Grow(np.int32)
        self.indptr.extend([0])
        self.indices = _Grow(np.int32)
        self.data = _Grow(np.float64)

    def extend(self, cols: list[int], values: list[float], sizes: list[int]) -> None:
        """Append rows: their column indices and values back to back, and each row's length."""
        start = self.indices.n
        self.indices.extend(cols)
        self.data.extend(values)
        self.indptr.extend(start + np.cumsum(np.asarray(sizes, dtype=np.int64)))

    def csr(self, n_cols: int) -> sp.csr_matrix:
        indptr = self.indptr.view()
        return sp.csr_matrix(
            (self.data.view(), self.indices.view(), indptr), shape=(len(indptr) - 1, n_cols)
        )

    @classmethod
    def from_csr(cls, m: sp.csr_matrix) -> _Matrix:
        out = cls()
        out.indptr = _Grow(np.int32, m.indptr)
        out.indices = _Grow(np.int32, m.indices)
        out.data = _Grow(np.float64, m.data)
        return out


_COLUMNS: dict[str, Any] = {
    "family": np.int8,
    "level": np.int8,  # -1: not stated
    "years": np.float64,  # nan: not stated
    "years_product": bool,
    "workplace": np.int8,
    "salary_min": np.float64,
    "salary_max": np.float64,
}


class PostingIndex:
    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []
        self._n_skills = len(taxonomy.ids)
        self._df = _Grow(np.int64)
        self._ids = _Grow(np.int64)
        self._alive = _Grow(bool)
        self._row: dict[int, int] = {}
        self._cols = {key: _Grow(dtype) for key, dtype in _COLUMNS.items()}
        self._locations: list[str] = []
        self._store = {name: _Matrix() for name in _MATRICES}
        self._version = 0  # bumped by every change: what the caches below are valid for
        self._cache: dict[str, Any] = {}

    # --- Size ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, posting_id: object) -> bool:
        return posting_id in self._row

    @property
    def rows(self) -> int:
        """Rows held, removed postings not yet compacted away included."""
        return self._ids.n

    @property
    def ids(self) -> list[int]:
        return list(self._row)

    def nbytes(self, *, allocated: bool = False) -> int:
        """Memory of the index's arrays: the data held, or with `allocated` also the room
        kept for growth (the vocabulary's and locations' strings are not counted)."""
        grows = [self._df, self._ids, self._alive, *self._cols.values()]
        for m in self._store.values():
            grows += [m.indptr, m.indices, m.data]
        return int(sum((g.buf if allocated else g.view()).nbytes for g in grows))

    # --- Changes ------------------------------------------------------------------------------

    def _changed(self) -> None:
        self._version += 1
        self._cache.clear()

    def add(self, docs: Iterable[PostingDoc]) -> None:
        """Add postings; a posting already in the index is replaced (an update)."""
        docs = list({d.id: d for d in docs}.values())  # the last copy of an id wins
        self.remove([d.id for d in docs if d.id in self._row])
        for start in range(0, len(docs), _CHUNK):
            self._append(docs[start : start + _CHUNK])
        self._changed()

    def _append(self, docs: list[PostingDoc]) -> None:
        """Read a chunk of postings into plain lists, then extend the arrays once."""
        tax = self.taxonomy
        col = tax.column
        rows: dict[str, tuple[list[int], list[float], list[int]]] = {
            name: ([], [], []) for name in _MATRICES
        }
        fields: dict[str, list[Any]] = {key: [] for key in _COLUMNS}
        new_terms = len(self.terms)
        lengths: list[float] = []
        for doc in docs:
            pf = engine.posting_facts(doc, tax)
            needs = pf.needs
            cols, data, sizes = rows["wording"]
            for term, tf in pf.counts.items():
                j = self.vocab.get(term)
                if j is None:
                    j = self.vocab[term] = len(self.terms)
                    self.terms.append(term)
                cols.append(j)
                data.append(tf)  # term frequency now; saturated below, for the chunk at once
            sizes.append(len(pf.counts))
            lengths.extend([float(sum(pf.counts.values()))] * len(pf.counts))
            for name, skills, weights in (
                ("required", [r.skill for r in needs.required], None),
                ("preferred", [r.skill for r in needs.preferred], None),
                ("domains", list(needs.domains), list(needs.domains.values())),
            ):
                cols, data, sizes = rows[name]
                cols.extend(col[s] for s in skills)
                data.extend(weights if weights is not None else [1.0] * len(skills))
                sizes.append(len(skills))
            fields["family"].append(
                engine.FAMILIES.index(doc.family) if doc.family in engine.FAMILIES else 2
            )
            fields["level"].append(LEVEL_ORDER.index(doc.level) if doc.level in LEVEL_ORDER else -1)
            fields["years"].append(needs.years.years if needs.years else np.nan)
            fields["years_product"].append(bool(needs.years and needs.years.product))
            fields["workplace"].append(
                WORKPLACES.index(doc.workplace) if doc.workplace in WORKPLACES else 0
            )
            fields["salary_min"].append(np.nan if doc.salary_min is None else doc.salary_min)
            fields["salary_max"].append(np.nan if doc.salary_max is None else doc.salary_max)
            self._row[doc.id] = self._ids.n + len(fields["family"]) - 1
            self._locations.append(doc.location.casefold())
        cols, tfs, sizes = rows["wording"]
        tf_array = np.asarray(tfs, dtype=np.float64)
        saturated = saturation(tf_array, np.asarray(lengths))  # type: ignore[arg-type]
        rows["wording"] = (cols, saturated, sizes)  # type: ignore[assignment]
        self._df.extend(np.zeros(len(self.terms) - new_terms, dtype=np.int64))
        np.add.at(self._df.buf, np.asarray(rows["wording"][0], dtype=np.int64), 1)
        for name, (cols, data, sizes) in rows.items():
            self._store[name].extend(cols, data, sizes)
        for key, values in fields.items():
            self._cols[key].extend(values)
        self._ids.extend([d.id for d in docs])
        self._alive.extend(np.ones(len(docs), dtype=bool))

    def update(self, docs: Iterable[PostingDoc]) -> None:
        self.add(docs)

    def remove(self, ids: Iterable[int]) -> None:
        """Forget postings (unknown ids are ignored). Rows are marked dead and dropped once a
        quarter of them are."""
        rows = [row for i in ids if (row := self._row.pop(i, None)) is not None]
        if not rows:
            return
        wording = self._store["wording"]
        indptr, indices = wording.indptr.view(), wording.indices.view()
        alive = self._alive.view()
        for row in rows:
            alive[row] = False
            self._df.buf[indices[indptr[row] : indptr[row + 1]]] -= 1
        self._changed()
        dead = self._ids.n - len(self._row)
        if dead * 4 >= self._ids.n:
            self._compact()

    def _compact(self) -> None:
        keep = np.flatnonzero(self._alive.view())
        for name, m in self._store.items():
            cols = len(self.terms) if name == "wording" else self._n_skills
            self._store[name] = _Matrix.from_csr(m.csr(cols)[keep])
        for key, g in self._cols.items():
            self._cols[key] = _Grow(g.buf.dtype, g.view()[keep])
        self._ids = _Grow(np.int64, self._ids.view()[keep])
        self._alive = _Grow(bool, np.ones(len(keep), dtype=bool))
        self._locations = [self._locations[i] for i in keep]
        self._row = {int(pid): row for row, pid in enumerate(self._ids.view())}
        self._changed()

    def _mats(self) -> dict[str, sp.csr_matrix]:
        if "mats" not in self._cache:
            self._cache["mats"] = {
                name: m.csr(len(self.terms) if name == "wording" else self._n_skills)
                for name, m in self._store.items()
            }
        return self._cache["mats"]

    def _col(self, key: str) -> np.ndarray:
        return self._cols[key].view()

    # --- Ranking ------------------------------------------------------------------------------

    @property
    def stats(self) -> LexicalStats:
        """Document frequencies over the postings in the index: pass them to engine.score."""
        if "stats" not in self._cache:
            df = self._df.view()
            self._cache["stats"] = LexicalStats(
                len(self._row), {self.terms[j]: int(df[j]) for j in np.flatnonzero(df)}
            )
        return self._cache["stats"]

    def _idf(self) -> np.ndarray:
        if "idf" not in self._cache:
            n = float(len(self._row))
            df = self._df.view().astype(np.float64)
            self._cache["idf"] = np.log1p((n - df + 0.5) / (df + 0.5)) if n > 0 else df + 1.0
        return self._cache["idf"]

    def _wording_totals(self) -> np.ndarray:
        """Each posting's total word weight: the lexical part's denominator, the same for every
        profile until the postings change."""
        if "wording_totals" not in self._cache:
            self._cache["wording_totals"] = self._mats()["wording"] @ self._idf()
        return self._cache["wording_totals"]

    def _domain_totals(self) -> np.ndarray:
        if "domain_totals" not in self._cache:
            self._cache["domain_totals"] = np.asarray(self._mats()["domains"].sum(axis=1)).ravel()
        return self._cache["domain_totals"]

    def _query(self, terms: frozenset[str]) -> np.ndarray:
        """1 for each indexed word the resume uses (kept for the last resume seen)."""
        cached = self._cache.get("query")
        if cached is None or cached[0] is not terms:
            query = np.zeros(len(self.terms))
            query[[self.vocab[t] for t in terms if t in self.vocab]] = 1.0
            cached = self._cache["query"] = (terms, query)
        return cached[1]

    def _near(self, location: str) -> np.ndarray:
        key = f"near:{location}"
        if key not in self._cache:
            self._cache[key] = np.fromiter(
                (location in loc for loc in self._locations), bool, len(self._locations)
            )
        return self._cache[key]

    def _mask(self, filters: Filters) -> np.ndarray:
        """The rows passing the filters (read-only), kept per filters until the postings
        change."""
        masks = self._cache.setdefault("masks", {})
        found = masks.get(filters)
        if found is None:
            if len(masks) >= _MASKS_KEPT:
                masks.clear()
            found = masks[filters] = self._build_mask(filters)
            found.flags.writeable = False
        return found

    def rows_passing(self, ids: Iterable[int], filters: Filters) -> np.ndarray:
        """The rows of those of `ids` that are in the index and pass the filters."""
        found = self._row
        rows = np.fromiter((r for pk in set(ids) if (r := found.get(pk)) is not None), np.int64)
        return rows[self._mask(filters)[rows]]

    def posting_ids(self, rows: np.ndarray) -> np.ndarray:
        return self._ids.view()[rows]

    def passing(self, ids: Iterable[int], filters: Filters) -> set[int]:
        """Those of `ids` in the index whose postings pass the filters (family, levels…)."""
        return {int(pk) for pk in self.posting_ids(self.rows_passing(ids, filters))}

    def _build_mask(self, filters: Filters) -> np.ndarray:
        col = self._col
        mask = self._alive.view().copy()
        if filters.family is not None:
            fam = filters.family
            mask &= col("family") == (engine.FAMILIES.index(fam) if fam in engine.FAMILIES else -9)
        if filters.levels:
            codes = [LEVEL_ORDER.index(lv) for lv in filters.levels if lv in LEVEL_ORDER]
            wanted = np.zeros(len(LEVEL_ORDER) + 1, dtype=bool)  # the last: no level (-1)
            wanted[codes] = True
            mask &= wanted[col("level")]
        remote = col("workplace") == WORKPLACES.index("remote")
        if filters.remote_only:
            mask &= remote
        if filters.location.strip():
            mask &= self._near(filters.location.strip().casefold()) | remote
        if filters.salary_floor is not None:
            top = np.where(np.isnan(col("salary_max")), col("salary_min"), col("salary_max"))
            mask &= np.isnan(top) | (top >= filters.salary_floor)
        return mask

    def values(self, profile: ProfileDoc) -> dict[str, np.ndarray]:
        """Every part's value (0..1) for every row, dead rows included."""
        facts = self._facts(profile)
        credit = np.zeros(self._n_skills)
        for skill, c in facts.credit.items():
            credit[self.taxonomy.column[skill]] = c
        m, col = self._mats(), self._col
        n = self._ids.n
        out: dict[str, np.ndarray] = {}
        n_req = np.diff(m["required"].indptr)
        req = np.divide(
            m["required"] @ credit, n_req, out=np.full(n, engine.NEUTRAL), where=n_req > 0
        )
        req = _quantise(req)
        n_pref = np.diff(m["preferred"].indptr)
        fallback = np.where(n_req > 0, req, engine.NEUTRAL)
        pref = np.divide(m["preferred"] @ credit, n_pref, out=fallback, where=n_pref > 0)
        out["required_skills"], out["preferred_skills"] = req, _quantise(pref)

        # Title and level: a table over (family, level) built with the engine's own rule.
        table = np.array(
            [
                [engine.level_fit(fam, lv, facts.aim) for lv in (*LEVEL_ORDER, None)]
                for fam in engine.FAMILIES
            ]
        )
        out["title_level"] = _quantise(table[col("family"), col("level")])

        # Years: stated, else implied by a PM posting's level.
        implied = np.array([engine.IMPLIED_YEARS[lv] for lv in LEVEL_ORDER] + [np.nan])
        is_pm = col("family") == 0
        stated = ~np.isnan(col("years"))
        asked = np.where(stated, col("years"), np.where(is_pm, implied[col("level")], np.nan))
        product = np.where(stated, col("years_product"), is_pm)
        have = np.where(
            product, engine.years_have(profile, True), engine.years_have(profile, False)
        )
        asked_ok = ~np.isnan(asked) & (asked > 0)
        ratio = np.divide(have, asked, out=np.ones(n), where=asked_ok)
        out["years"] = _quantise(np.minimum(1.0, ratio))

        total = self._domain_totals()
        dom = np.divide(
            m["domains"] @ credit, total, out=np.full(n, engine.NEUTRAL), where=total > 0
        )
        out["domain"] = _quantise(dom)

        shared = m["wording"] @ (self._query(facts.terms) * self._idf())
        whole = self._wording_totals()
        out["lexical"] = _quantise(np.divide(shared, whole, out=np.zeros(n), where=whole > 0))
        return out

    def totals(self, values: dict[str, np.ndarray]) -> np.ndarray:
        total = np.zeros(self._ids.n)
        for key, weight in engine.WEIGHTS.items():
            total += np.round(values[key] * weight, 1)
        return total

    def _facts(self, profile: ProfileDoc) -> engine.ProfileFacts:
        """The profile's facts, kept for the last profile seen: engine.profile_facts is cached
        too, but finding it there hashes the whole resume, once per row ranked."""
        cached = self._cache.get("facts")
        if cached is None or cached[0] is not profile:
            cached = self._cache["facts"] = (profile, engine.profile_facts(profile, self.taxonomy))
        return cached[1]

    def profile_totals(self, profile: ProfileDoc) -> np.ndarray:
        """Every row's total points for the profile (read-only), kept for the last profile seen
        until the postings change: the same resume is ranked on every page view."""
        cached = self._cache.get("totals")
        if cached is None or cached[0] is not profile:
            cached = self._cache["totals"] = (profile, self.totals(self.values(profile)))
            cached[1].flags.writeable = False
        return cached[1]

    def ranked_row(self, profile: ProfileDoc, row: int) -> Ranked:
        """One row's parts and reasons, kept for the last profile seen until the postings
        change (a page ranks the same few dozen rows again)."""
        cached = self._cache.get("ranked")
        if cached is None or cached[0] is not profile:
            cached = self._cache["ranked"] = (profile, {})
        found = cached[1].get(row)
        if found is None:
            found = self._ranked(profile, row)
            if len(cached[1]) < _RANKED_KEPT:
                cached[1][row] = found
        return found

    def totals_by_id(self, profile: ProfileDoc) -> dict[int, float]:
        """Every live posting's total points (before rounding to the score), by posting id."""
        total = self.profile_totals(profile)
        return {pid: float(total[row]) for pid, row in self._row.items()}

    def rank(
        self,
        profile: ProfileDoc,
        *,
        filters: Filters | None = None,
        top: int | None = 20,
        ids: Iterable[int] | None = None,
    ) -> list[Ranked]:
        """The `top` best postings (all with None) for the profile among those passing
        `filters` — and among `ids` when given (an inbox, the postings of applications) — best
        first; ties: the newer posting id first."""
        filters = filters or Filters()
        if not self._row or (top is not None and top <= 0):
            return []
        total = self.profile_totals(profile)
        mask = self._mask(filters).copy()
        if ids is not None:
            only = np.zeros(len(mask), dtype=bool)
            only[[row for i in ids if (row := self._row.get(i)) is not None]] = True
            mask &= only
        rows = np.flatnonzero(mask)
        if not len(rows):
            return []
        top = len(rows) if top is None else top
        # A little slack: the exact scores are re-derived for the candidates and re-sorted.
        want = min(len(rows), top + 16)
        pick = rows[np.argpartition(-total[rows], want - 1)[:want]] if want < len(rows) else rows
        ranked = [self.ranked_row(profile, int(r)) for r in pick]
        ranked.sort(key=lambda r: (-r.score, -sum(p.points for p in r.parts), -r.posting_id))
        return ranked[:top]

    def _ranked(self, profile: ProfileDoc, row: int) -> Ranked:
        scored = self.parts_for_row(profile, row)
        parts = tuple(p for p, _ in scored)
        posting_id = int(self._ids.view()[row])
        return Ranked(posting_id, engine.total_score(parts), parts, engine.reasons(scored))

    def parts_for_row(self, profile: ProfileDoc, row: int) -> list[tuple[Part, str]]:
        """The engine's parts for one row, built by the engine's functions from the row's
        numbers."""
        facts = self._facts(profile)
        tax, m = self.taxonomy, self._mats()
        credit = facts.credit

        def entries(name: str) -> tuple[np.ndarray, np.ndarray]:
            mat = m[name]
            span = slice(mat.indptr[row], mat.indptr[row + 1])
            return mat.indices[span], mat.data[span]

        required = [credit.get(tax.ids[j], 0.0) for j in entries("required")[0]]
        required_part = engine.skills_part("required_skills", required, None)
        preferred = [credit.get(tax.ids[j], 0.0) for j in entries("preferred")[0]]
        fallback = required_part[0].value if required else None
        preferred_part = engine.skills_part("preferred_skills", preferred, fallback)

        family = engine.FAMILIES[int(self._col("family")[row])]
        code = int(self._col("level")[row])
        level = LEVEL_ORDER[code] if code >= 0 else None
        title = engine.title_part(family, level, facts.aim, facts.aim_source)
        years_asked = float(self._col("years")[row])
        stated = None if np.isnan(years_asked) else years_asked
        product = bool(self._col("years_product")[row])
        years, phrase, _ = engine.years_part(profile, stated, product, family, level)

        cols, weights = entries("domains")
        domains = {tax.ids[j]: float(w) for j, w in zip(cols, weights, strict=True)}
        domain = engine.domain_part(domains, credit, tax)

        cols, saturations = entries("wording")
        weights = saturations * self._idf()[cols]
        total = float(weights.sum())
        shared = float(weights[self._query(facts.terms)[cols] > 0].sum())
        lexical = engine.lexical_part(shared / total if total > 0 else 0.0)
        return [required_part, preferred_part, title, (years, phrase), domain, lexical]

    # --- Files --------------------------------------------------------------------------------

    def save(self, path: str | Path) -> None:
        """Write the index to one .npz file (atomically: a reader never sees half a file)."""
        if self._ids.n != len(self._row):
            self._compact()
        path = Path(path)
        header = {
            "format": FORMAT,
            "version": VERSION,
            "taxonomy": self.taxonomy.fingerprint,
            "postings": len(self._row),
            "terms": len(self.terms),
        }
        strings = {"terms": self.terms, "locations": self._locations}
        arrays: dict[str, np.ndarray] = {
            "header": np.frombuffer(json.dumps(header).encode(), dtype=np.uint8),
            "strings": np.frombuffer(json.dumps(strings).encode(), dtype=np.uint8),
            "ids": self._ids.view(),
            "df": self._df.view(),
            **{f"col_{k}": g.view() for k, g in self._cols.items()},
        }
        for name, m in self._store.items():
            arrays[f"{name}_indptr"] = m.indptr.view()
            arrays[f"{name}_indices"] = m.indices.view()
            arrays[f"{name}_data"] = m.data.view()
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "wb") as fh:
            np.savez(fh, **arrays)  # type: ignore[arg-type]
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: str | Path, taxonomy: Taxonomy) -> PostingIndex:
        """Read an index saved by `save`; IndexFileError when it was built with another format
        version or taxonomy (rebuild it then)."""
        try:
            with np.load(Path(path), allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
        except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:
            raise IndexFileError(f"{path}: not a saved posting index ({exc})") from None
        try:
            header = json.loads(arrays["header"].tobytes())
        except (KeyError, ValueError) as exc:
            raise IndexFileError(f"{path}: the header cannot be read ({exc})") from None
        if (
            not isinstance(header, dict)
            or header.get("format") != FORMAT
            or (header.get("version") != VERSION)
        ):
            got = (
                header
                if not isinstance(header, dict)
                else (f"{header.get('format')} version {header.get('version')}")
            )
            raise IndexFileError(f"{path}: saved as {got}; this is version {VERSION}")
        if header.get("taxonomy") != taxonomy.fingerprint:
            raise IndexFileError(f"{path}: built with another taxonomy; rebuild the index")
        try:
            strings = json.loads(arrays["strings"].tobytes())
        except (KeyError, ValueError) as exc:
            raise IndexFileError(f"{path}: the vocabulary cannot be read ({exc})") from None
        try:
            return cls._from_arrays(taxonomy, arrays, strings)
        except (KeyError, TypeError, ValueError) as exc:
            raise IndexFileError(f"{path}: incomplete or damaged ({exc})") from None

    @classmethod
    def _from_arrays(
        cls, taxonomy: Taxonomy, arrays: dict[str, np.ndarray], strings: dict[str, Any]
    ) -> PostingIndex:
        index = cls(taxonomy)
        index.terms = [str(t) for t in strings["terms"]]
        index.vocab = {t: j for j, t in enumerate(index.terms)}
        index._locations = [str(loc) for loc in strings["locations"]]
        index._ids = _Grow(np.int64, arrays["ids"])
        index._df = _Grow(np.int64, arrays["df"])
        index._alive = _Grow(bool, np.ones(index._ids.n, dtype=bool))
        index._row = {int(pid): row for row, pid in enumerate(index._ids.view())}
        for key, dtype in _COLUMNS.items():
            index._cols[key] = _Grow(dtype, arrays[f"col_{key}"])
        for name in _MATRICES:
            cols = len(index.terms) if name == "wording" else len(taxonomy.ids)
            index._store[name] = _Matrix.from_csr(
                _csr(
                    arrays[f"{name}_indptr"],
                    arrays[f"{name}_indices"],
                    arrays[f"{name}_data"],
                    cols,
                )
            )
        sizes = {index._ids.n, len(index._locations), *(g.n for g in index._cols.values())}
        sizes |= {m.indptr.n - 1 for m in index._store.values()}
        if len(sizes) != 1 or index._df.n != len(index.terms):
            raise ValueError("the arrays disagree in length")
        return index


def _quantise(values: np.ndarray) -> np.ndarray:
    return np.round(np.clip(values, 0.0, 1.0), 6)
