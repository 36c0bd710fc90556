"""Profiles and postings for the engine's tests, over the small test taxonomy
(tests/matching/data/taxonomy.yaml) so the tests do not move when the shipped one grows."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pmpath.matching.engine import posting_doc
from pmpath.matching.profile import profile_from_resume
from pmpath.matching.taxonomy import load_taxonomy
from pmpath.matching.types import PostingDoc, ProfileDoc

DATA = Path(__file__).parent / "data"
TAXONOMY = load_taxonomy(DATA / "taxonomy.yaml")
TODAY = date(2025, 1, 1)

PAYMENTS_PM = {
    "basics": {"label": "Product Manager", "summary": "Product manager in fintech."},
    "work": [
        {
            "name": "PayCo",
            "position": "Product Manager",
            "startDate": "2019-01",
            "highlights": [
                "Ran split testing on checkout, lifting conversion 8%",
                "Wrote PRDs and owned the roadmap for card payments",
            ],
        },
        {
            "name": "BuildIt",
            "position": "Software Engineer",
            "startDate": "2015-01",
            "endDate": "2019-01",
            "highlights": ["Built REST API services in Python"],
        },
    ],
    "skills": [{"name": "Analytics", "keywords": ["SQL", "Mixpanel"]}],
}

PAYMENTS_POSTING = """We're a fintech company building payments for small businesses.

What you'll do
- Own the roadmap for checkout
- Run A/B tests with the growth team

Requirements:
- 5+ years of product management experience
- Strong SQL and data analysis skills
- Experience with Amplitude is a plus

Nice to have: Looker, machine learning
"""


def profile(doc: dict[str, Any] | None = None, level: Any = None) -> ProfileDoc:
    return profile_from_resume(PAYMENTS_PM if doc is None else doc, level, today=TODAY)


def posting(
    id: int = 1,
    title: str = "Senior Product Manager, Payments",
    text: str = PAYMENTS_POSTING,
    **fields: Any,
) -> PostingDoc:
    return posting_doc(id, title, text, **fields)
