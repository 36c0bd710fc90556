"""Reading an answer for the feedback engine: Markdown into sentences, words into stems, cue
lists into matchers. Pure and small on purpose: no NLP library, so every match the engine
reports can be explained by pointing at a word in the answer.

A sentence is what a reader would call one: a header, a list item, or a sentence of a paragraph
(split after . ! ? before a capital or a digit). Markdown markers are removed from the text
shown as evidence."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADER = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)[\s#]*$")
_BULLET = re.compile("^(\\s*)[-*+\u2022\u25e6\u25aa\u2013]\\s+(.*)$")  # -, *, +, bullets, en dash
_NUMBERED = re.compile(r"^(\s*)(?:\(?\d{1,2}[.)]|\(?[a-hA-H][.)]|[Ss]tep \d{1,2}[:.)])\s+(.*)$")
_RULE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.{1,80}?)\1\s*:?\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(?<!\w)([*_])(?=[^\s*_\d])(.+?)(?<=[^\s*_])\1(?!\w)")
# Closing quotes and brackets may follow the stop; opening ones may precede the capital.
_SENTENCE_END = re.compile("([.!?]+[\"'\u201d\u2019)\\]]*)\\s+(?=[\"'\u201c\u2018(\\[]?[A-Z0-9])")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = {"e.g", "i.e", "vs", "approx", "mr", "mrs", "ms", "dr", "st", "no", "fig", "cf"}
# Curly quotes and dashes as their plain forms, so a curly apostrophe reads as a straight one.
_QUOTES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": " - ", "\u2013": "-"}
)
# Spellings joined so that "trade-off", "trade off" and "tradeoff" all read as one phrase.
_JOINED = {"tradeoff": "trade off", "tradeoffs": "trade offs", "signpost": "sign post"}


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    text: str  # as shown to the candidate, Markdown markers removed
    kind: str  # "header", "bullet", "numbered" or "text"
    start: int  # word offset of its first word in the whole answer
    words: tuple[str, ...]  # lower-case tokens
    stems: tuple[str, ...]
    stem_set: frozenset[str]
    prefixes: frozenset[str] = frozenset()  # leading PREFIX letters of each long word
    # " w1 w2 … " forms, so a phrase is found with one substring search
    stem_line: str = ""
    word_line: str = ""


@dataclass(frozen=True, slots=True)
class Doc:
    sentences: tuple[Sentence, ...]
    words: int
    list_items: int
    headers: int
    paragraphs: int

    def position(self, sentence: Sentence) -> float:
        """Where a sentence starts, as a fraction of the answer (0 = the first word)."""
        return sentence.start / self.words if self.words else 0.0


def clean_inline(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = text.replace("**", "").replace("__", "").replace("`", "")
    text = _EMPHASIS.sub(r"\2", text)
    return " ".join(text.split())


def split_sentences(text: str) -> list[str]:
    """A paragraph's sentences. Keeps decimals (2.5) and common abbreviations (e.g.) intact."""
    pieces: list[str] = []
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[begin : match.start(1)].rsplit(None, 1)
        last_word = before[-1].lower().rstrip(".") if before else ""
        if match.group(1).startswith(".") and (
            last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha())
        ):
            continue
        pieces.append(text[begin : match.end(1)].strip())
        begin = match.end()
    pieces.append(text[begin:].strip())
    return [p for p in pieces if p]


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A deliberately crude suffix stripper: users/user, prioritised/prioritising/prioritize,
    measured/measure. It only has to treat the cue and the answer the same way."""
    if "'" in word:
        return word[:-2] if word.endswith("'s") else word
    word = word.replace("iz", "is")
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in (
        ("ational", "ate"),
        ("ations", "ate"),
        ("ation", "ate"),
        ("iness", "y"),
        ("ies", "y"),
        ("ied", "y"),
        ("ings", ""),
        ("ing", ""),
        ("ness", ""),
        ("ments", ""),
        ("ment", ""),
        ("edly", ""),
        ("ed", ""),
        ("ly", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word


def tokens(text: str) -> list[str]:
    lowered = text.translate(_QUOTES).lower().replace("-", " ").replace("/", " ")
    found = _TOKEN.findall(lowered)
    if any(t in _JOINED for t in found):
        found = [part for t in found for part in _JOINED.get(t, t).split()]
    return found


# A one-word cue of this many letters or more also matches longer words that begin with it, so
# cue lists can name a stem: "frustrat" finds frustrated and frustration, "priorit" prioritise.
PREFIX = 7


def _sentence(index: int, text: str, kind: str, start: int) -> Sentence:
    words = tuple(tokens(text))
    stems = tuple(stem(w) for w in words)
    prefixes = frozenset(w[:PREFIX] for w in words if len(w) > PREFIX)
    return Sentence(
        index,
        text,
        kind,
        start,
        words,
        stems,
        frozenset(stems),
        prefixes,
        f" {' '.join(stems)} ",
        f" {' '.join(words)} ",
    )


def parse(markdown: str) -> Doc:
    """The answer as sentences, with counts of its list items, headers and paragraphs."""
    blocks: list[tuple[str, str]] = []  # (kind, text) before sentence splitting
    paragraph: list[str] = []
    list_items = headers = paragraphs = 0
    in_fence = False

    def flush() -> None:
        nonlocal paragraphs
        if paragraph:
            blocks.append(("text", " ".join(paragraph)))
            paragraphs += 1
            paragraph.clear()

    for raw in (markdown or "").translate(_QUOTES).splitlines():
        if _FENCE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        line = raw.lstrip(">").rstrip() if raw.lstrip().startswith(">") else raw.rstrip()
        if not line.strip() or _RULE.match(line) or _TABLE_SEPARATOR.match(line):
            flush()
            continue
        if in_fence:
            paragraph.append(line.strip())
            continue
        if line.lstrip().startswith("|"):
            flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            blocks.append(("text", "; ".join(c for c in cells if c)))
            continue
        if match := _HEADER.match(line):
            flush()
            blocks.append(("header", match.group(1)))
            headers += 1
            continue
        if match := _BOLD_LINE.match(line):
            flush()
            blocks.append(("header", match.group(2)))
            headers += 1
            continue
        if match := _BULLET.match(line):
            flush()
            blocks.append(("bullet", match.group(2)))
            list_items += 1
            continue
        if match := _NUMBERED.match(line):
            flush()
            blocks.append(("numbered", match.group(2)))
            list_items += 1
            continue
        if blocks and blocks[-1][0] in ("bullet", "numbered") and not paragraph and raw[:1] == " ":
            kind, text = blocks[-1]  # an indented line continues the list item above
            blocks[-1] = (kind, f"{text} {line.strip()}")
            continue
        paragraph.append(line.strip())
    flush()

    sentences: list[Sentence] = []
    seen: set[tuple[str, ...]] = set()
    start = 0
    for kind, text in blocks:
        text = clean_inline(text)
        parts = [text] if kind == "header" else split_sentences(text)
        for number, part in enumerate(parts):
            sentence = _sentence(len(sentences), part, kind if number == 0 else "text", start)
            start += len(sentence.words)
            # A sentence said again word for word counts once (its words still take time).
            if sentence.words and (len(sentence.words) < 4 or sentence.words not in seen):
                seen.add(sentence.words)
                sentences.append(sentence)
    return Doc(tuple(sentences), start, list_items, headers, paragraphs)


@dataclass(frozen=True, slots=True)
class Cues:
    """Cue words and phrases, stemmed. `match` returns which cues a sentence contains."""

    singles: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    labels: dict[tuple[str, ...], str]
    exact: bool  # match the words as written (tense matters), not their stems
    # cue stems long enough to match as prefixes, keyed by their first PREFIX letters
    stems_by_prefix: dict[str, tuple[str, ...]]
    symbols: tuple[str, ...]  # cues with no letters or digits, such as "%" or "="

    def match(self, sentence: Sentence) -> list[str]:
        if self.exact:
            words = sentence.words
            found = {self.labels[(w,)] for w in self.singles.intersection(words)}
            found.update(
                self.labels[p]
                for p in self.phrases
                if p[0] in words and _line(p) in sentence.word_line
            )
            return sorted(found)
        found = {self.labels[(s,)] for s in sentence.stem_set & self.singles}
        for head in sentence.prefixes & self.stems_by_prefix.keys():
            for cue in self.stems_by_prefix[head]:
                if any(w.startswith(cue) for w in sentence.words):
                    found.add(self.labels[(cue,)])
        for phrase in self.phrases:
            if phrase[0] in sentence.stem_set and _line(phrase) in sentence.stem_line:
                found.add(self.labels[phrase])
        found.update(symbol for symbol in self.symbols if symbol in sentence.text)
        return sorted(found)

    def any(self, sentence: Sentence) -> bool:
        if self.exact:
            return bool(self.match(sentence))
        if not sentence.stem_set.isdisjoint(self.singles):
            return True
        if not sentence.prefixes.isdisjoint(self.stems_by_prefix.keys()) and self.match(sentence):
            return True
        if any(symbol in sentence.text for symbol in self.symbols):
            return True
        return any(
            phrase[0] in sentence.stem_set and _line(phrase) in sentence.stem_line
            for phrase in self.phrases
        )


@lru_cache(maxsize=4096)
def _line(phrase: tuple[str, ...]) -> str:
    return f" {' '.join(phrase)} "


@lru_cache(maxsize=512)
def _compile(cues: tuple[str, ...], exact: bool = False) -> Cues:
    singles: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    labels: dict[tuple[str, ...], str] = {}
    by_prefix: dict[str, list[str]] = {}
    symbols: list[str] = []
    for cue in cues:
        key = tuple(tokens(cue)) if exact else tuple(stem(w) for w in tokens(cue))
        if not key:
            if cue.strip() and cue.strip() not in symbols:
                symbols.append(cue.strip())
            continue
        if key in labels:
            continue
        labels[key] = cue
        if len(key) == 1:
            singles.add(key[0])
            if len(key[0]) >= PREFIX and not exact:
                by_prefix.setdefault(key[0][:PREFIX], []).append(key[0])
        else:
            phrases.append(key)
    return Cues(
        frozenset(singles),
        tuple(phrases),
        labels,
        exact,
        {head: tuple(found) for head, found in by_prefix.items()},
        tuple(symbols),
    )


def words(text: str) -> list[str]:
    """A comma-separated list of words and phrases, as the engine's own cue lists are written."""
    return [item.strip() for item in text.split(",") if item.strip()]


def cues(words: Iterable[str], *, exact: bool = False) -> Cues:
    """Compile cue words and phrases (cached: frameworks reuse the same lists). With `exact`,
    cues match the words as written: "improved" but not "improve"."""
    return _compile(tuple(words), exact)
