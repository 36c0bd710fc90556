"""A candidate's fortnight with one of each mistake planted, for the coach's database tests."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from pmpath.jobs.models import Application, Interview, Stage
from pmpath.network.models import Contact
from tests.interview.practice_factories import make_attempt, make_question, make_story
from tests.jobs.factories import make_application, make_interview


def moment(days_ago: int, hour: int = 10) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def applied(user: Any, *, days_ago: int, company: str = "Acme", **over: Any) -> Application:
    app = make_application(user, company_name=company, **over)
    stage = Stage.objects.get(user=user, name="Applied")
    Application.objects.filter(pk=app.pk).update(
        stage=stage,
        applied_on=timezone.localdate() - timedelta(days=days_ago),
        stage_changed_at=moment(days_ago),
    )
    app.refresh_from_db()
    return app


def past_interview(user: Any, app: Application, *, days_ago: int) -> Interview:
    round_ = make_interview(user, app, kind="recruiter")
    Interview.objects.filter(pk=round_.pk).update(starts_at=moment(days_ago, 14))
    round_.refresh_from_db()
    return round_


def plant(user: Any) -> dict[str, Any]:
    """One of each: an application with no follow-up (12 days), an interview with no thank-you
    (2 days ago, on an application moved since so only the thank-you is owed), a cold
    application where a contact works, an overdue contact, unreviewed practice, a low score
    never retried and a story with no number."""
    waiting = applied(user, days_ago=12, role_title="PM, Payments", company="Northwind")
    screened = applied(user, days_ago=9, role_title="PM, Growth", company="Initech")
    Application.objects.filter(pk=screened.pk).update(stage_changed_at=moment(1))
    round_ = past_interview(user, screened, days_ago=2)
    cold = applied(user, days_ago=3, role_title="PM, Maps", company="Globex")
    Contact.objects.create(
        user=user, first_name="Maya", last_name="Lind", company=cold.company, company_name="Globex"
    )
    overdue = Contact.objects.create(
        user=user,
        first_name="Tomás",
        last_name="Ferreira",
        cadence_days=30,
        next_due_on=timezone.localdate() - timedelta(days=11),
    )
    question = make_question(user)
    answers = [
        make_attempt(user, question, submitted_at=timezone.now() - timedelta(hours=h), score=75)
        for h in (1, 2, 3, 4)
    ]
    low_question = make_question(user, text="Improve a map app for cyclists.")
    low = make_attempt(
        user,
        low_question,
        started_at=timezone.now() - timedelta(days=20, minutes=10),
        submitted_at=timezone.now() - timedelta(days=20),
        score=35,
        rating=2,
        feedback={"score": 35, "parts": [], "suggestions": ["Name the cyclist first."]},
    )
    story = make_story(user, title="Late migration", result="We finished on time.", metrics="")
    return {
        "waiting": waiting,
        "screened": screened,
        "interview": round_,
        "cold": cold,
        "overdue": overdue,
        "answers": answers,
        "low": low,
        "story": story,
    }
