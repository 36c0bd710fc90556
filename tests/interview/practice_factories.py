"""Factories for the practice, story, mock and prep tests: questions made in the test (so the
tests do not depend on the shipped bank's wording), answers, cards and stories."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from pmpath.interview.models import Attempt, Question, ReviewCard, Story

GOOD_ANSWER = """## Clarify
I assume the goal is to help commuters get to work on time; success is fewer missed trains.

## Users
Three segments: daily commuters, occasional travellers and shift workers. I focus on daily
commuters because they are the largest group and feel the pain most often.

## Needs
Today they struggle to know when to leave; the pain point is uncertainty about delays.

## Solutions
1. A leave-now alert that uses live delay data.
2. A weekly reliability score per route.
3. A bolder idea: a shared ride fallback when the train is cancelled.

## Trade-offs
The alert is cheap to build but risks notification fatigue; the fallback costs more. I'd choose
the alert as the MVP.

## Metrics
Primary metric: share of commuters arriving on time, measured with an A/B test over 4 weeks.
Guardrail: notification opt-out rate.

To summarise: daily commuters, uncertainty about delays, a leave-now alert, judged on on-time
arrivals.
"""


def make_question(owner: Any = None, **overrides: Any) -> Question:
    values: dict[str, Any] = {
        "owner": owner,
        "text": "Design a product that helps commuters get to work on time.",
        "category": "product_sense",
        "difficulty": 2,
        "levels": ["apm", "pm", "senior_pm"],
        "skills": ["customer_focus", "communication"],
        "framework": "",
        "strong_answer": ["Picks one commuter segment and says why.", "Ends with a metric."],
        "pitfalls": ["Jumps to features before users."],
        "follow_ups": ["How would you handle people who work nights?"],
    }
    values.update(overrides)
    return Question.objects.create(**values)


def make_attempt(user: Any, question: Question, **overrides: Any) -> Attempt:
    now = timezone.now()
    values: dict[str, Any] = {
        "user": user,
        "question": question,
        "answer": "An answer.",
        "started_at": now - timedelta(minutes=10),
        "submitted_at": now,
        "duration_seconds": 600,
        "score": 60,
        "feedback": {"score": 60, "parts": [], "steps": {}, "suggestions": []},
    }
    values.update(overrides)
    return Attempt.objects.create(**values)


def make_card(user: Any, question: Question, due_at: datetime, **overrides: Any) -> ReviewCard:
    values: dict[str, Any] = {"user": user, "question": question, "state": {}, "due_at": due_at}
    values.update(overrides)
    return ReviewCard.objects.create(**values)


def bulk_attempts(user: Any, question: Question, count: int) -> None:
    """Bring the user's submitted answers up to `count`, spread over the last 90 days."""
    have = Attempt.objects.filter(user=user).count()
    now = timezone.now()
    Attempt.objects.bulk_create(
        [
            Attempt(
                user=user,
                question=question,
                answer="x",
                started_at=now - timedelta(hours=i % 2000 + 1),
                submitted_at=now - timedelta(hours=i % 2000),
                score=30 + i % 60,
                rating=1 + i % 4,
            )
            for i in range(have, count)
        ]
    )


STORY = {
    "title": "Rescued the checkout redesign",
    "situation": "Our checkout redesign had stalled for two months and mobile conversion was "
    "falling behind desktop at a mid-sized retailer.",
    "task": "I was the product manager asked to decide whether to finish it or stop it.",
    "action": "I interviewed twelve customers, I rebuilt the plan around the two biggest drop-off "
    "points, and I persuaded finance to fund a wallet integration. We shipped in six weeks.",
    "result": "Mobile conversion rose from 2.1% to 2.9%, about $1.2m a year.",
    "reflection": "I learned to bring finance in before the plan, not after it.",
    "skills": ["customer_focus", "leadership"],
    "themes": ["ambiguity", "stakeholder"],
    "metrics": "conversion 2.1% to 2.9%",
}


def make_story(user: Any, **overrides: Any) -> Story:
    values = {**STORY, **overrides}
    return Story.objects.create(user=user, **values)


def early_today() -> datetime:
    """A due time early today in the current time zone: due today, not overdue, whatever the
    hour the test runs."""
    from pmpath.interview.practice import due_window

    return due_window() - timedelta(days=1) + timedelta(minutes=1)
