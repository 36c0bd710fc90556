"""The heavy user's question bank for the benchmark (registered in bench.py): their own
questions on top of the shipped bank, to 1,000 visible, and 10,000 submitted answers with
real feedback from the engine, plus a review card for each practised question. Bulk inserts
throughout; the feedback engine runs only a couple of dozen times and its results are reused."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

from pmpath.interview import knowledge
from pmpath.interview.models import Attempt, Question, ReviewCard

VISIBLE = 1000
ATTEMPTS = 10_000
BATCH = 2000
STEMS = {
    "product_sense": "Design a product that helps {who} {what}.",
    "strategy": "Should a company serving {who} expand into helping them {what}?",
    "estimation": "How many {who} {what} in a year in one large country?",
    "execution": "The share of {who} who {what} fell 12% last week. What happened?",
    "technical": "How would you design the system that lets {who} {what}?",
    "behavioural": "Tell me about a time you helped {who} {what} against the odds.",
    "motivation": "Why do you want to build products for {who} who {what}?",
    "company": "What would you change about how our product helps {who} {what}?",
}
WHO = ["new parents", "nurses on night shifts", "small shop owners", "first-year students",
       "retired teachers", "delivery couriers", "remote teams", "amateur runners",
       "freelance designers", "people learning a language"]  # fmt: skip
WHAT = ["plan their week", "find trustworthy advice", "save money on groceries",
        "keep in touch with friends", "share their work", "stay healthy",
        "get paid on time", "learn a new skill", "book appointments", "travel cheaply"]  # fmt: skip


def _answer(framework: knowledge.Framework | None, rng: random.Random, quality: float) -> str:
    """An answer of 300-600 words that walks some of the framework's steps in its own words."""
    if framework is None:
        return "I would start by understanding the users and their needs. " * 30
    parts = []
    for step in framework.steps:
        if rng.random() > quality:
            continue
        cues = rng.sample(step.cues, min(3, len(step.cues)))
        parts.append(
            f"**{step.name}.** {step.guidance} In practice that means I would {cues[0]} first, "
            f"then {cues[1]}, and keep {cues[-1]} in view. For example, with about 40% of users "
            "on mobile and roughly 2 million weekly actives, I would check this with data "
            "before committing, and say what we would give up as a trade-off."
        )
    parts.append("To summarise: the user, the problem, the choice, and how we will measure it.")
    return "\n\n".join(parts * 2)


def bank_history(user: Any, rng: random.Random, scale: float) -> str:
    from pmpath.interview.feedback_service import feedback_for_text
    from pmpath.interview.practice import feedback_as_dict

    shipped = Question.objects.filter(owner__isnull=True).count()
    own = max(5, round(VISIBLE * scale) - shipped)
    categories = list(STEMS)
    Question.objects.bulk_create(
        [
            Question(
                owner=user,
                text=f"{STEMS[c].format(who=rng.choice(WHO), what=rng.choice(WHAT))} (#{i})",
                category=c,
                difficulty=rng.choice([1, 2, 2, 3]),
                levels=rng.sample(list(knowledge.LEVELS), rng.randrange(1, 4)),
                skills=rng.sample(list(knowledge.SKILLS), 2),
                themes=rng.sample(list(knowledge.THEMES), 2) if c == "behavioural" else [],
                follow_ups=["What would you do first?", "How would you measure it?"],
                strong_answer=["Names a specific user.", "Gives a metric.", "Weighs a trade-off."],
                pitfalls=["Jumping to solutions."],
            )
            for i, c in ((i, categories[i % len(categories)]) for i in range(own))
        ],
        batch_size=BATCH,
    )
    questions = list(Question.objects.visible_to(user).values_list("id", "category"))
    # A few real answers and their real feedback per category, reused across attempts.
    samples: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for category in categories:
        framework = knowledge.default_framework(category)
        samples[category] = []
        for quality in (0.35, 0.7, 1.0):
            text = _answer(framework, rng, quality)
            result = feedback_for_text(category, STEMS[category], text)
            samples[category].append((text, feedback_as_dict(result)))
    now = timezone.now()
    total = max(20, round(ATTEMPTS * scale))
    practised: dict[int, int] = {}
    batch: list[Attempt] = []
    for _ in range(total):
        question_id, category = rng.choice(questions)
        text, feedback = rng.choice(samples[category])
        when = now - timedelta(minutes=rng.randrange(10, 365 * 24 * 60))
        rating = rng.choice([1, 2, 3, 3, 4])
        practised[question_id] = rating
        batch.append(
            Attempt(
                user=user,
                question_id=question_id,
                answer=text,
                started_at=when - timedelta(minutes=rng.randrange(5, 20)),
                submitted_at=when,
                duration_seconds=rng.randrange(120, 1200),
                score=feedback.get("score"),
                feedback=feedback,
                rating=rating,
                rubric={"structure": rng.randrange(1, 6), "judgement": rng.randrange(1, 6)},
            )
        )
        if len(batch) >= BATCH:
            Attempt.objects.bulk_create(batch)
            batch = []
    Attempt.objects.bulk_create(batch)
    ReviewCard.objects.bulk_create(
        [
            ReviewCard(
                user=user,
                question_id=question_id,
                state={},
                due_at=now + timedelta(hours=rng.randrange(-72, 24 * 60)),
                last_rating=rating,
                reviews=rng.randrange(1, 8),
            )
            for question_id, rating in practised.items()
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    return (
        f"interview bank: {len(questions)} questions visible ({own} own), "
        f"{total} answers, {len(practised)} cards"
    )


def first_practised(user: Any) -> int:
    found = Attempt.objects.owned_by(user).filter(submitted_at__isnull=False)
    return found.order_by("id").values_list("question_id", flat=True).first() or 0


def first_own(user: Any) -> int:
    found = Question.objects.filter(owner=user).order_by("id")
    return found.values_list("id", flat=True).first() or 0
