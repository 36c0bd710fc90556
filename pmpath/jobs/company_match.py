"""Company names as people write them, folded to one key and matched fuzzily (pure, no Django).

"Google", "Google LLC", "google inc." and "Alphabet Inc." are one employer to a candidate asking
"who do I know there?". `company_key` folds legal suffixes, punctuation, case and accents and
maps a few well-known parent names onto the brand people apply to; `CompanyMatcher` finds the
closest known company for a name with rapidfuzz when the keys are not equal ("Salesforce.com"
vs "Salesforce", "Amazon Web Services" vs "Amazon").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

# Legal forms and filler words that do not tell two employers apart.
_SUFFIXES = {
    "inc", "incorporated", "llc", "l l c", "ltd", "limited", "plc", "corp", "corporation",
    "co", "company", "gmbh", "ag", "sa", "s a", "sas", "sarl", "bv", "b v", "nv", "n v", "oy",
    "ab", "as", "aps", "spa", "s p a", "srl", "pty", "pte", "kk", "k k", "lp", "llp", "group",
    "holdings", "holding", "technologies", "technology", "labs", "the", "com",
}  # fmt: skip

# A parent or legal name → the name candidates know and apply to. Facts, kept short.
_PARENTS = {
    "alphabet": "google",
    "google cloud": "google",
    "meta platforms": "meta",
    "facebook": "meta",
    "amazon com": "amazon",
    "amazon web services": "amazon",
    "aws": "amazon",
    "square": "block",
    "x corp": "x",
    "twitter": "x",
    "salesforce com": "salesforce",
    "international business machines": "ibm",
    "the walt disney": "disney",
    "walt disney": "disney",
}

_WORD = re.compile(r"[a-z0-9]+")


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    return " ".join(_WORD.findall(text))


def company_key(name: str | None) -> str:
    """The folded key of a company name: "" for nothing useful."""
    folded = _fold(name or "")
    if folded in _PARENTS:
        return _PARENTS[folded]
    words = folded.split()
    # Strip legal forms from the end ("Acme Holdings Ltd" → "acme"), keeping at least one word.
    while len(words) > 1 and (words[-1] in _SUFFIXES or " ".join(words[-2:]) in _SUFFIXES):
        words = words[:-2] if " ".join(words[-2:]) in _SUFFIXES else words[:-1]
    while len(words) > 1 and words[0] == "the":
        words = words[1:]
    key = " ".join(words)
    return _PARENTS.get(key, key)[:200]


@dataclass(frozen=True)
class Known:
    id: int
    name: str
    aliases: tuple[str, ...] = ()


class CompanyMatcher:
    """Match free-text employer names to the user's companies: exact key first, then fuzzy.

    Built once per import (O(companies)); each `match` is a dict look-up, then at worst one
    rapidfuzz `extractOne` over the keys, memoised per distinct key."""

    def __init__(self, companies: Iterable[Known], *, threshold: float = 90.0) -> None:
        self.threshold = threshold
        self._by_key: dict[str, int] = {}
        for company in companies:
            for name in (company.name, *company.aliases):
                key = company_key(name)
                if key:
                    self._by_key.setdefault(key, company.id)
        self._keys = list(self._by_key)
        self._memo: dict[str, int | None] = {}

    def match(self, name: str | None) -> int | None:
        key = company_key(name)
        if not key:
            return None
        if key in self._by_key:
            return self._by_key[key]
        if key not in self._memo:
            self._memo[key] = self._fuzzy(key)
        return self._memo[key]

    def _fuzzy(self, key: str) -> int | None:
        if not self._keys or len(key) < 3:
            return None
        best = process.extractOne(key, self._keys, scorer=fuzz.token_sort_ratio)
        if best and best[1] >= self.threshold:
            return self._by_key[best[0]]
        # "Amazon Web Services EMEA" → "amazon": a known key that is the name's first word(s).
        for known in self._keys:
            if len(known) >= 4 and (key.startswith(known + " ")):
                return self._by_key[known]
        return None
