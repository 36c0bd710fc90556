"""The lexical part of a match: how much of a posting's wording the resume shares. Pure.

BM25's term weight, read the other way round. For each content word of the posting,
`weight = idf(word) * saturation(tf)`: rare words count more, a word said five times counts
more than once but not five times as much. The part's value is the share of the posting's total
weight carried by words that also appear in the resume:

    value = sum(weight of shared words) / sum(weight of all the posting's words)

That is 0..1 whatever the posting's length or the resume's, so it compares across postings (a
raw BM25 score does not: it grows with the query). Document frequencies come from the
postings being ranked (`LexicalStats`); the ranking index and `engine.score` use the same ones,
so a ranked list and a posting's panel agree. Without statistics every word counts the same.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

K1 = 1.2
B = 0.75
# A fixed typical posting length (in content words) instead of the corpus average: adding a
# posting then never changes another posting's weights, so the index updates incrementally.
AVG_LENGTH = 150.0

_TOKEN_RE = re.compile(r"[a-z0-9][a-z0-9+#]*")
_STOPWORDS = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in into
    is it its itself just me more most my myself no nor not now of off on once only or other our
    ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    etc e g ie eg within across per via us new able including include includes work working
    role team teams company join looking ll ve re s t d m"""
STOPWORDS = frozenset(_STOPWORDS.split())


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    # Plurals only: "roadmaps" and "roadmap" are one word; anything cleverer hurts precision.
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Content words: lower case, no stopwords, plural folded."""
    return [_stem(w) for w in _TOKEN_RE.findall(text.lower()) if w not in STOPWORDS]


def term_counts(text: str) -> Counter[str]:
    return Counter(tokens(text))


def saturation(tf: float, length: float) -> float:
    """BM25's term-frequency part for a word said `tf` times in a posting of `length` words."""
    return tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / AVG_LENGTH))


@dataclass(frozen=True)
class LexicalStats:
    """Document frequencies over the postings being ranked."""

    n_docs: int = 0
    df: Mapping[str, int] = field(default_factory=dict)

    def idf(self, term: str) -> float:
        return idf(self.n_docs, self.df.get(term, 0))


def idf(n_docs: int, df: int) -> float:
    """BM25's idf, kept positive (a word in every posting still counts a little)."""
    if n_docs <= 0:
        return 1.0
    return math.log1p((n_docs - df + 0.5) / (df + 0.5))


def coverage(
    counts: Mapping[str, int], resume_terms: frozenset[str], stats: LexicalStats | None
) -> float:
    """The share of the posting's weighted wording that the resume shares (0..1)."""
    length = float(sum(counts.values()))
    total = shared = 0.0
    for term, tf in counts.items():
        weight = saturation(tf, length) * (stats.idf(term) if stats else 1.0)
        total += weight
        if term in resume_terms:
            shared += weight
    return shared / total if total > 0 else 0.0
