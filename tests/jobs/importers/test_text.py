"""A posting pasted as text: conservative guesses, unknown stays empty."""

from datetime import date
from decimal import Decimal

import pytest

from pmpath.jobs.importers.text import find_salary, parse_pasted_text
from tests.jobs.importers import fixture_text


def parse(name: str):
    result = parse_pasted_text(fixture_text(name))
    assert len(result.postings) == 1
    return result.postings[0], result.problems


def test_it_reads_a_job_site_style_paste():
    posting, problems = parse("pasted_linkedin.txt")
    assert posting.title == "Senior Product Manager, Payments"
    assert posting.company == "Marlowe Pay"
    assert posting.location == "London, United Kingdom"
    assert posting.workplace == "hybrid"
    assert posting.employment_type == "full_time"
    assert (posting.salary_min, posting.salary_max) == (Decimal(85000), Decimal(100000))
    assert (posting.salary_currency, posting.salary_interval) == ("GBP", "year")
    assert posting.source == "text" and problems == []


def test_it_reads_labelled_lines():
    posting, _ = parse("pasted_labelled.txt")
    assert posting.title == "Product Manager \u2013 Developer Platform"
    assert posting.company == "Tallyhook"
    assert posting.location == "Remote (Europe)" and posting.workplace == "remote"
    assert posting.employment_type == "contract"
    assert (posting.salary_min, posting.salary_max, posting.salary_interval) == (
        Decimal(650),
        Decimal(650),
        "day",
    )
    assert posting.apply_url.startswith("https://tallyhook.example/careers/pm-platform")
    assert posting.valid_through == date(2026, 1, 31)


def test_a_company_header_line_is_not_the_title():
    posting, _ = parse("pasted_company_header.txt")
    assert posting.title == "Principal Product Manager, Data"
    assert posting.company == "Brambleworks"
    assert posting.location == "Seattle, WA"
    assert posting.workplace == ""  # "remote-friendly company" says nothing about this role
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (
        Decimal(180000),
        Decimal(215000),
        "USD",
    )
    assert posting.salary_interval == "year"


def test_title_at_company_is_split_and_german_is_understood():
    posting, _ = parse("pasted_at_company.txt")
    assert posting.title == "Produktmanager (m/w/d)"
    assert posting.company == "Lindgrün Mobility"
    assert posting.location == "München, Deutschland"
    assert posting.employment_type == "full_time"
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (
        Decimal(70000),
        Decimal(85000),
        "EUR",
    )


def test_prose_without_a_title_line_is_flagged_and_nothing_is_guessed():
    posting, problems = parse("pasted_minimal.txt")
    assert posting.title.startswith("We are looking for someone")
    assert len(posting.title) <= 120
    assert [(p.position, p.field) for p in problems] == [("text", "title")]
    # "$12M" is funding, not pay; nothing else is stated.
    assert posting.salary_min is None and posting.salary_currency == ""
    assert (posting.company, posting.location, posting.workplace) == ("", "", "")


def test_the_description_is_the_whole_text():
    text = fixture_text("pasted_linkedin.txt")
    posting, _ = parse("pasted_linkedin.txt")
    assert posting.description_text == text.strip()
    assert posting.description_html.startswith("<p>Senior Product Manager, Payments<br>")
    assert "<ul><li>Own the invoicing and payouts roadmap</li>" in posting.description_html


def test_pasted_html_is_shown_as_text_not_run():
    result = parse_pasted_text("PM role\n\n<script>alert(1)</script>")
    assert "<script>" not in result.postings[0].description_html
    assert "&lt;script&gt;" in result.postings[0].description_html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$150,000 - $180,000", (150000, 180000, "USD", "")),
        ("€70k\u2013€85k per year", (70000, 85000, "EUR", "year")),
        ("£60,000 to £75,000", (60000, 75000, "GBP", "")),
        ("USD 140k-160k", (140000, 160000, "USD", "")),
        ("$60 - $80 per hour", (60, 80, "USD", "hour")),
        ("$75/hour", (75, 75, "USD", "hour")),
        ("CHF 120'000 \u2013 140'000 p.a.", (120000, 140000, "CHF", "year")),
        ("$150 - 180k", (150000, 180000, "USD", "")),
        ("95 000 - 110 000 EUR annually", (95000, 110000, "EUR", "year")),
    ],
)
def test_it_finds_salary_ranges(text, expected):
    salary = find_salary(text)
    assert salary is not None
    assert (salary.minimum, salary.maximum, salary.currency, salary.interval) == (
        Decimal(expected[0]),
        Decimal(expected[1]),
        expected[2],
        expected[3],
    )


@pytest.mark.parametrize(
    "text",
    ["We raised $50-100 million", "$10M ARR", "Founded 2010 - 2020", "50-80 people", "$20-30 off"],
)
def test_it_does_not_mistake_other_numbers_for_salary(text):
    assert find_salary(text) is None


@pytest.mark.parametrize("text", ["", "   \n\n ", None, 42])
def test_empty_or_non_text_is_one_problem(text):
    result = parse_pasted_text(text)
    assert result.postings == [] and len(result.problems) == 1
