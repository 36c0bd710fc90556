"""A large employer's Greenhouse board: 500 jobs with full, HTML-escaped descriptions.
DESIGN.md: importing a 500-job board takes at most 2 s after download."""

import html
import json
import random

import pytest

from bench.conftest import p95
from pmpath.jobs.importers.boards import parse_greenhouse

TEAMS = ["Payments", "Growth", "Platform", "Search", "Identity", "Data", "Mobile", "Billing"]
TITLES = [
    "Product Manager, {t}", "Senior Product Manager, {t}", "Group Product Manager, {t}",
    "Software Engineer, {t}", "Staff Engineer, {t}", "Product Designer, {t}",
    "Data Scientist, {t}", "Engineering Manager, {t}", "Associate Product Manager",
]  # fmt: skip
CITIES = ["Dublin", "London", "New York, NY", "Remote - US", "Berlin", "Toronto"]


def job_body(rng: random.Random, team: str) -> str:
    """What Greenhouse sends in `content`: the posting's HTML, itself HTML-escaped."""
    duties = "".join(
        f"<li>Work with {rng.choice(['design', 'engineering', 'sales', 'support'])} to "
        f"ship {team.lower()} improvements &amp; measure their effect on customers</li>"
        for _ in range(rng.randrange(6, 12))
    )
    markup = (
        f"<div class='content-intro'><p>We build the {team} platform that thousands of "
        "businesses rely on every day.</p></div>"
        "<h2>What you'll do</h2>"
        + "<p>Own outcomes, talk to customers weekly, and write crisp documents "
        "that help the team decide quickly.</p>"
        * rng.randrange(3, 7)
        + f"<ul>{duties}</ul><h2>What we look for</h2>"
        "<ul><li>Experience shipping products people love</li><li>SQL &amp; experiments"
        "</li><li>Clear writing</li></ul>"
        '<div class="pay-range"><span>$150,000</span><span>&mdash;</span>'
        "<span>$185,000 USD</span></div>"
        "<script>window.dataLayer = window.dataLayer || [];</script>"
    )
    return html.escape(markup)


def board_payload(count: int = 500) -> bytes:
    rng = random.Random(500)
    jobs = []
    for n in range(count):
        team = rng.choice(TEAMS)
        job_id = 4_100_000 + n
        jobs.append(
            {
                "id": job_id,
                "internal_job_id": 900_000 + n,
                "title": rng.choice(TITLES).format(t=team),
                "updated_at": "2026-11-20T14:03:11-05:00",
                "first_published": "2026-10-02T09:00:00-04:00",
                "requisition_id": f"REQ-{n:04d}",
                "location": {"name": rng.choice(CITIES)},
                "absolute_url": f"https://boards.greenhouse.io/bigco/jobs/{job_id}?gh_src=abc",
                "company_name": "BigCo",
                "content": job_body(rng, team),
                "departments": [{"id": 11, "name": team, "child_ids": [], "parent_id": None}],
                "offices": [{"id": 7, "name": "Dublin", "location": "Dublin, Ireland"}],
                "metadata": [
                    {"id": 1, "name": "Workplace Type", "value": rng.choice(["Hybrid", "Remote"])}
                ],
            }
        )
    return json.dumps({"jobs": jobs, "meta": {"total": count}}).encode()


PAYLOAD = board_payload()


def test_bench_parse_a_500_job_greenhouse_board(benchmark):
    result = benchmark.pedantic(
        lambda: parse_greenhouse(json.loads(PAYLOAD), "bigco"), rounds=5, iterations=1
    )
    assert len(result.postings) == 500 and result.problems == []
    assert "<script" not in result.postings[0].description_html
    assert p95(benchmark) <= 2.0


@pytest.mark.django_db
def test_bench_import_a_500_job_greenhouse_board(benchmark, django_user_model):
    """Parse, classify and store, as a fresh import: a new person each round."""
    from pmpath.jobs.imports import import_postings
    from pmpath.jobs.models import Posting

    people = iter(range(100))

    def fresh():
        user = django_user_model.objects.create(username=f"bench-board-{next(people)}")
        return (user,), {}

    def run(user):
        return import_postings(user, "greenhouse:bigco", parse_greenhouse(json.loads(PAYLOAD)))

    outcome = benchmark.pedantic(run, setup=fresh, rounds=3, iterations=1)
    assert len(outcome.saved.created) == 500
    assert Posting.objects.filter(family="product_management").exists()
    assert p95(benchmark) <= 2.0
