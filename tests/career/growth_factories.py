"""Factories with overrides for the self-assessment, experience-log and weekly-goal tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from pmpath.career import assessment_queries as aq
from pmpath.career.models import (
    Assessment,
    BehaviourRating,
    Evidence,
    Experience,
)


def behaviours(level: str, skill: str | None = None) -> list[int]:
    return [
        b.id
        for b in aq.engine_ladder().behaviours
        if b.level == level and (skill is None or b.skill == skill)
    ]


def make_experience(user: Any, **overrides: Any) -> Experience:
    values: dict[str, Any] = {
        "title": "Ran five customer interviews",
        "status": "done",
        "done_on": timezone.localdate(),
        "skills": ["customer_focus"],
    }
    values.update(overrides)
    return Experience.objects.create(user=user, **values)


def bulk_experiences(user: Any, count: int) -> None:
    """Bring the user's experience log up to `count` entries."""
    have = Experience.objects.owned_by(user).count()
    Experience.objects.bulk_create(
        Experience(
            user=user,
            title=f"Entry {i}",
            status=["planned", "doing", "done"][i % 3],
            done_on=timezone.localdate() - timedelta(days=i),
            skills=["communication", "leadership"],
            outcome="Conversion up 4%.",
        )
        for i in range(have, count)
    )


def make_story(user: Any, **overrides: Any) -> Any:
    from pmpath.interview.models import Story

    values: dict[str, Any] = {"title": "The onboarding rescue", "result": "Activation up 12%"}
    values.update(overrides)
    return Story.objects.create(user=user, **values)


def make_case_study(user: Any, **overrides: Any) -> Any:
    from pmpath.portfolio.models import CaseStudy

    values: dict[str, Any] = {"title": "Checkout redesign", "slug": "checkout"}
    values.update(overrides)
    return CaseStudy.objects.create(user=user, **values)


def make_attempt(user: Any, *, score: int | None = 72, when: Any = None, **overrides: Any) -> Any:
    from pmpath.interview.models import Attempt, Question

    question = Question.objects.create(
        owner=user, text="How would you improve onboarding?", category="product_sense"
    )
    when = when or timezone.now()
    values: dict[str, Any] = {
        "question": question,
        "answer": "Start with who churns and why.",
        "started_at": when - timedelta(minutes=10),
        "submitted_at": when,
        "score": score,
    }
    values.update(overrides)
    return Attempt.objects.create(user=user, **values)


def rated_assessment(
    user: Any, statuses: dict[int, str], *, evidence_for: tuple[int, ...] = ()
) -> Assessment:
    """An assessment with the given ratings; a link as proof on the behaviours named."""
    assessment = Assessment.objects.create(user=user, target_level="pm")
    for behaviour_id, status in statuses.items():
        rating = BehaviourRating.objects.create(
            user=user, assessment=assessment, behaviour_id=behaviour_id, status=status
        )
        if behaviour_id in evidence_for:
            Evidence.objects.create(
                user=user, rating=rating, kind="link", label="Launch note", url="https://x.test"
            )
    return assessment


def bulk_assessments(user: Any, count: int) -> None:
    """Bring the user up to `count` assessments, each rating the PM level with some proof."""
    have = Assessment.objects.owned_by(user).count()
    ids = behaviours("pm")
    for n in range(have, count):
        assessment = Assessment.objects.create(user=user, target_level="pm")
        rows = BehaviourRating.objects.bulk_create(
            BehaviourRating(
                user=user,
                assessment=assessment,
                behaviour_id=b,
                status=["not_yet", "sometimes", "consistently"][(b + n) % 3],
            )
            for b in ids
        )
        rows = list(BehaviourRating.objects.filter(assessment=assessment))
        Evidence.objects.bulk_create(
            Evidence(user=user, rating=r, kind="link", label=f"Proof {n}") for r in rows[::4]
        )
