"""Checks for a story in the story bank. Pure: plain text in, verdicts out, no Django.

A behavioural answer works when it has every part (situation, task, action, result and what
you learned), when the result is measured, when the actions are the teller's own ("I", not
only "we"), and when it can be told in about two minutes: at a speaking pace of about 150 words
a minute, 250 to 350 words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

PARTS = [
    ("situation", "Situation"),
    ("task", "Task"),
    ("action", "Action"),
    ("result", "Result"),
    ("reflection", "Reflection"),
]
WORDS_PER_MINUTE = 150
SHORTEST = 250
LONGEST = 350
# A part this short is a placeholder rather than a part of the story.
PART_MIN_WORDS = 5

# "2.1%" and "1,200" are one word each, as they are said aloud.
_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:[.,'][A-Za-z0-9]+)*")
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9])(?:[$€£¥]\s?\d[\d,.]*\s?(?:k|m|bn|million|billion|thousand)?"
    r"|\d[\d,.]*\s?(?:%|percent|per cent|x\b|k\b|m\b|pp\b|points?\b|"
    r"hours?|days?|weeks?|months?|years?|minutes?|seconds?|users?|customers?|people|teams?)?)",
    re.IGNORECASE,
)
_MULTIPLIER = re.compile(
    r"\b(?:doubled|tripled|quadrupled|halved|twice|three times|tenfold|ten times)\b", re.IGNORECASE
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")  # "in 2024" dates the story; it does not measure it
_SINGULAR = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself)\b", re.IGNORECASE)
_PLURAL = re.compile(r"\b(?:we|we're|we've|we'd|our|us|ourselves)\b", re.IGNORECASE)


@dataclass(frozen=True)
class StoryText:
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    reflection: str = ""
    metrics: str = ""


@dataclass(frozen=True)
class Check:
    key: str
    name: str
    passed: bool
    message: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoryReport:
    checks: tuple[Check, ...]
    words: int
    seconds: int
    missing: tuple[str, ...] = field(default=())

    @property
    def passed(self) -> int:
        return sum(1 for c in self.checks if c.passed)

    @property
    def ready(self) -> bool:
        return all(c.passed for c in self.checks)

    def check(self, key: str) -> Check:
        return next(c for c in self.checks if c.key == key)


def _plain(text: str | None) -> str:
    """Curly apostrophes as straight ones, so "I\u2019ve" counts like "I've"."""
    return (text or "").replace("\u2019", "'")


def words(text: str) -> int:
    return len(_WORD.findall(_plain(text)))


def check_parts(story: StoryText) -> Check:
    missing = [name for key, name in PARTS if words(getattr(story, key)) < PART_MIN_WORDS]
    if not missing:
        return Check("parts", "Every part", True, "Situation, task, action, result and reflection.")
    return Check(
        "parts",
        "Every part",
        False,
        f"Write the {_join(missing).lower()}: a sentence or two"
        + (" each." if len(missing) > 1 else "."),
        tuple(missing),
    )


def check_quantified(story: StoryText) -> Check:
    """A number or a multiplier in the result (or the metrics line)."""
    for text in (story.result, story.metrics):
        found = [m.group(0).strip() for m in _NUMBER.finditer(text or "")] + [
            m.group(0) for m in _MULTIPLIER.finditer(text or "")
        ]
        found = [f for f in found if f and not _YEAR.match(f)]
        if found:
            return Check(
                "quantified",
                "A measured result",
                True,
                "The result has a number.",
                tuple(found[:3]),
            )
    return Check(
        "quantified",
        "A measured result",
        False,
        "Put a number on the result: a percentage, money, time saved, users reached, or a "
        "before and after.",
    )


def check_ownership(story: StoryText) -> Check:
    """The action part says what *I* did. Some "we" is honest; only "we" hides the teller."""
    text = _plain(story.action)
    mine = len(_SINGULAR.findall(text))
    ours = len(_PLURAL.findall(text))
    counts = (f"\u201cI\u201d {mine}\u00d7", f"\u201cwe\u201d {ours}\u00d7")
    if mine == 0 and ours == 0:
        return Check(
            "ownership",
            "Your own actions",
            False,
            "Say who did what: tell the actions in the first person (“I interviewed…”).",
            counts,
        )
    if mine == 0:
        return Check(
            "ownership",
            "Your own actions",
            False,
            "The actions are all “we”: say what you did yourself, then what the team did.",
            counts,
        )
    if ours > 2 * mine:
        return Check(
            "ownership",
            "Your own actions",
            False,
            "“We” outnumbers “I” more than two to one: make your part in it clearer.",
            counts,
        )
    return Check("ownership", "Your own actions", True, "The actions are told as yours.", counts)


def check_length(total: int) -> Check:
    seconds = round(total / WORDS_PER_MINUTE * 60)
    told = f"{total} words, about {_duration(seconds)} told aloud"
    if total < SHORTEST:
        return Check(
            "length",
            "Two minutes long",
            False,
            f"{told}: add the detail an interviewer will ask for (aim for {SHORTEST}-{LONGEST}).",
            (f"{total} words",),
        )
    if total > LONGEST:
        return Check(
            "length",
            "Two minutes long",
            False,
            f"{told}: trim the situation and keep the actions (aim for {SHORTEST}-{LONGEST}).",
            (f"{total} words",),
        )
    return Check("length", "Two minutes long", True, f"{told}.", (f"{total} words",))


@lru_cache(maxsize=4096)
def check(story: StoryText) -> StoryReport:
    """The story's report. Kept per text (both are immutable): the story bank shows fifty
    reports a page, and a story's text changes far less often than the page is read."""
    total = sum(words(getattr(story, key)) for key, _name in PARTS)
    parts = check_parts(story)
    return StoryReport(
        checks=(parts, check_quantified(story), check_ownership(story), check_length(total)),
        words=total,
        seconds=round(total / WORDS_PER_MINUTE * 60),
        missing=parts.evidence if not parts.passed else (),
    )


def _duration(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest:02d} s" if rest else f"{minutes} min"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
