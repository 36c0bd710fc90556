"""The answer-feedback engine: a 0-100 score for a practice answer, made of parts that each say
what earned their points and quote the sentences that earned them. Pure (no Django) and
deterministic: the same answer always gets the same feedback.

Parts, and what each measures (the signals live in feedback_signals.py, feedback_estimation.py
and feedback_story.py; reading the Markdown in feedback_text.py):

- framework: which steps of the question's framework the answer covers. A step mentioned in one
  sentence earns half its share, in two or more the whole share.
- structure: signposting ("first", "then", "to start"), numbered or bulleted points (or spoken
  ordinals), and a closing summary at the end of the answer.
- customer: users named, their needs named, and a need named before the first solution.
- specificity: distinct numbers, percentages, money, timeframes, metrics and named segments, and
  how many sentences carry one.
- tradeoffs: sentences that weigh a cost, risk or rejected alternative.
- arithmetic (estimation): calculations written out (a number, an operator, a number) and the
  intermediate results they give.
- assumptions (estimation): assumptions stated with a number, and a sanity check.
- result (behavioural): a result in the past tense, and a number in it.
- ownership (behavioural, motivation): actions the candidate took ("I decided") against the
  team's ("we launched").
- length: words against the time limit, spoken at 140 words a minute. Under 30% of the limit
  loses in proportion; past the limit at 150 words a minute loses until twice the limit.

Weights per category (each row sums to 100) are in WEIGHTS below and explained, with the reason
for each, in docs/interview-feedback.md. They are set by what an interviewer listens for in that
kind of question, not fitted to the development set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pmpath.interview import feedback_estimation as estimation
from pmpath.interview import feedback_signals as sig
from pmpath.interview import feedback_story as story
from pmpath.interview.feedback_signals import StepCoverage
from pmpath.interview.feedback_text import Doc, parse

WEIGHTS: dict[str, dict[str, int]] = {
    # Product sense: the customer and the framework carry it; trade-offs show judgement.
    "product_sense": {
        "framework": 25,
        "structure": 15,
        "customer": 20,
        "specificity": 10,
        "tradeoffs": 15,
        "length": 15,
    },
    # Strategy: a structured view of market and moat, backed by specifics, with trade-offs.
    "strategy": {
        "framework": 25,
        "structure": 15,
        "customer": 10,
        "specificity": 20,
        "tradeoffs": 15,
        "length": 15,
    },
    # Estimation: the arithmetic chain and its assumptions are the answer.
    "estimation": {
        "framework": 15,
        "structure": 10,
        "assumptions": 20,
        "arithmetic": 30,
        "specificity": 10,
        "length": 15,
    },
    # Execution and metrics (incl. root cause): the right metrics, named precisely.
    "execution": {
        "framework": 25,
        "structure": 15,
        "customer": 10,
        "specificity": 20,
        "tradeoffs": 15,
        "length": 15,
    },
    # Technical: the framework plus the trade-offs between designs.
    "technical": {
        "framework": 25,
        "structure": 15,
        "customer": 10,
        "specificity": 15,
        "tradeoffs": 20,
        "length": 15,
    },
    # Behavioural: every part of the story, a quantified result, the candidate's own actions.
    "behavioural": {
        "framework": 30,
        "result": 15,
        "ownership": 15,
        "structure": 10,
        "specificity": 15,
        "length": 15,
    },
    # Motivation: specific reasons, backed by things the candidate did.
    "motivation": {
        "framework": 25,
        "structure": 15,
        "specificity": 25,
        "ownership": 20,
        "length": 15,
    },
    # Company research: specifics about this company, its customers and its market.
    "company": {
        "framework": 25,
        "structure": 15,
        "customer": 15,
        "specificity": 30,
        "length": 15,
    },
}
DEFAULT_TIME_LIMITS = {
    "product_sense": 900,
    "strategy": 900,
    "estimation": 600,
    "execution": 600,
    "technical": 600,
    "behavioural": 180,
    "motivation": 120,
    "company": 180,
}
NAMES = {
    "framework": "Framework coverage",
    "structure": "Structure",
    "customer": "Customer focus",
    "specificity": "Specificity",
    "tradeoffs": "Trade-offs",
    "arithmetic": "Arithmetic chain",
    "assumptions": "Stated assumptions",
    "result": "Quantified result",
    "ownership": "Ownership",
    "length": "Length",
}


@dataclass(frozen=True)
class Step:
    key: str
    name: str
    cues: tuple[str, ...]
    guidance: str = ""


@dataclass(frozen=True)
class AnswerInput:
    question: str
    category: str
    answer: str  # Markdown
    steps: tuple[Step, ...] = ()
    framework_name: str = ""
    time_limit_seconds: int | None = None


@dataclass(frozen=True)
class Part:
    key: str
    name: str
    points: float
    max: int
    explanation: str
    evidence: tuple[str, ...] = ()
    tip: str = ""  # what to do next time, used when this part is among the weakest

    @property
    def ratio(self) -> float:
        return self.points / self.max if self.max else 1.0


@dataclass(frozen=True)
class Feedback:
    score: int
    category: str
    parts: tuple[Part, ...]
    steps: tuple[StepCoverage, ...]
    suggestions: tuple[str, ...]
    words: int
    time_limit_seconds: int

    def part(self, key: str) -> Part | None:
        return next((p for p in self.parts if p.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "category": self.category,
            "words": self.words,
            "time_limit_seconds": self.time_limit_seconds,
            "parts": [
                {
                    "key": p.key,
                    "name": p.name,
                    "points": p.points,
                    "max": p.max,
                    "explanation": p.explanation,
                    "evidence": list(p.evidence),
                }
                for p in self.parts
            ],
            "steps": {
                "covered": [
                    {"key": s.key, "name": s.name, "sentence": s.sentence}
                    for s in self.steps
                    if s.covered
                ],
                "skipped": [{"key": s.key, "name": s.name} for s in self.steps if not s.covered],
            },
            "suggestions": list(self.suggestions),
        }


def weights_for(category: str, *, has_framework: bool = True) -> dict[str, int]:
    """The category's weights. Without framework steps to check, the framework share is spread
    over the other parts in proportion, so the total stays 100."""
    weights = WEIGHTS.get(category, WEIGHTS["product_sense"])
    if has_framework:
        return weights
    rest = {k: v for k, v in weights.items() if k != "framework"}
    scale = 100 / sum(rest.values())
    scaled = {k: int(v * scale) for k, v in rest.items()}
    scaled["length"] += 100 - sum(scaled.values())  # whole numbers that still add up to 100
    return scaled


def evaluate(data: AnswerInput) -> Feedback:
    """Score one answer. Never raises for any text; the score is always 0..100."""
    doc = parse(data.answer)
    limit = data.time_limit_seconds or DEFAULT_TIME_LIMITS.get(data.category, 600)
    weights = weights_for(data.category, has_framework=bool(data.steps))
    coverage = sig.step_coverage(doc, data.steps, story.STEP_SIGNALS)
    measures = {
        "framework": lambda: sig.framework(coverage, data.framework_name),
        "structure": lambda: sig.structure(doc, [s.name for s in data.steps]),
        "customer": lambda: sig.customer(doc),
        "specificity": lambda: sig.specificity(doc),
        "tradeoffs": lambda: sig.tradeoffs(doc),
        "arithmetic": lambda: estimation.arithmetic(doc),
        "assumptions": lambda: estimation.assumptions(doc),
        "result": lambda: story.result(doc),
        "ownership": lambda: story.ownership(doc),
        "length": lambda: sig.length(doc, limit),
    }
    parts = []
    for key, weight in weights.items():
        measure = measures[key]() if doc.words else sig.Measure(0.0, "The answer is empty.")
        ratio = min(1.0, max(0.0, measure.ratio))
        parts.append(
            Part(
                key=key,
                name=NAMES[key],
                points=round(ratio * weight, 1),
                max=weight,
                explanation=measure.explanation,
                evidence=tuple(measure.evidence[:4]),
                tip=measure.tip,
            )
        )
    score = max(0, min(100, round(sum(p.points for p in parts))))
    return Feedback(
        score=score,
        category=data.category,
        parts=tuple(parts),
        steps=coverage,
        suggestions=suggestions(parts, doc),
        words=doc.words,
        time_limit_seconds=limit,
    )


def suggestions(parts: list[Part], doc: Doc) -> tuple[str, ...]:
    """One to three "next time" suggestions from the parts that lost the most points."""
    if not doc.words:
        return (
            "Write an answer first: even five bullet points give the feedback something to "
            "work with.",
        )
    ranked = sorted(parts, key=lambda p: p.points - p.max)  # most points lost first
    chosen = [p.tip for p in ranked if p.tip and p.ratio < 0.8 and p.max - p.points >= 2][:3]
    if not chosen:
        weakest = next((p for p in ranked if p.tip and p.points < p.max), None)
        if weakest is None:
            return (
                "Every part scored in full: practise a harder question, or answer this one "
                "aloud against the timer.",
            )
        chosen = [weakest.tip]
    return tuple(chosen)
