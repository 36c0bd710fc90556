"""Estimation parts: the arithmetic chain written out, and assumptions stated with numbers.
Pure."""

from __future__ import annotations

import re

from pmpath.interview.feedback_signals import NUMBER, Measure, plural, quote
from pmpath.interview.feedback_text import Doc, Sentence, cues, words

_ANY_NUMBER = re.compile(
    NUMBER.pattern + r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|"
    r"half|quarter|third|dozen)\b",
    re.IGNORECASE,
)
_RUN = re.compile(r"⟨N⟩(?:\s+⟨N⟩)+")
# A number, up to two unit words ("330M people"), an operator, then a number.
_OPERATION = re.compile(
    r"⟨N⟩(?=(?:\s+[a-z]+){0,2}\s*(?:x|\u00d7|\*|/|÷|\+|-|\u2212|times|multiplied by|"
    r"divided by|plus|minus|over|per|of|out of)\s*(?:about |roughly |around |approximately |"
    r"~|≈)?⟨N⟩)"
)
_RESULT = re.compile(
    r"(?:=|≈|→|->|\bequals|\bequal to|\bgives(?: us| me)?|\bgiving|\bthat's|\bthat is|"
    r"\bwhich is|\bwhich gives|\bcomes to|\bworks out to|\bso|\bwe get|\bi get|\btotals?|"
    r"\btotal of|\bleaves|\bleaving|\bmakes|\byields|\blands at|\bends up at|\bin total)"
    r"\s*(?:about |roughly |around |approximately |~|≈|of )?⟨N⟩"
)


def _with_placeholders(text: str) -> str:
    return _RUN.sub("⟨N⟩", _ANY_NUMBER.sub("⟨N⟩", text.lower()))


def arithmetic(doc: Doc) -> Measure:
    ops = results = 0
    shown: list[Sentence] = []
    for sentence in doc.sentences:
        text = _with_placeholders(sentence.text)
        found = len(_OPERATION.findall(text))
        got = len(_RESULT.findall(text))
        ops += found
        results += got
        if found:
            shown.append(sentence)
    ratio = 0.6 * min(1.0, ops / 4) + 0.4 * min(1.0, results / 3)
    explanation = (
        f"{plural(ops, 'calculation')} written out (a number, an operator, a number) and "
        f"{plural(results, 'intermediate result')}."
    )
    tip = (
        'Write the chain out step by step, each with its result: "330M people x 40% = 132M, '
        '/ 2.5 per household = 53M households".'
    )
    return Measure(ratio, explanation, tuple(quote(s) for s in shown[:3]), tip)


ASSUME = cues(
    words(
        "assume, assuming, assumption, let's say, let us say, suppose, i'll take, i will take, "
        "i'll use, i'll go with, let's use, let's go with, call it, i'd guess, my guess, guess, "
        "estimate, i'd put, i'll put, i'll say, i'd say"
    )
)
HEDGED = cues(
    words(
        "roughly, about, around, approximately, approx, ballpark, probably, typical, typically, "
        "average, on average, maybe, likely, say"
    )
)
# Checks of the result itself; a bare "compared" is left out ("compared to what you pay").
SANITY = cues(
    words(
        "sanity check, sanity, cross check, double check, check against, triangulate, reasonable, "
        "makes sense, plausible, reality check, feels right, seems right, seems high, seems low, "
        "too high, too low, gut check, in line with, ballpark check, order of magnitude, "
        "hangs together"
    )
)


def assumptions(doc: Doc) -> Measure:
    stated: list[Sentence] = []
    hedged: list[Sentence] = []
    for sentence in doc.sentences:
        if not _ANY_NUMBER.search(sentence.text):
            continue
        if ASSUME.any(sentence):
            stated.append(sentence)
        elif HEDGED.any(sentence):
            hedged.append(sentence)
    checks = [s for s in doc.sentences if SANITY.any(s)]
    count = len(stated) + 0.5 * len(hedged)
    ratio = 0.8 * min(1.0, count / 3) + (0.2 if checks else 0.0)
    explanation = (
        f"{plural(len(stated), 'assumption')} stated with a number"
        f"{f', {len(hedged)} more hedged (about, roughly)' if hedged else ''}; "
        f"{'a sanity check' if checks else 'no sanity check'}."
    )
    evidence = tuple(quote(s) for s in (stated + hedged)[:3] + checks[:1])
    if count < 3:
        tip = (
            "State each assumption as one, with its number (\"I'll assume 2.5 people per "
            'household"), so the interviewer can challenge it.'
        )
    else:
        tip = "Sanity-check the final figure against something you know (a revenue, a census)."
    return Measure(ratio, explanation, evidence, tip)
