"""Factories for the ranking and match-page tests: a PM's resume and postings to match it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pmpath.jobs.models import Company, Posting
from pmpath.matching import ranking
from pmpath.matching.models import Resume
from pmpath.matching.queries import checksum_of
from tests.jobs.factories import make_posting

# The engine's small test taxonomy: these tests do not move when the shipped one grows.
TAXONOMY = Path(__file__).resolve().parent / "data" / "taxonomy.yaml"


def fresh_matching(settings: Any, tmp_path: Path, monkeypatch: Any) -> Iterator[None]:
    """An empty data folder, an empty index cache, and the test taxonomy."""
    from pmpath.matching.taxonomy import load_taxonomy

    settings.DATA_DIR = tmp_path
    # The lexical engine alone, whether or not the [semantic] extra is installed here
    # (tests/matching/test_semantic.py turns it on).
    settings.MATCH_SEMANTIC = False
    monkeypatch.setattr(ranking, "taxonomy", lambda: load_taxonomy(TAXONOMY))
    ranking.forget()
    yield
    ranking.forget()


RESUME: dict[str, Any] = {
    "basics": {"name": "Alice Example", "label": "Product Manager"},
    "work": [
        {
            "name": "Paylane",
            "position": "Product Manager",
            "startDate": "2019-03-01",
            "highlights": [
                "Ran A/B tests on the checkout flow that lifted conversion by 4%",
                "Wrote SQL queries in Looker to size the payments opportunity",
                "Owned the payments roadmap and wrote PRDs with engineering and design",
            ],
        },
        {
            "name": "Shipfast",
            "position": "Software Engineer",
            "startDate": "2015-01-01",
            "endDate": "2019-02-28",
            "highlights": ["Built REST APIs for merchant onboarding"],
        },
    ],
    "skills": [{"name": "Analytics", "keywords": ["SQL", "Amplitude", "user research"]}],
}

PAYMENTS = (
    "You will own the payments roadmap end to end. Requirements: 4+ years of product management "
    "experience; experimentation and A/B testing; SQL; writing PRDs; stakeholder management. "
    "Nice to have: Figma, pricing experience, B2B SaaS."
)

# Skills the resume above does not show at all.
FAR = (
    "Requirements: Figma, Mixpanel and Tableau; jobs-to-be-done research in healthcare "
    "marketplaces; 12+ years of product management."
)


def make_resume(user: Any, data: dict[str, Any] | None = None) -> Resume:
    doc = RESUME if data is None else data
    resume, _ = Resume.objects.update_or_create(
        user=user, defaults={"data": doc, "checksum": checksum_of(doc), "source": "manual"}
    )
    return resume


def pm_posting(user: Any, n: int = 1, **overrides: Any) -> Posting:
    values: dict[str, Any] = {
        "title": "Senior Product Manager, Payments",
        "external_id": f"pm-{n}",
        "source_url": f"https://boards.example.test/acme/jobs/{n}",
        "description_text": PAYMENTS,
        "description_html": f"<p>{PAYMENTS}</p>",
    }
    values.update(overrides)
    return make_posting(user, **values)


def bulk_pm_postings(user: Any, count: int) -> None:
    """Bring the user's postings up to `count` with bulk_create (no signals), as imports do."""
    company, _ = Company.objects.get_or_create(user=user, name="Bulk Co")
    have = Posting.objects.filter(user=user).count()
    Posting.objects.bulk_create(
        [
            Posting(
                user=user,
                company=company,
                title=f"Product Manager {i}",
                external_id=f"bulk-{i}",
                description_text="Own the growth roadmap; SQL and experimentation.",
                family="product_management",
                level="pm",
            )
            for i in range(have, count)
        ]
    )
