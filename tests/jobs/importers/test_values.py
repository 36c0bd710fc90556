"""The value readers every parser leans on: dates, money, workplace, employment type, URLs."""

from datetime import date
from decimal import Decimal

import pytest

from pmpath.jobs.importers.base import (
    canonical_url,
    normalise_currency,
    normalise_employment_type,
    normalise_interval,
    normalise_workplace,
    parse_date,
    parse_money,
    safe_url,
    tidy,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-12-07", date(2025, 12, 7)),
        ("2025-12-07T10:30:00Z", date(2025, 12, 7)),
        ("2025-11-10T17:24:30.123+00:00", date(2025, 11, 10)),
        ("2025-11-20T14:03:11-05:00", date(2025, 11, 20)),
        (1762174800000, date(2025, 11, 3)),  # Lever's createdAt: epoch milliseconds
        ("1762174800000", date(2025, 11, 3)),
        (1762174800, date(2025, 11, 3)),  # epoch seconds
        ("2025/12/07", date(2025, 12, 7)),
        ("03.11.2025", date(2025, 11, 3)),  # dotted dates are day first
        ("31/12/2025", date(2025, 12, 31)),
        ("12/31/2025", date(2025, 12, 31)),
        ("7 December 2025", date(2025, 12, 7)),
        ("Dec 7, 2025", date(2025, 12, 7)),
        ("December 7th, 2025", date(2025, 12, 7)),
    ],
)
def test_it_reads_the_date_forms_feeds_use(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [None, "", "yesterday", "2025-02-30", "03/04/2025", 17, True, float("nan"), [], {}, "9" * 40],
)
def test_it_answers_none_for_dates_it_would_have_to_guess(raw):
    assert parse_date(raw) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (150000, Decimal(150000)),
        ("150,000", Decimal(150000)),
        ("150.000", Decimal(150000)),
        ("$150,000", Decimal(150000)),
        ("150,000.50", Decimal("150000.5")),
        ("1.234,50", Decimal("1234.5")),
        ("85k", Decimal(85000)),
        ("1.5K", Decimal(1500)),
        ("USD 120000", Decimal(120000)),
        ("120'000", Decimal(120000)),
        (92000.0, Decimal(92000)),
        ("42.50", Decimal("42.5")),
    ],
)
def test_it_reads_amounts_written_many_ways(raw, expected):
    assert parse_money(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "lots", "-5", -5, True, "1,2,3", float("inf"), "1e400"])
def test_it_answers_none_for_things_that_are_not_amounts(raw):
    assert parse_money(raw) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Remote", "remote"),
        ("Remote - US", "remote"),
        ("TELECOMMUTE", "remote"),
        (True, "remote"),
        ("hybrid", "hybrid"),
        ("Hybrid (3 days in office)", "hybrid"),
        ("On-site", "onsite"),
        ("OnSite", "onsite"),
        ("onsite", "onsite"),
        ("unspecified", ""),
        ("Remote or hybrid", ""),
        ("New York, NY", ""),
        (None, ""),
        (False, ""),
    ],
)
def test_it_normalises_workplace_words(raw, expected):
    assert normalise_workplace(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("FULL_TIME", "full_time"),
        ("Full-time", "full_time"),
        ("FullTime", "full_time"),
        ("PartTime", "part_time"),
        ("Part-time", "part_time"),
        ("Contract", "contract"),
        ("CONTRACTOR", "contract"),
        ("Intern", "internship"),
        ("Internship", "internship"),
        ("Temporary", "temporary"),
        ("Vollzeit", "full_time"),
        (["VOLUNTEER", "PART_TIME"], "part_time"),
        ("OTHER", ""),
        (None, ""),
    ],
)
def test_it_normalises_employment_types(raw, expected):
    assert normalise_employment_type(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("YEAR", "year"),
        ("per-year-salary", "year"),
        ("1 YEAR", "year"),
        ("1 MONTH", "month"),
        ("per-hour-wage", "hour"),
        ("HOUR", "hour"),
        ("annually", "year"),
        ("WEEK", "week"),
        ("DAY", "day"),
        ("6 MONTH", ""),
        ("NONE", ""),
    ],
)
def test_it_normalises_salary_intervals(raw, expected):
    assert normalise_interval(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("usd", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("EURO", ""), ("", "")],
)
def test_it_normalises_currencies_to_iso_codes(raw, expected):
    assert normalise_currency(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "HTTPS://Boards.Greenhouse.IO/acme/jobs/42?gh_src=abc&utm_source=x#app",
            "https://boards.greenhouse.io/acme/jobs/42",
        ),
        (
            "https://jobs.lever.co/acme/uuid?lever-source=LinkedIn&team=pm",
            "https://jobs.lever.co/acme/uuid?team=pm",
        ),
        ("https://example.com:443/jobs?id=7&UTM_Medium=m", "https://example.com/jobs?id=7"),
        ("http://example.com:8080", "http://example.com:8080/"),
        ("https://user:secret@example.com/x", "https://example.com/x"),
        ("//example.com/jobs", "https://example.com/jobs"),
        ("careers.example.com/jobs/1", "https://careers.example.com/jobs/1"),
        ("https://example.com/careers#/jobs/42", "https://example.com/careers#/jobs/42"),
        ("javascript:alert(1)", ""),
        ("mailto:jobs@example.com", ""),
        ("/relative/path", ""),
        ("http://[broken", ""),
        ("https://example.com:99999/", ""),
        (None, ""),
    ],
)
def test_it_canonicalises_urls(raw, expected):
    assert canonical_url(raw) == expected


def test_safe_url_keeps_tracking_but_refuses_other_schemes():
    assert (
        safe_url("https://x.example/apply?lever-source=a")
        == "https://x.example/apply?lever-source=a"
    )
    assert safe_url("javascript:alert(1)") == ""


def test_tidy_drops_control_characters_and_collapses_spaces():
    assert tidy("  Senior\x00 PM\n\t at\u200b Acme \ud800 ") == "Senior PM at\u200b Acme"
