"""Jobs: the heavy user's companies, postings and applications, and the pages to measure."""

from __future__ import annotations

import hashlib
import hmac
import random
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from pmpath.bench.registry import Page, first_id, generator, not_pages, object_ids, page
from pmpath.jobs.classify import classify
from pmpath.jobs.interview_services import FEED_PREFIX
from pmpath.jobs.models import (
    INTERVIEW_KINDS,
    Application,
    CalendarFeed,
    Company,
    Interview,
    Posting,
    StageChange,
)
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


ZONES = ["Europe/London", "Europe/Dublin", "Europe/Berlin", "America/New_York",
         "America/Los_Angeles", "America/Toronto", "Asia/Singapore", "UTC"]  # fmt: skip


def bench_feed_token(user: Any) -> str:
    """The heavy user's calendar-feed token: derived from the secret key, so the page benchmark
    can reach the feed while nobody else can guess it."""
    from django.conf import settings

    digest = hmac.new(settings.SECRET_KEY.encode(), user.get_username().encode(), "sha256")
    return f"{FEED_PREFIX}{digest.hexdigest()[:40]}"


@generator("jobs.interviews", order=32)
def interviews(user: Any, rng: random.Random, scale: float) -> str:
    """A round for every application that reached the interviewing stage (a second one for
    every third), mostly in the past; open ones have their next round in the coming weeks."""
    stages = ensure_stages(user)
    interviewing = stages[3].order
    kinds = [k for k, _ in INTERVIEW_KINDS]
    now = timezone.now().replace(second=0, microsecond=0)
    rows = []
    for index, application in enumerate(
        Application.objects.owned_by(user)
        .filter(stage__order__gte=interviewing)
        .order_by("id")
        .values("id", "stage__order", "stage_changed_at", "archived_at")
    ):
        upcoming = (
            application["stage__order"] == interviewing and application["archived_at"] is None
        )
        rounds = 2 if index % 3 == 0 else 1
        for step in range(rounds):
            if upcoming and step == rounds - 1:
                starts = now + timedelta(days=rng.randrange(1, 22), hours=rng.randrange(0, 9))
            else:
                starts = application["stage_changed_at"] - timedelta(days=3 + 7 * step)
            rows.append(
                Interview(
                    user=user,
                    application_id=application["id"],
                    kind=kinds[(index + step) % len(kinds)],
                    starts_at=starts,
                    time_zone=rng.choice(ZONES),
                    duration_minutes=rng.choice([30, 45, 60]),
                    location="https://meet.example.test/" + str(index),
                    interviewers="Dana Reyes, Group PM, dana@example.test\nSam Lee, Engineer",
                    preparation="Two stories on prioritisation; questions about the roadmap.",
                    outcome="pending" if starts > now else rng.choice(["passed", "failed"]),
                    uid=uuid.UUID(int=rng.getrandbits(128), version=4),
                )
            )
    Interview.objects.bulk_create(rows, batch_size=BATCH)
    CalendarFeed.objects.create(
        user=user,
        token_hash=hashlib.sha256(bench_feed_token(user).encode()).hexdigest(),
        prefix=bench_feed_token(user)[:10],
    )
    return f"{len(rows)} interview rounds, 1 calendar feed"


def _interviewed(user: Any) -> int:
    rows = Interview.objects.owned_by(user).order_by("id").values_list("application_id", flat=True)
    return rows.first() or 0


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
        lambda u: f"/jobs/applications/{first_id(Application, u)}/",
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
page(Page("jobs: posting", "jobs:posting", lambda u: f"/jobs/postings/{first_id(Posting, u)}/"))
page(Page("jobs: import", "jobs:import", lambda u: "/jobs/import/"))
page(Page("jobs: CSV template", "jobs:csv_template", lambda u: "/jobs/import/template.csv"))
page(Page("jobs: interviews", "jobs:interviews", lambda u: "/jobs/interviews/"))
page(
    Page(
        "jobs: interview",
        "jobs:interview",
        lambda u: f"/jobs/interviews/{first_id(Interview, u)}/",
    )
)
page(
    Page(
        "jobs: add an interview",
        "jobs:interview_new",
        lambda u: f"/jobs/applications/{first_id(Application, u)}/interviews/new/",
    )
)
page(
    Page(
        "jobs: calendar download (.ics)",
        "jobs:calendar_download",
        lambda u: "/jobs/interviews/calendar.ics",
    )
)
page(
    Page(
        "jobs: calendar feed (.ics)",
        "jobs:calendar_feed",
        lambda u: f"/jobs/calendar/{bench_feed_token(u)}.ics",
        auth="none",
    )
)
not_pages(
    "jobs:interview_delete",
    "jobs:interview_thank_you",
    "jobs:calendar_feed_revoke",
    "api:create_interview",
)
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
        lambda u: f"/api/v1/jobs/postings/{first_id(Posting, u)}",
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
        lambda u: f"/api/v1/jobs/applications/{first_id(Application, u)}",
        auth="token",
    )
)
page(Page("api: stages", "api:list_stages", lambda u: "/api/v1/jobs/stages", auth="token"))
page(
    Page(
        "api: interviews of an application",
        "api:list_interviews",
        lambda u: f"/api/v1/jobs/applications/{_interviewed(u)}/interviews",
        auth="token",
    )
)
not_pages("api:create_application", "api:move_application", "api:import_page")


@generator("jobs.watches", order=33)
def watched_boards(user: Any, rng: random.Random, scale: float) -> str:
    """Watches on forty companies' boards (the guide's shortlist is 10 to 20), and the PM
    postings they brought in: the inbox the watchlist page reads, over the last month."""
    from pmpath.jobs.models import BOARD_KINDS, Watch

    kinds = [k for k, _ in BOARD_KINDS]
    companies = list(
        Company.objects.owned_by(user).order_by("id").values_list("id", flat=True)[:40]
    )
    now = timezone.now()
    Watch.objects.bulk_create(
        [
            Watch(
                user=user,
                company_id=company_id,
                board_kind=kinds[index % len(kinds)],
                board_name=f"company-{index:04d}",
                last_polled_at=now - timedelta(hours=rng.randrange(0, 4)),
                next_poll_at=now + timedelta(hours=rng.randrange(0, 4)),
                last_found=rng.randrange(5, 400),
                failures=1 if index % 17 == 0 else 0,
                last_error="the board did not answer in time" if index % 17 == 0 else "",
            )
            for index, company_id in enumerate(companies)
        ],
        batch_size=BATCH,
    )
    watch_ids = list(Watch.objects.owned_by(user).values_list("id", flat=True))
    picked = list(
        Posting.objects.owned_by(user)
        .filter(family="product_management")
        .order_by("id")
        .values_list("id", flat=True)[: max(10, round(5000 * scale))]
    )
    rows = [
        Posting(
            pk=pk,
            watch_id=rng.choice(watch_ids),
            first_seen_at=now - timedelta(hours=rng.randrange(0, 24 * 30)),
            inbox_dismissed=index % 9 == 0,
        )
        for index, pk in enumerate(picked)
    ]
    Posting.objects.bulk_update(rows, ["watch", "first_seen_at", "inbox_dismissed"], BATCH)
    return f"{len(watch_ids)} watched boards, {len(rows)} postings from them"


page(Page("jobs: watchlist and inbox", "jobs:watchlist", lambda u: "/jobs/watchlist/"))
page(
    Page(
        "jobs: watchlist inbox, page 20",
        "jobs:watchlist",
        lambda u: "/jobs/watchlist/?page=20",
    )
)
page(
    Page(
        "jobs: bookmarklet window",
        "jobs:bookmarklet_save",
        lambda u: "/jobs/bookmarklet/save/",
        auth="none",
    )
)
not_pages(
    "jobs:watch_poll",
    "jobs:watch_pause",
    "jobs:watch_remove",
    "jobs:inbox_dismiss",
    "jobs:bookmarklet_create",
)


@generator("jobs.briefs", order=36)
def briefs(user: Any, rng: random.Random, scale: float) -> str:
    """Research briefs for a fifth of the companies, written to different depths."""
    from pmpath.jobs.models import ResearchBrief

    companies = list(Company.objects.owned_by(user).order_by("id").values_list("id", flat=True))
    picked = companies[::5]
    rows = []
    for company_id in picked:
        depth = rng.randrange(1, len(ResearchBrief.FIELDS) + 1)
        text = {
            name: f"Notes on {name.replace('_', ' ')}." for name in ResearchBrief.FIELDS[:depth]
        }
        rows.append(ResearchBrief(user=user, company_id=company_id, **text))
    ResearchBrief.objects.bulk_create(rows, batch_size=BATCH)
    return f"{len(rows)} research briefs"


page(Page("jobs: companies", "jobs:companies", lambda u: "/jobs/companies/"))
page(Page("jobs: companies, page 10", "jobs:companies", lambda u: "/jobs/companies/?page=10"))
page(Page("jobs: company", "jobs:company", lambda u: f"/jobs/companies/{first_id(Company, u)}/"))
page(
    Page(
        "jobs: research brief",
        "jobs:company_research",
        lambda u: f"/jobs/companies/{first_id(Company, u)}/research/",
    )
)
page(Page("jobs: stages", "jobs:stages", lambda u: "/jobs/stages/"))
page(Page("jobs: funnel CSV", "jobs:funnel_csv", lambda u: "/jobs/funnel.csv"))
page(
    Page(
        "jobs: import applications",
        "jobs:applications_import",
        lambda u: "/jobs/applications/import/",
    )
)
page(
    Page(
        "jobs: applications CSV template",
        "jobs:applications_template",
        lambda u: "/jobs/applications/import/template.csv",
    )
)
# Whole-search downloads: they grow with the data by nature (10,000 rows for the heavy
# user), so they are measured against a download's target rather than a page's.
page(
    Page(
        "jobs: activity log CSV",
        "jobs:activity_csv",
        lambda u: "/jobs/activity.csv",
        target_p99_ms=1000,
    )
)
page(
    Page(
        "jobs: applications CSV export",
        "jobs:applications_export",
        lambda u: "/jobs/applications/export.csv",
        target_p99_ms=1000,
    )
)
page(
    Page(
        "jobs: applications JSON export",
        "jobs:applications_export_json",
        lambda u: "/jobs/applications/export.json",
        target_p99_ms=1000,
    )
)
not_pages("jobs:stage_update", "jobs:stage_move", "jobs:stage_delete", "jobs:stages_reorder")

# Routes that act on one object but are not pages (tests/core/test_isolation.py).
for _name, _model, _filters in (
    ("jobs:stage_update", "jobs.Stage", {}),
    ("jobs:stage_move", "jobs.Stage", {}),
    ("jobs:stage_delete", "jobs.Stage", {}),
    ("jobs:calendar_feed_revoke", CalendarFeed, {}),
    ("jobs:watch_poll", "jobs.Watch", {}),
    ("jobs:watch_pause", "jobs.Watch", {}),
    ("jobs:watch_remove", "jobs.Watch", {}),
    ("jobs:inbox_dismiss", Posting, {"watch__isnull": False}),
):
    object_ids(_name, lambda u, m=_model, f=_filters: {"pk": first_id(m, u, **f)})
