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
