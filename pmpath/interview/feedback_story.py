"""Story parts: a result in numbers, the candidate's own actions, and the signals that let the
engine recognise a story's Task, Action and Result steps beyond the framework's cue list. Pure."""

from __future__ import annotations

from collections.abc import Callable

from pmpath.interview.feedback_signals import NUMBER, TIMEFRAME, YEAR, Measure, plural, quote
from pmpath.interview.feedback_text import Doc, Sentence, cues, words

# Past tense on purpose: a result is what happened ("retention improved"), not an intention
# ("I'm always trying to improve").
RESULTS = cues(
    words(
        "result, as a result, outcome, in the end, ended up, impact, increased, decreased, "
        "reduced, grew, rose, fell, improved, cut, saved, launched, shipped, went from, went up, "
        "went down, dropped, raised, lifted, won, achieved, delivered, led to, boosted, halved, "
        "doubled, tripled, recovered, renewed, retained, signed, closed, reached, hit"
    ),
    exact=True,
)


def result(doc: Doc) -> Measure:
    found = [s for s in doc.sentences if RESULTS.any(s)]
    quantified = [
        s
        for s in found
        if any(not YEAR.match(m.group()) for m in NUMBER.finditer(s.text))
        or TIMEFRAME.search(s.text)
    ]
    evidence: tuple[str, ...] = ()
    if quantified:
        ratio, explanation = 1.0, "States the result with a number."
        evidence = (quote(quantified[-1]),)
    elif found:
        ratio, explanation = 0.4, "States a result, but without a number to size it."
        evidence = (quote(found[-1]),)
    else:
        ratio, explanation = 0.0, "No result: the story stops before the outcome."
    tip = "End the story with its result in numbers: what changed, by how much, and by when."
    return Measure(ratio, explanation, evidence, tip)


TASKS = cues(
    words(
        "my job, i was asked, i was tasked, my responsibility, i needed to, i had to, it was up "
        "to me, my brief, my remit, i owned"
    ),
    exact=True,
)

# Ownership counts actions, not pronouns: "I decided", "I then wrote", "I've learned" are the
# candidate's; "we launched" is the team's; "I think" and "I'm" are neither.
_ACTORS = {"i": "mine", "i've": "mine", "we": "ours", "we've": "ours"}
_BETWEEN = set(
    words(
        "also, then, first, quickly, personally, immediately, eventually, finally, actually, "
        "just, once, still, later, instead, initially, deliberately, myself, ourselves, never, "
        "only, always"
    )
)
_IRREGULAR = set(
    words(
        "became, began, brought, built, caught, chose, cut, did, drew, drove, fought, found, "
        "gave, got, grew, had, held, hit, kept, led, left, lost, made, met, oversaw, paid, put, "
        "ran, rebuilt, rewrote, sat, saw, sent, set, shut, sold, spent, split, spoke, stood, "
        "struck, taught, took, told, went, won, wrote"
    )
)
_NOT_PAST = {"need", "feed", "seed", "proceed", "exceed", "succeed", "bleed", "breed"}


def _is_past(word: str) -> bool:
    if word in _IRREGULAR:
        return True
    return len(word) > 3 and word.endswith("ed") and word not in _NOT_PAST


def actions(sentence: Sentence) -> tuple[list[str], list[str]]:
    """The actions the candidate took ("i decided") and those "we" took, in one sentence."""
    mine: list[str] = []
    ours: list[str] = []
    words = sentence.words
    for i, word in enumerate(words):
        actor = _ACTORS.get(word)
        if actor is None:
            continue
        j = i + 1
        while j < len(words) and j <= i + 2 and words[j] in _BETWEEN:
            j += 1
        if j < len(words) and _is_past(words[j]):
            (mine if actor == "mine" else ours).append(" ".join(words[i : j + 1]))
    return mine, ours


def _said(phrases: list[str]) -> str:
    shown = [f'"{p[:1].upper() + p[1:] if p.startswith("i") else p}"' for p in phrases[:2]]
    return f" ({', '.join(shown)})" if shown else ""


def ownership(doc: Doc) -> Measure:
    counted = [(s, *actions(s)) for s in doc.sentences]
    mine = [p for _, m, _ in counted for p in m]
    ours = [p for _, _, o in counted for p in o]
    total = len(mine) + len(ours)
    share = len(mine) / total if total else 0.0
    ratio = min(1.0, len(mine) / 4) * min(1.0, share / 0.5)
    explanation = (
        f"{plural(len(mine), 'thing')} you did yourself{_said(mine)} and "
        f"{plural(len(ours), 'thing')} the team did{_said(ours)}"
        f"{f': {round(share * 100)}% yours' if total else ''}."
    )
    evidence = tuple(quote(s) for s, m, _ in counted if m)[:2]
    tip = (
        'Say "I" for what you did yourself ("I ran the interviews", "I proposed"): '
        "the interviewer is hiring you, not your team."
    )
    return Measure(ratio, explanation, evidence, tip)


# The engine is asked to check a story's parts itself, so these steps are also recognised
# from grammar: an Action is any "I + past-tense verb", a Result any past-tense outcome, a
# Task a few more ways of saying "this was my job".
STEP_SIGNALS: dict[str, Callable[[Sentence], bool]] = {
    "action": lambda s: bool(actions(s)[0]),
    "result": RESULTS.any,
    "task": TASKS.any,
}
