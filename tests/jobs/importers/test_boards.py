"""Greenhouse, Lever, Ashby, SmartRecruiters and Workable payloads to ParsedPostings."""

import html
import json
import time
from datetime import date
from decimal import Decimal

import pytest

from pmpath.jobs.importers.base import ImportResult
from pmpath.jobs.importers.boards import (
    BOARD_URLS,
    board_url,
    parse_ashby,
    parse_greenhouse,
    parse_lever,
    parse_smartrecruiters,
    parse_workable,
    smartrecruiters_next_offset,
)
from tests.jobs.importers import fixture_json, fixture_text


def by_title(result: ImportResult) -> dict:
    return {posting.title: posting for posting in result.postings}


def positions(result: ImportResult) -> list[tuple[str, str]]:
    return [(problem.position, problem.field) for problem in result.problems]


# --- Greenhouse -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def greenhouse() -> ImportResult:
    return parse_greenhouse(fixture_json("greenhouse.json"), "northwindanalytics")


def test_it_reads_every_greenhouse_job_with_a_title(greenhouse):
    assert len(greenhouse.postings) == 5
    assert all(p.source == "greenhouse" for p in greenhouse.postings)


def test_it_unescapes_greenhouse_content(greenhouse):
    growth = by_title(greenhouse)["Senior Product Manager, Growth"]
    assert "<h2>What you'll do</h2>" in growth.description_html
    assert "&lt;" not in growth.description_html
    assert "demand & plan stock" in growth.description_text
    assert "<script" not in growth.description_html and "dataLayer" not in growth.description_text
    assert "onclick" not in growth.description_html


def test_it_maps_the_greenhouse_fields(greenhouse):
    growth = by_title(greenhouse)["Senior Product Manager, Growth"]
    assert growth.company == "Northwind Analytics"
    assert growth.location == "New York, NY"
    assert growth.workplace == "hybrid"  # from the board's "Workplace Type" metadata
    assert growth.employment_type == "full_time"
    assert growth.department == "Product"
    assert growth.external_id == "4012345006"
    assert growth.posted_on == date(2025, 11, 3)  # first_published, not updated_at
    assert growth.source_url == "https://boards.greenhouse.io/northwindanalytics/jobs/4012345006"
    assert "gh_src" in growth.apply_url


def test_it_reads_the_greenhouse_pay_range_block(greenhouse):
    growth = by_title(greenhouse)["Senior Product Manager, Growth"]
    assert (growth.salary_min, growth.salary_max) == (Decimal(165000), Decimal(195000))
    assert growth.salary_currency == "USD"


def test_it_reads_greenhouse_pay_input_ranges_in_cents(greenhouse):
    apm = by_title(greenhouse)["Associate Product Manager"]
    assert (apm.salary_min, apm.salary_max, apm.salary_currency) == (
        Decimal(110000),
        Decimal(135000),
        "USD",
    )
    assert apm.workplace == "remote"  # "Remote - US"


def test_a_null_greenhouse_location_stays_empty(greenhouse):
    platform = by_title(greenhouse)["Product Manager, Platform"]
    assert platform.location == ""
    assert platform.company == "northwindanalytics"  # no company_name: the board token


def test_a_german_greenhouse_posting_keeps_its_text(greenhouse):
    german = by_title(greenhouse)["Produktmanager:in Zahlungsverkehr (m/w/d)"]
    assert german.employment_type == "full_time"  # "Vollzeit"
    assert german.external_id == "4012345008"  # the id came as a string
    assert german.department == "Product, Payments"
    assert "Zahlungen & Rechnungen" in german.description_text
    assert "Bewerbung \u2013 auch ohne Anschreiben!" in german.description_text


def test_greenhouse_problems_name_the_job_and_field(greenhouse):
    assert positions(greenhouse) == [
        ("jobs[4]", "posted_on"),
        ("jobs[5]", "title"),
        ("jobs[6]", ""),
    ]
    assert by_title(greenhouse)["Group Product Manager, Data Platform"].posted_on is None


def test_truncated_greenhouse_download_is_one_problem():
    try:
        data = json.loads(fixture_text("greenhouse_truncated.json"))
    except json.JSONDecodeError:
        data = fixture_text("greenhouse_truncated.json")  # what a caller hands over on failure
    result = parse_greenhouse(data, "northwindanalytics")
    assert result.postings == []
    assert positions(result) == [("payload", "")]


@pytest.mark.parametrize("payload", [None, "", "not json", 42, {}, {"jobs": "nope"}, {"meta": {}}])
def test_unusable_greenhouse_payloads_give_one_problem(payload):
    result = parse_greenhouse(payload, "x")
    assert result.postings == [] and len(result.problems) == 1


def test_a_single_greenhouse_job_object_is_read_too():
    job = fixture_json("greenhouse.json")["jobs"][0]
    assert [p.title for p in parse_greenhouse(job, "x").postings] == [job["title"]]


def make_greenhouse_payload(count: int) -> dict:
    """A board the size of a large employer's, each job with a realistic escaped body."""
    pay = "<span>$150,000</span><span>&mdash;</span><span>$180,000 USD</span>"
    body = html.escape(
        "<h2>About the role</h2>"
        + "<p>We are hiring product managers who like talking to customers.</p>" * 8
        + "<ul>" + "<li>Own a roadmap &amp; ship outcomes</li>" * 12 + "</ul>"
        + f'<div class="pay-range">{pay}</div>'
    )  # fmt: skip
    return {
        "jobs": [
            {
                "id": 5_000_000 + n,
                "title": f"Product Manager {n}",
                "updated_at": "2025-11-20T14:03:11-05:00",
                "location": {"name": "Remote - US" if n % 3 else None},
                "absolute_url": f"https://boards.greenhouse.io/bigco/jobs/{5_000_000 + n}?gh_src=x",
                "content": body,
                "departments": [{"name": "Product"}],
                "offices": [],
                "metadata": [],
            }
            for n in range(count)
        ],
        "meta": {"total": count},
    }


def test_a_500_job_greenhouse_board_parses_in_under_two_seconds():
    payload = make_greenhouse_payload(500)
    started = time.perf_counter()
    result = parse_greenhouse(payload, "bigco")
    elapsed = time.perf_counter() - started
    assert len(result.postings) == 500 and result.problems == []
    assert result.postings[0].salary_max == Decimal(180000)
    assert elapsed < 2.0, f"500 jobs took {elapsed:.2f}s"


# --- Lever ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lever() -> ImportResult:
    return parse_lever(fixture_json("lever.json"), "brightfield")


def test_it_maps_lever_postings(lever):
    consumer = by_title(lever)["Senior Product Manager, Consumer"]
    assert consumer.source == "lever" and consumer.company == "brightfield"
    assert consumer.location == "San Francisco, CA; Seattle, WA"
    assert consumer.workplace == "hybrid"
    assert consumer.employment_type == "full_time"
    assert consumer.department == "Product"
    assert consumer.posted_on == date(2025, 11, 3)  # createdAt in epoch milliseconds
    assert consumer.external_id == "8a1f6c2e-4b7d-4e52-9a0c-2f6d91b3c7e1"
    assert "lever-source" not in consumer.source_url
    assert consumer.apply_url.endswith("/apply?lever-source=LinkedIn")


def test_it_rebuilds_lever_descriptions_from_lists(lever):
    consumer = by_title(lever)["Senior Product Manager, Consumer"]
    text = consumer.description_text
    assert (
        text.index("budgeting tools")
        < text.index("What you'll do")
        < text.index("equal opportunity")
    )
    assert "- Own the mobile onboarding experience" in text
    assert "onmouseover" not in consumer.description_html


def test_it_reads_lever_salary_ranges(lever):
    consumer = by_title(lever)["Senior Product Manager, Consumer"]
    assert (consumer.salary_min, consumer.salary_max) == (Decimal(170000), Decimal(205000))
    assert (consumer.salary_currency, consumer.salary_interval) == ("USD", "year")


def test_an_upside_down_lever_range_is_swapped_and_reported(lever):
    contract = by_title(lever)["Product Manager (Contract), Billing Migration"]
    assert (contract.salary_min, contract.salary_max) == (Decimal(80), Decimal(95))
    assert contract.salary_interval == "hour" and contract.employment_type == "contract"
    assert contract.workplace == "remote"
    assert ("postings[1]", "salary_min") in positions(lever)


def test_lever_nulls_and_unspecified_stay_empty(lever):
    lead = by_title(lever)["Product Lead, Savings"]
    assert (lead.location, lead.workplace, lead.employment_type, lead.posted_on) == (
        "",
        "",
        "",
        None,
    )
    assert ("postings[3]", "title") in positions(lever)


# --- Ashby ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ashby() -> ImportResult:
    return parse_ashby(fixture_json("ashby.json"), "lumenlabs")


def test_it_skips_unlisted_ashby_jobs(ashby):
    assert "Product Manager, Internal Tools" not in by_title(ashby)
    assert len(ashby.postings) == 3


def test_ashby_salary_spans_all_tiers(ashby):
    staff = by_title(ashby)["Staff Product Manager, AI Assistants"]
    assert (staff.salary_min, staff.salary_max) == (Decimal(190000), Decimal(240000))
    assert (staff.salary_currency, staff.salary_interval) == ("USD", "year")


def test_it_maps_ashby_fields(ashby):
    staff = by_title(ashby)["Staff Product Manager, AI Assistants"]
    assert staff.location == "San Francisco; New York"
    assert staff.workplace == "hybrid" and staff.employment_type == "full_time"
    assert staff.posted_on == date(2025, 11, 10)
    assert staff.description_html.startswith("<h2>About the role</h2>")
    assert "onerror" not in staff.description_html and "<img" not in staff.description_html
    intern = by_title(ashby)["Product Management Intern (Summer 2026)"]
    assert intern.workplace == "remote" and intern.employment_type == "internship"
    assert intern.external_id == "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"  # from jobUrl
    assert (intern.salary_min, intern.salary_max, intern.salary_interval) == (
        Decimal(3000),
        Decimal(3500),
        "month",
    )
    assert "- Ship a real feature" in intern.description_text


def test_ashby_tiers_in_two_currencies_keep_the_first_and_say_so(ashby):
    principal = by_title(ashby)["Principal Product Manager, Payments"]
    assert (principal.salary_min, principal.salary_max) == (Decimal(120000), Decimal(150000))
    assert principal.salary_currency == "GBP"
    assert ("jobs[3]", "salary_currency") in positions(ashby)
    assert ("jobs[3]", "posted_on") in positions(ashby)


# --- SmartRecruiters --------------------------------------------------------------------


def test_it_reads_smartrecruiters_pages_and_drops_repeats():
    pages = [fixture_json("smartrecruiters_page1.json"), fixture_json("smartrecruiters_page2.json")]
    result = parse_smartrecruiters(pages, "KestrelMobility")
    assert [p.external_id for p in result.postings] == [
        "744000061234501",
        "744000061234502",
        "744000061234503",
        "744000061234504",
    ]
    munich, lisbon, remote, oslo = result.postings
    assert munich.company == "Kestrel Mobility" and munich.location == "Munich, Bavaria, DE"
    assert munich.workplace == "hybrid" and munich.employment_type == "full_time"
    assert munich.posted_on == date(2025, 11, 4)
    assert munich.source_url == "https://jobs.smartrecruiters.com/KestrelMobility/744000061234501"
    assert lisbon.location == "Lisbon, Portugal" and lisbon.workplace == "onsite"
    assert remote.workplace == "remote" and remote.employment_type == "contract"
    assert oslo.posted_on is None
    assert positions(result) == [
        ("pages[1].content[1]", "posted_on"),
        ("pages[1].content[2]", "title"),
    ]


def test_smartrecruiters_next_offset_walks_until_total_found():
    assert smartrecruiters_next_offset(fixture_json("smartrecruiters_page1.json")) == 3
    assert smartrecruiters_next_offset(fixture_json("smartrecruiters_page2.json")) is None


@pytest.mark.parametrize(
    "page",
    [
        None,
        {},
        {"offset": 0, "totalFound": 10, "content": []},
        {"offset": 0, "totalFound": 10},
        {"totalFound": 10, "content": [{}]},
        {"offset": -5, "totalFound": 10, "content": [{}]},
        {"offset": "x", "totalFound": 10, "content": [{}]},
        {"offset": 0, "totalFound": None, "content": [{}]},
    ],
)
def test_smartrecruiters_next_offset_stops_on_empty_or_malformed_pages(page):
    assert smartrecruiters_next_offset(page) is None


def test_a_smartrecruiters_fetch_loop_always_ends():
    total = 250
    offset, fetched = 0, 0
    while offset is not None:
        page = {"offset": offset, "limit": 100, "totalFound": total,
                "content": [{}] * min(100, total - offset)}  # fmt: skip
        fetched += len(page["content"])
        offset = smartrecruiters_next_offset(page)
    assert fetched == total


# --- Workable ---------------------------------------------------------------------------


def test_it_maps_workable_jobs():
    result = parse_workable(fixture_json("workable.json"), "harbourline")
    senior, customs, stage = result.postings
    assert senior.company == "Harbourline Software"
    assert senior.location == "Rotterdam, South Holland, Netherlands; Antwerp, Belgium"  # no hidden
    assert senior.external_id == "A1B2C3D4E5" and senior.posted_on == date(2025, 11, 5)
    assert senior.apply_url == "https://apply.workable.com/j/A1B2C3D4E5/apply"
    assert senior.description_html == ""  # the widget API often has no descriptions
    assert customs.workplace == "remote" and customs.employment_type == "contract"
    assert customs.posted_on == date(2025, 10, 29)  # created_at when published_on is null
    assert "- Talk to freight forwarders" in customs.description_text
    assert stage.location == "Marseille, Provence-Alpes-Côte d'Azur, France"
    assert stage.employment_type == "internship"
    assert positions(result) == [("jobs[3]", "title")]


# --- board_url --------------------------------------------------------------------------


def test_board_url_fills_the_template_for_each_board():
    assert board_url("greenhouse", "northwind") == (
        "https://boards-api.greenhouse.io/v1/boards/northwind/jobs?content=true"
    )
    assert (
        board_url("lever", "bright-field")
        == "https://api.lever.co/v0/postings/bright-field?mode=json"
    )
    assert board_url("smartrecruiters", "Kestrel_Mobility", offset=200).endswith(
        "/companies/Kestrel_Mobility/postings?offset=200&limit=100"
    )
    assert set(BOARD_URLS) == {"greenhouse", "lever", "ashby", "smartrecruiters", "workable"}


@pytest.mark.parametrize("name", ["", "..", ".", "a/b", "a?b=c", "a b", "naïve", "x" * 101, None])
def test_board_url_refuses_names_that_could_change_the_url(name):
    with pytest.raises(ValueError, match="not valid"):
        board_url("greenhouse", name)


def test_board_url_refuses_unknown_boards():
    with pytest.raises(ValueError, match="Unknown job board"):
        board_url("monster", "acme")
