"""The two baselines the engine is measured against (evaluation.py, bench/). Pure.

- **BM25**: plain BM25 (the `bm25s` package, its defaults: Lucene variant, k1=1.5, b=0.75,
  English stopwords) over each posting's title and text, with the whole resume as the query.
- **Keyword overlap**: the share of the posting's taxonomy keywords (every skill found in its
  title and text) that the resume also mentions; what a simple resume scanner reports.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import bm25s
import numpy as np

from pmpath.matching.engine import profile_facts
from pmpath.matching.requirements import read_posting
from pmpath.matching.taxonomy import Taxonomy
from pmpath.matching.types import PostingDoc, ProfileDoc

# bm25s logs every index build at DEBUG; that is not news for `pmpath match eval`'s reader.
logging.getLogger("bm25s").setLevel(logging.WARNING)


class BM25Baseline:
    """BM25 over the postings' text, indexed once; `scores` for one resume over all of them."""

    def __init__(self, postings: Sequence[PostingDoc]) -> None:
        self.ids = [p.id for p in postings]
        corpus = [f"{p.title}\n{p.text}" for p in postings]
        self.retriever = bm25s.BM25()
        tokens = bm25s.tokenize(corpus, stopwords="en", show_progress=False)
        self.retriever.index(tokens, show_progress=False)
        self._vocab = tokens.vocab

    def _query(self, text: str) -> list[str]:
        words = bm25s.tokenize([text], stopwords="en", return_ids=False, show_progress=False)[0]
        return [w for w in words if w in self._vocab]

    def scores(self, profile: ProfileDoc) -> np.ndarray:
        """One score per posting, in the order given."""
        query = self._query(profile.text)
        if not query:
            return np.zeros(len(self.ids))
        return np.asarray(self.retriever.get_scores(query), dtype=np.float64)

    def top(self, profile: ProfileDoc, k: int) -> list[int]:
        """The ids of the k best postings (bm25s's own top-k retrieval)."""
        query = self._query(profile.text)
        if not query:
            return []
        docs, _ = self.retriever.retrieve([query], k=min(k, len(self.ids)), show_progress=False)
        return [self.ids[int(i)] for i in docs[0]]


def keyword_overlap(
    profile: ProfileDoc, postings: Sequence[PostingDoc], taxonomy: Taxonomy
) -> np.ndarray:
    """Per posting: the share of its taxonomy keywords the resume mentions (0 when none)."""
    mine = set(profile_facts(profile, taxonomy).evidence)
    out = np.zeros(len(postings))
    for i, posting in enumerate(postings):
        keywords = read_posting(posting.title, posting.text, taxonomy).skills
        if keywords:
            out[i] = len(keywords & mine) / len(keywords)
    return out
