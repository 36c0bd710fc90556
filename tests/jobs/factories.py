"""Factories with overrides for the jobs tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from pmpath.jobs.importers.base import ParsedPosting
from pmpath.jobs.models import Application, Company, Posting
from pmpath.jobs.services import create_application, ensure_stages, save_postings


def parsed(**overrides: Any) -> ParsedPosting:
    values: dict[str, Any] = {
        "title": "Senior Product Manager, Payments",
        "company": "Acme",
        "location": "Dublin",
        "workplace": "hybrid",
        "source": "greenhouse",
        "external_id": "1001",
        "source_url": "https://boards.example.test/acme/jobs/1001?utm_source=x",
        "posted_on": date(2026, 11, 1),
        "description_text": "Own the payments roadmap.",
        "description_html": "<p>Own the payments roadmap.</p>",
    }
    values.update(overrides)
    return ParsedPosting(**values)


def make_posting(user: Any, **overrides: Any) -> Posting:
    return save_postings(user, [parsed(**overrides)]).postings[0]


def make_application(user: Any, **overrides: Any) -> Application:
    values = {"role_title": "Product Manager", "company_name": "Acme"}
    values.update(overrides)
    return create_application(user, **values)


def bulk_applications(user: Any, count: int) -> None:
    """Bring the user's applications up to `count` quickly, spread over every stage."""
    stages = ensure_stages(user)
    company, _ = Company.objects.get_or_create(user=user, name="Bulk Co")
    have = Application.objects.filter(user=user).count()
    now = timezone.now()
    Application.objects.bulk_create(
        [
            Application(
                user=user,
                company=company,
                role_title=f"Role {i}",
                stage=stages[i % len(stages)],
                position=i,
                stage_changed_at=now,
            )
            for i in range(have, count)
        ]
    )


def bulk_postings(user: Any, count: int) -> None:
    company, _ = Company.objects.get_or_create(user=user, name="Bulk Co")
    have = Posting.objects.filter(user=user).count()
    Posting.objects.bulk_create(
        [
            Posting(user=user, company=company, title=f"Product Manager {i}", external_id=f"b{i}")
            for i in range(have, count)
        ]
    )


def make_interview(user: Any, application: Application | None = None, **overrides: Any) -> Any:
    from datetime import datetime, timedelta

    from pmpath.jobs.interview_services import add_interview

    application = application or make_application(user)
    soon = datetime.now().replace(second=0, microsecond=0) + timedelta(days=7)
    values: dict[str, Any] = {
        "kind": "product_sense",
        "local_start": soon.replace(hour=15, minute=0),
        "time_zone": "Europe/Dublin",
        "duration_minutes": 45,
        "location": "https://meet.example.test/acme",
        "interviewers": "Dana Reyes, Head of Product, dana@acme.example\nSam Lee",
        "preparation": "Practise a design question.",
    }
    values.update(overrides)
    return add_interview(user, application_id=application.pk, **values)


def bulk_interviews(user: Any, count: int) -> None:
    """Bring the user's interview rounds up to `count`, half of them ahead, half just behind,
    each on its own application with a follow-up due."""
    from datetime import timedelta

    from pmpath.jobs.models import Interview

    have = Interview.objects.filter(user=user).count()
    bulk_applications(user, Application.objects.filter(user=user).count() + count - have)
    now = timezone.now()
    fresh = Application.objects.filter(user=user, interviews__isnull=True).order_by("id")
    fresh = list(fresh[: count - have])
    Application.objects.filter(pk__in=[a.pk for a in fresh]).update(
        next_action="Send the case study", next_action_due=now.date() + timedelta(days=2)
    )
    Interview.objects.bulk_create(
        [
            Interview(
                user=user,
                application=application,
                starts_at=now + timedelta(hours=(i % 2 * 2 - 1) * (i + 1)),
                time_zone=["Europe/Dublin", "America/New_York", "Asia/Tokyo"][i % 3],
                interviewers="Dana Reyes, dana@acme.example",
            )
            for i, application in enumerate(fresh)
        ]
    )
