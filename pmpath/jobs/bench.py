"""Jobs: the heavy user's companies, postings and applications, and the pages to measure."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from pmpath.bench.registry import Page, generator, not_pages, page
from pmpath.jobs.classify import classify
from pmpath.jobs.models import Application, Company, Posting, StageChange
from pmpath.jobs.services import ensure_stages

SPECIALITIES = [
    "Payments", "Growth", "Platform", "Search", "Checkout", "Identity", "Ads",
    "Data", "AI", "Mobile", "Marketplace", "Developer Tools", "Billing", "Risk",
]  # fmt: skip
TITLES = [
    "Product Manager, {s}", "Senior Product Manager - {s}", "Associate Product Manager",
    "Group Product Manager, {s}", "Principal PM, {s}", "Director of Product, {s}",
    "Technical Product Manager ({s})", "Product Owner, {s}", "Product Marketing Manager, {s}",
    "Product Manager II | {s}", "Sr. PM, {s}", "Head of Product", "Product Analyst, {s}",
    "Software Engineer, {s}", "Program Manager, {s}",
]  # fmt: skip
CITIES = ["London", "Berlin", "Dublin", "Amsterdam", "Paris", "New York", "San Francisco",
          "Toronto", "Remote", "Lisbon", "Madrid", "Stockholm"]  # fmt: skip
PARAGRAPH = (
    "You will own the {s} roadmap end to end: discovery with customers, prioritisation with "
    "engineering and design, and launches measured against clear success metrics. We look for "
    "experience with experimentation, SQL, stakeholder communication and writing crisp PRDs."
)
BATCH = 2000


@generator("jobs.postings", order=30)
def postings(user: Any, rng: random.Random, scale: float) -> str:
    company_count = max(5, round(1000 * scale))
    Company.objects.bulk_create(
        [Company(user=user, name=f"Company {i:04d}") for i in range(company_count)],
        batch_size=BATCH,
    )
    companies = list(Company.objects.owned_by(user).values_list("id", flat=True))
    verdicts: dict[str, Any] = {}
    today = date.today()
    total = max(10, round(100_000 * scale))
    batch: list[Posting] = []
    for index in range(total):
        speciality = rng.choice(SPECIALITIES)
        title = rng.choice(TITLES).format(s=speciality)
        verdict = verdicts.get(title) or verdicts.setdefault(title, classify(title))
        low = rng.randrange(60, 200) * 1000
        text = PARAGRAPH.format(s=speciality)
        batch.append(
            Posting(
                user=user,
                company_id=rng.choice(companies),
                title=title,
                location=rng.choice(CITIES),
                workplace=rng.choice(["remote", "hybrid", "onsite", ""]),
                employment_type="full_time",
                salary_min=Decimal(low) if index % 3 else None,
                salary_max=Decimal(low + 30000) if index % 3 else None,
                salary_currency="EUR" if index % 2 else "USD",
                salary_interval="year" if index % 3 else "",
                description_text=text,
                description_html=f"<p>{text}</p>",
                source="greenhouse",
                external_id=f"bench-{index}",
                source_url=f"https://boards.example.test/jobs/{index}",
                canonical_url=f"https://boards.example.test/jobs/{index}",
                posted_on=today - timedelta(days=rng.randrange(0, 365)),
                family=verdict.family,
                level=verdict.level or "",
                classification_confidence=verdict.confidence,
            )
        )
        if len(batch) >= BATCH:
            Posting.objects.bulk_create(batch)
            batch = []
    Posting.objects.bulk_create(batch)
    return f"{company_count} companies, {total} postings"


@generator("jobs.applications", order=31)
def applications(user: Any, rng: random.Random, scale: float) -> str:
    stages = ensure_stages(user)
    posting_ids = list(
        Posting.objects.owned_by(user).values_list("id", "company_id", "title")[
            : max(10, round(20_000 * scale))
        ]
    )
    total = max(10, round(10_000 * scale))
    now = timezone.now()
    apps = []
    for index in range(total):
        posting_id, company_id, title = rng.choice(posting_ids)
        reached = min(len(stages) - 1, int(rng.expovariate(0.6)))
        apps.append(
            Application(
                user=user,
                posting_id=posting_id,
                company_id=company_id,
                role_title=title,
                stage=stages[reached],
                position=index,
                stage_changed_at=now - timedelta(days=rng.randrange(0, 300)),
                applied_on=(now - timedelta(days=rng.randrange(1, 330))).date()
                if reached
                else None,
                next_action="Follow up" if index % 4 == 0 else "",
                next_action_due=(now + timedelta(days=rng.randrange(-10, 20))).date()
                if index % 4 == 0
                else None,
                archived_at=now if index % 10 == 0 else None,
            )
        )
    Application.objects.bulk_create(apps, batch_size=BATCH)
    history = []
    for application in Application.objects.owned_by(user).only(
        "id", "stage_id", "stage_changed_at"
    ):
        order = next(i for i, s in enumerate(stages) if s.pk == application.stage_id)
        path = (
            stages[: order + 1] if stages[order].outcome == "open" else [*stages[:2], stages[order]]
        )
        for step, stage in enumerate(path):
            history.append(
                StageChange(
                    user=user,
                    application_id=application.pk,
                    from_stage=path[step - 1] if step else None,
                    to_stage=stage,
                    changed_at=application.stage_changed_at
                    - timedelta(days=4 * (len(path) - step - 1)),
                )
            )
    StageChange.objects.bulk_create(history, batch_size=BATCH)
    return f"{total} applications, {len(history)} stage changes"


def _first(model: Any, user: Any) -> int:
    return model.objects.owned_by(user).order_by("id").values_list("id", flat=True).first() or 0


page(Page("jobs: overview", "jobs:index", lambda u: "/jobs/"))
page(Page("jobs: board", "jobs:board", lambda u: "/jobs/board/"))
page(Page("jobs: applications table", "jobs:applications", lambda u: "/jobs/applications/"))
page(
    Page(
        "jobs: applications, page 20",
        "jobs:applications",
        lambda u: "/jobs/applications/?page=20&sort=company",
    )
)
page(
    Page(
        "jobs: application",
        "jobs:application",
        lambda u: f"/jobs/applications/{_first(Application, u)}/",
    )
)
page(Page("jobs: new application", "jobs:application_new", lambda u: "/jobs/applications/new/"))
page(Page("jobs: postings", "jobs:postings", lambda u: "/jobs/postings/"))
page(
    Page(
        "jobs: postings, PM filter",
        "jobs:postings",
        lambda u: "/jobs/postings/?family=product_management&level=senior_pm",
    )
)
page(Page("jobs: posting", "jobs:posting", lambda u: f"/jobs/postings/{_first(Posting, u)}/"))
page(Page("jobs: import", "jobs:import", lambda u: "/jobs/import/"))
page(Page("jobs: CSV template", "jobs:csv_template", lambda u: "/jobs/import/template.csv"))
not_pages(
    "jobs:application_move",
    "jobs:application_archive",
    "jobs:posting_track",
    "jobs:postings_export",
)
page(Page("api: postings", "api:list_postings", lambda u: "/api/v1/jobs/postings", auth="token"))
page(
    Page(
        "api: posting",
        "api:get_posting",
        lambda u: f"/api/v1/jobs/postings/{_first(Posting, u)}",
        auth="token",
    )
)
page(
    Page(
        "api: applications",
        "api:list_applications",
        lambda u: "/api/v1/jobs/applications",
        auth="token",
    )
)
page(
    Page(
        "api: application",
        "api:get_application",
        lambda u: f"/api/v1/jobs/applications/{_first(Application, u)}",
        auth="token",
    )
)
page(Page("api: stages", "api:list_stages", lambda u: "/api/v1/jobs/stages", auth="token"))
not_pages("api:create_application", "api:move_application", "api:import_page")
