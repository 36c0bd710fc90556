"""The measurements behind the feedback parts every category shares (estimation's are in
feedback_estimation.py, stories' in feedback_story.py). Each returns a Measure: a ratio in 0..1, a
one-line explanation, the sentences that earned it and a "next time" tip. Pure.

Thresholds are round numbers an interviewer would recognise ("two trade-offs", "three stated
assumptions", "four signposts"), chosen before looking at the development set."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pmpath.interview.feedback_text import Doc, Sentence, cues, words

WORDS_PER_MINUTE = 140  # a calm interview pace; the limit is checked at a brisk 150
FAST_WORDS_PER_MINUTE = 150
SHORT_SHARE = 0.3  # an answer under 30% of the time it could fill is too short


@dataclass(frozen=True)
class Measure:
    ratio: float
    explanation: str
    evidence: tuple[str, ...] = ()
    tip: str = ""


@dataclass(frozen=True)
class StepCoverage:
    key: str
    name: str
    mentions: int  # sentences that touch the step
    sentence: str  # the sentence that covers it best, "" when skipped

    @property
    def covered(self) -> bool:
        return self.mentions > 0


def quote(sentence: Sentence, limit: int = 220) -> str:
    text = sentence.text
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def opening(sentence: Sentence, words: int = 7) -> str:
    """The first few words of a sentence, quoted: enough to find it in the answer."""
    head = sentence.text.split()
    return "\u201c" + " ".join(head[:words]) + ("\u2026" if len(head) > words else "") + "\u201d"


def repr_step(name: str) -> str:
    """A step's name quoted, so an imperative name ("Add supporting metrics") reads as a name."""
    return f"\u201c{name}\u201d"


def _names(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


# --- framework coverage ---------------------------------------------------------------------


def step_coverage(
    doc: Doc, steps: Iterable[Any], extra: Mapping[str, Callable[[Sentence], bool]] | None = None
) -> tuple[StepCoverage, ...]:
    """Which sentences touch each step: by its cues, plus `extra` signals keyed by step key."""
    found = []
    for step in steps:
        matcher = cues(step.cues)
        signal = (extra or {}).get(step.key)
        best: Sentence | None = None
        best_hits = 0
        mentions = 0
        for sentence in doc.sentences:
            hits = len(matcher.match(sentence)) + (1 if signal and signal(sentence) else 0)
            hits = min(2, hits)  # two cues make a sentence clearly "about" the step
            if hits:
                mentions += 1
                if hits > best_hits:
                    best, best_hits = sentence, hits
        found.append(StepCoverage(step.key, step.name, mentions, quote(best) if best else ""))
    return tuple(found)


def framework(coverage: Sequence[StepCoverage], name: str) -> Measure:
    total = len(coverage)
    covered = [s for s in coverage if s.covered]
    skipped = [s.name for s in coverage if not s.covered]
    thin = [s.name for s in covered if s.mentions == 1]
    ratio = sum(min(1.0, s.mentions / 2) for s in coverage) / total if total else 0.0
    label = f"the {name} framework" if name else "the framework"
    explanation = f"Covers {len(covered)} of {total} steps of {label}"
    if skipped:
        explanation += f"; skips {_names(skipped)}"
    if thin:
        explanation += f"; {_names(thin)} only in passing"
    evidence = tuple(f"{s.name}: {s.sentence}" for s in covered)
    if skipped:
        tip = (
            "Spend a sentence or two on each step you skipped "
            f"({_names([repr_step(n) for n in skipped[:3]])}): they are steps of {label} "
            "an interviewer listens for."
        )
    elif thin:
        tip = f"Develop {_names(thin[:3])} beyond one passing mention: a reason or an example each."
    else:
        tip = ""
    return Measure(ratio, explanation + ".", evidence, tip)


# --- structure -----------------------------------------------------------------------------

SIGNPOSTS = cues(
    words(
        "first, firstly, second, secondly, third, thirdly, finally, lastly, next, to start, to "
        "begin, start by, start with, begin with, i'll start, let me start, my approach, approach "
        "this, structure, break it down, break this down, break down, walk through, moving on, "
        "move on, turning to, turn to, now let's, then i'd, then i would, then i'll, after that, "
        "i'll cover, i will cover, i want to cover, two things, three things, a few things, two "
        "parts, three parts, three steps, here's how, my plan, the plan, to recap, in summary, to "
        "summarise"
    )
)
ORDINALS = cues(
    words(
        "first, firstly, second, secondly, third, thirdly, fourth, fifth, finally, lastly, step "
        "one, step two, step three, one, two, three, next"
    )
)
SUMMARY = cues(
    words(
        "summary, in summary, to summarise, summarise, sum up, to sum up, overall, in short, "
        "recap, to recap, wrap up, in conclusion, conclusion, to conclude, bottom line, "
        "recommendation, i would recommend, i'd recommend, recommend, in a nutshell, takeaway, tl "
        "dr, tldr, net net, so my answer, final answer, my estimate, my answer is, the answer is, "
        "land on, i'd land, that's why, which is why, lesson, learned, learnt"
    )
)


def _opens_with(sentence: Sentence, matcher: Any, within: int = 4) -> bool:
    stems = sentence.stems[:within]
    head = Sentence(0, "", "", 0, (), stems, frozenset(stems), stem_line=f" {' '.join(stems)} ")
    return matcher.any(head)


def structure(doc: Doc, step_names: Sequence[str] = ()) -> Measure:
    signposts = [s for s in doc.sentences if SIGNPOSTS.any(s)]
    ordinals = sum(1 for s in doc.sentences if _opens_with(s, ORDINALS))
    points = max(doc.list_items + doc.headers, ordinals)
    tail = max(2, round(len(doc.sentences) * 0.25))
    closing = [
        s
        for s in doc.sentences[-tail:]
        if len(doc.sentences) > 2 and doc.position(s) >= 0.5 and SUMMARY.any(s)
    ]
    sign_ratio = min(1.0, len(signposts) / 4)
    point_ratio = min(1.0, points / 4)
    ratio = 0.35 * sign_ratio + 0.35 * point_ratio + (0.3 if closing else 0.0)
    explanation = (
        f"{plural(len(signposts), 'signpost')}, {plural(points, 'numbered or bulleted point')}"
        f"{'' if doc.list_items + doc.headers >= ordinals else ' (spoken)'}, "
        f"{'a closing summary' if closing else 'no closing summary'}."
    )
    evidence = tuple(dict.fromkeys(quote(s) for s in (signposts[:2] + closing[-1:])))
    if sign_ratio <= min(point_ratio, 1.0 if closing else 0.0) or (sign_ratio < 0.5 and closing):
        plan = [n[:1].lower() + n[1:] for n in step_names[:3]] or ["the goal", "options", "a pick"]
        tip = (
            f'Say up front how you will structure the answer ("I\'ll {_names(plan)}") '
            "and signpost each move: first, next, finally."
        )
    elif not closing:
        tip = "Close with a two-sentence summary: what you recommend, and the one reason why."
    else:
        tip = "Number your main points, or give each its own bullet, so they are easy to follow."
    return Measure(ratio, explanation, evidence, tip)


# --- customer focus -----------------------------------------------------------------------

USERS = cues(
    words(
        "user, customer, people, person, persona, segment, audience, buyer, shopper, consumer, "
        "rider, driver, passenger, patient, student, parent, teacher, seller, merchant, host, "
        "guest, viewer, listener, player, member, subscriber, developer, admin, clinician, "
        "doctor, nurse, traveller, traveler, commuter, owner, employee, creator, reader, fan, "
        "family, families, kid, child, children, elderly, visitor, client, freelancer, small "
        "business, smb, recruiter, candidate, learner, athlete, caregiver, homeowner, renter, "
        "tenant, diner, restaurant"
    )
)
NEEDS = cues(
    words(
        "need, pain, pain point, problem, struggle, frustrat, frustration, frustrated, want, "
        "wish, job to be done, jobs to be done, hard to, difficult, annoy, annoying, worry, "
        "worried, afraid, fear, can't, cannot, unable, hate, care about, trying to, workaround, "
        "friction, barrier, blocker, stuck, forget, miss, anxious, stress, stressful, confusing, "
        "confused, struggling, expect, rely on, depend on"
    )
)
# Words that propose something to make or change. "Solution" and "idea" are left out: candidates
# use them to announce structure ("then a few solutions"); "app" too, which often names the
# product that has the problem ("problems with bike share apps").
SOLUTIONS = cues(
    words(
        "build, feature, launch, add, create, introduce, ship, implement, prototype, mvp, "
        "tool, button, integrate, integration, roll out, v1, offer, redesign"
    )
)


# A need counts when it is someone's: the sentence names a user or points back at one.
_THEM = {"they", "them", "their", "theirs", "he", "she", "his", "her", "someone", "everyone"}


def customer(doc: Doc) -> Measure:
    users = [s for s in doc.sentences if USERS.any(s)]
    named = set(users)
    needs = [
        s for s in doc.sentences if NEEDS.any(s) and (s in named or not _THEM.isdisjoint(s.words))
    ]
    solutions = [s for s in doc.sentences if SOLUTIONS.any(s)]
    first_need = needs[0].index if needs else None
    first_solution = solutions[0].index if solutions else None
    if first_need is None:
        order = 0.0
    elif first_solution is None or first_need <= first_solution:
        order = 1.0
    else:
        order = 0.3
    ratio = 0.3 * min(1.0, len(users) / 3) + 0.3 * min(1.0, len(needs) / 2) + 0.4 * order
    explanation = (
        f"Names users in {plural(len(users), 'sentence')} and their needs in "
        f"{plural(len(needs), 'sentence')}"
    )
    if solutions:
        proposal = opening(solutions[0])
        if first_need is None:
            explanation += f"; a solution ({proposal}) comes with no need named"
        elif first_need == first_solution:
            explanation += "; the first need comes with the first solution"
        elif order == 1.0:
            explanation += "; the first need comes before the first solution"
        else:
            explanation += f"; the first need comes only after the first solution ({proposal})"
    evidence = tuple(quote(s) for s in dict.fromkeys(users[:1] + needs[:1]))
    if order < 1.0 and solutions:
        tip = (
            "Name who the user is and the need you are solving before proposing anything: "
            f"your answer proposes {opening(solutions[0])} first."
        )
    elif len(users) < 3:
        tip = (
            "Name a specific user segment and say what they are trying to get done, in their terms."
        )
    else:
        tip = "Say what each user segment needs, and which need you chose to solve first, and why."
    return Measure(ratio, explanation + ".", evidence, tip)


# --- specificity --------------------------------------------------------------------------

NUMBER = re.compile(
    r"(?<![\w.])[$£€]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|pp|k|m|bn|mn|x|million|billion|"
    r"thousand|hundred)\b|%)?",
    re.IGNORECASE,
)
YEAR = re.compile(r"^(19|20)\d\d$")
TIMEFRAME = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a|next|each|per|every|"
    r"first|last|this|within)\s+(?:days?|weeks?|months?|quarters?|years?|sprints?|hours?|"
    r"minutes?)\b|\bq[1-4]\b|\b(?:daily|weekly|monthly|quarterly|annually|yearly)\b",
    re.IGNORECASE,
)
SEGMENT = re.compile(
    r"\b(?:new|existing|power|casual|first[- ]time|returning|active|inactive|lapsed|churned|"
    r"paying|free|premium|enterprise|small[- ]business|mid[- ]market|young|older|senior|"
    r"low[- ]income|rural|urban|frequent|occasional|heavy|light|b2b|b2c)\s+(?:users?|"
    r"customers?|buyers?|sellers?|drivers?|riders?|members?|subscribers?|parents?|students?|"
    r"teams?|businesses|owners?|travell?ers?|shoppers?|listeners?|viewers?|creators?|"
    r"developers?|accounts?|hosts?|guests?|readers?|patients?|players?|adults?)\b"
    r"|\baged?\s+\d+|\b\d+\s*(?:-|to)\s*\d+\s*(?:year[- ]olds?|yo)\b|\bgen\s?z\b|"
    r"\bmillennials?\b|\bboomers?\b",
    re.IGNORECASE,
)
METRICS = cues(
    words(
        "retention, conversion, churn, dau, mau, wau, nps, csat, revenue, ctr, click through, "
        "arpu, ltv, lifetime value, cac, activation, engagement, latency, p95, p99, uptime, gmv, "
        "aov, funnel, cohort, north star, okr, kpi, margin, roi, payback, adoption, drop off, "
        "completion rate, error rate, take rate, market share, time to, frequency, basket size, "
        "unit economics, win rate, sla, attach rate, stickiness, cancellation rate"
    )
)
_NOT_NAMES = {"I", "I'd", "I'm", "I've", "I'll", "OK", "A", "The", "So", "And", "But", "Then"}


def _names_in(sentence: Sentence) -> set[str]:
    if sentence.kind == "header":
        return set()
    words = sentence.text.split()
    found = set()
    name: list[str] = []  # consecutive capitalised words are one name: "New York"
    for i, raw in enumerate(words):
        word = raw.strip(".,;:!?()\"'")
        opens = i == 0 or words[i - 1][-1:] in ":;.!?"
        if not opens and len(word) >= 2 and word[0].isupper() and word not in _NOT_NAMES:
            name.append(word.lower())
            if raw[-1:] not in ".,;:!?)\"'":
                continue
        if name:
            found.add(" ".join(name))
            name = []
    if name:
        found.add(" ".join(name))
    return found


def specifics(sentence: Sentence) -> set[str]:
    """Every specific a sentence carries, normalised: numbers, timeframes, segments, metrics
    and names."""
    text = sentence.text
    found = {
        "#" + m.group().lower().replace(" ", "")
        for m in NUMBER.finditer(text)
        if not YEAR.match(m.group())
    }
    found |= {"t:" + m.group().lower() for m in TIMEFRAME.finditer(text)}
    found |= {"s:" + m.group().lower() for m in SEGMENT.finditer(text)}
    found |= {"m:" + label for label in METRICS.match(sentence)}
    found |= {"n:" + name for name in _names_in(sentence)}
    return found


def specificity(doc: Doc) -> Measure:
    per_sentence = [(s, specifics(s)) for s in doc.sentences]
    distinct: set[str] = set().union(*(found for _, found in per_sentence))
    carrying = [s for s, found in per_sentence if found]
    share = len(carrying) / len(doc.sentences) if doc.sentences else 0.0
    ratio = 0.6 * min(1.0, len(distinct) / 8) + 0.4 * min(1.0, share / 0.4)
    kinds = {"#": "numbers", "t:": "timeframes", "s:": "segments", "m:": "metrics", "n:": "names"}
    counts = [
        f"{label} {n}"
        for prefix, label in kinds.items()
        if (n := sum(1 for item in distinct if item.startswith(prefix)))
    ]
    explanation = (
        f"{plural(len(distinct), 'distinct specific')}"
        f"{' (' + ', '.join(counts) + ')' if counts else ''} in {len(carrying)} of "
        f"{plural(len(doc.sentences), 'sentence')}."
    )
    best = sorted(per_sentence, key=lambda pair: -len(pair[1]))[:3]
    evidence = tuple(quote(s) for s, found in sorted(best, key=lambda p: p[0].index) if found)
    tip = (
        'Put numbers on it: a metric with a baseline, a target and a timeframe ("lift 7-day '
        'retention from 20% to 25% this quarter"), and a named segment instead of "users".'
    )
    return Measure(ratio, explanation, evidence, tip)


# --- trade-offs -------------------------------------------------------------------------------

TRADEOFFS = cues(
    words(
        "trade off, trade offs, downside, drawback, risk, cost, at the expense, expense of, "
        "versus, vs, on the other hand, instead of, rather than, cannibalise, cannibalisation, "
        "pros and cons, the catch, give up, sacrifice, in exchange, balance, tension, mitigate, "
        "counter metric, guardrail, compromise, whereas, alternative, alternatively, hurt, at "
        "risk, concern, caveat, limitation, it depends, unless, opportunity cost, deprioritise, "
        "not do, won't, wouldn't, downsides, price of, worse"
    )
)
HEDGES = cues(["but", "however", "although", "though", "while", "yet"])


def tradeoffs(doc: Doc) -> Measure:
    hits = {s.index: len(TRADEOFFS.match(s)) for s in doc.sentences}
    strong = [s for s in doc.sentences if hits[s.index]]
    weak = [s for s in doc.sentences if not hits[s.index] and HEDGES.any(s)]
    total = len(strong) + 0.5 * len(weak)
    ratio = min(1.0, total / 2)
    strong = sorted(strong, key=lambda s: -hits[s.index])  # the clearest trade-offs first
    explanation = (
        f"{plural(len(strong), 'sentence weighs', 'sentences weigh')} a cost, risk or alternative"
        f"{f', and {len(weak)} more qualify with but or however' if weak else ''}."
    )
    evidence = tuple(quote(s) for s in (strong + weak)[:3])
    tip = (
        "Say what your choice costs: one downside or risk, and one alternative you rejected "
        "and why."
    )
    return Measure(ratio, explanation, evidence, tip)


# --- length -------------------------------------------------------------------------------


def _minutes(value: float) -> str:
    if value < 1:
        return f"{round(value * 60)} seconds"
    return f"{value:.1f}".rstrip("0").rstrip(".") + (
        " minute" if round(value, 1) == 1 else " minutes"
    )


def length(doc: Doc, limit_seconds: int) -> Measure:
    words = doc.words
    spoken = words / WORDS_PER_MINUTE
    limit = limit_seconds / 60
    low = SHORT_SHARE * limit * WORDS_PER_MINUTE
    high = limit * FAST_WORDS_PER_MINUTE
    if words < low:
        ratio = words / low
        verdict = f"short: aim for at least {round(low)} words (about {_minutes(low / 140)})"
        tip = (
            f"Say more: your answer would take about {_minutes(spoken)} against a limit of "
            f"{_minutes(limit)}. Give each step a reason and an example."
        )
    elif words <= high:
        ratio, verdict, tip = 1.0, "within the time", ""
    else:
        ratio = max(0.0, 1 - (words - high) / high)
        verdict = f"over the limit even at {FAST_WORDS_PER_MINUTE} words a minute"
        tip = (
            f"Cut to fit {_minutes(limit)}: keep one example per point and drop the rest; "
            f"at the moment it would take about {_minutes(spoken)}."
        )
    explanation = (
        f"{plural(words, 'word')}, about {_minutes(spoken)} spoken at {WORDS_PER_MINUTE} words "
        f"a minute, against a limit of {_minutes(limit)}: {verdict}."
    )
    return Measure(ratio, explanation, (), tip)
