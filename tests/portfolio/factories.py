"""Case studies for tests: a complete one that passes every check, and helpers for images."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from pmpath.portfolio import services

GOOD = {
    "title": "Helping first-time sellers publish in a day",
    "summary": "First-time sellers published their first product faster: 59% to 68% in a week.",
    "company": "Northwind",
    "period": "2024",
    "problem": "Small-shop owners setting up their first online store gave up half-way: 41% of "
    "new sign-ups never published a product, and support heard the same complaint about "
    "shipping settings every day.",
    "customers": "First-time sellers with fewer than 20 products, mostly on mobile, most of "
    "them running the shop alongside another job; about 8,000 sign-ups a month.",
    "evidence": "I ran 12 interviews and read 300 support tickets; the funnel showed 60% of "
    "drop-offs on the shipping-settings step, which surprised the team.",
    "goals": "Raise the share of sign-ups who publish a product within 7 days from 59% to "
    "70%, without raising support contacts.",
    "options": "A guided set-up wizard (six weeks of work); templates with shipping presets "
    "(two weeks); a concierge call for new sellers (costly at our volume).",
    "decision": "Presets first: the smallest change that removed the step where most people "
    "stopped, and one we could test within a month.",
    "my_role": "I wrote the PRD, ran the interviews with our designer, negotiated the scope "
    "cut with the engineering lead and I set up the experiment with the analyst.",
    "launch": "An A/B test on 20% of new sign-ups for three weeks, then everyone once the "
    "guardrails held.",
    "outcomes": "Sellers publishing within 7 days rose from 59% to 68% (target 70%); support "
    "contacts stayed flat at about 900 a week.",
    "learnings": "I would have tested the copy before the layout: most of the lift came from "
    "one sentence on the first screen.",
}


def make_case(user: Any, **overrides: Any) -> Any:
    return services.save_case_study(user, **{**GOOD, **overrides})


def make_cases(user: Any, n: int, **overrides: Any) -> list[Any]:
    """Bring the user's portfolio to n case studies."""
    from pmpath.portfolio.models import CaseStudy

    have = CaseStudy.objects.owned_by(user).count()
    rows = [
        CaseStudy(user=user, **{**GOOD, "title": f"Case study {i}", "slug": f"case-{i}"}, order=i)
        for i in range(have, n)
    ]
    for row in rows:
        for name, value in overrides.items():
            setattr(row, name, value)
    return CaseStudy.objects.bulk_create(rows)


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (40, 30), **save: Any) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 90, 200)).save(buffer, kind, **save)
    return buffer.getvalue()


def make_image(user: Any, case: Any, **overrides: Any) -> Any:
    values = {
        "data": image_bytes(),
        "filename": "chart.png",
        "caption": "The funnel",
        "alt": "A chart",
    }
    return services.add_attachment(user, case_study_id=case.pk, **{**values, **overrides})
