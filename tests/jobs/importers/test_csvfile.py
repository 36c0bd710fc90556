"""CSV import and export of postings."""

from datetime import date
from decimal import Decimal

import pytest

from pmpath.jobs.importers.base import ParsedPosting
from pmpath.jobs.importers.csvfile import (
    POSTING_COLUMNS,
    parse_postings_csv,
    template_csv,
    write_postings_csv,
)
from tests.jobs.importers import fixture_bytes

CSV_FIELDS = [c for c in POSTING_COLUMNS if c != "description"] + ["description_text"]


def csv_view(posting: ParsedPosting) -> dict:
    return {name: getattr(posting, name) for name in CSV_FIELDS}


@pytest.fixture(scope="module")
def imported():
    return parse_postings_csv(fixture_bytes("postings.csv"))


def test_it_imports_a_spreadsheet_export(imported):
    titles = [p.title for p in imported.postings]
    assert titles == [
        "Senior Product Manager, Growth",
        "Product Manager, Payments",
        "Associate PM",
        '=HYPERLINK("http://evil.example")',
        "Group PM",
    ]
    growth = imported.postings[0]
    assert growth.source == "csv"
    assert growth.location == "New York, NY"  # header " Location " matched, quoted comma kept
    assert (growth.workplace, growth.employment_type) == ("hybrid", "full_time")
    assert (growth.salary_min, growth.salary_max, growth.salary_currency) == (
        Decimal(165000),
        Decimal(195000),
        "USD",
    )
    assert growth.source_url == "https://boards.greenhouse.io/northwindanalytics/jobs/4012345006"
    assert growth.posted_on == date(2025, 11, 3)
    assert growth.description_text == (
        "Own the activation funnel.\n\n- Run experiments\n- Work with data, design, and engineering"
    )
    assert "<ul><li>Run experiments</li>" in growth.description_html


def test_quoted_quotes_and_dotted_dates_are_read(imported):
    payments = imported.postings[1]
    assert payments.description_text == 'Wir suchen eine Produktmanagerin, "mit Herz".'
    assert payments.posted_on == date(2025, 11, 3)


def test_bad_cells_are_problems_but_the_row_still_imports(imported):
    associate = imported.postings[2]
    assert associate.workplace == "" and associate.salary_min is None
    assert associate.salary_max == Decimal(3500) and associate.salary_currency == ""
    assert associate.source_url == "" and associate.apply_url == "https://tallyhook.example/apply"
    assert associate.posted_on is None and associate.valid_through is None
    assert associate.description_html == "<p>Learn <b>fast</b></p>"
    row5 = [p.field for p in imported.problems if p.position == "row 5"]
    assert row5 == [
        "workplace",
        "salary_currency",
        "salary_min",
        "source_url",
        "posted_on",
        "valid_through",
    ]


def test_a_row_without_title_is_a_problem_and_the_rest_import(imported):
    problem = next(p for p in imported.problems if p.field == "title")
    assert (problem.position, problem.message) == (
        "row 4",
        "title is required; the row was skipped.",
    )


def test_unknown_columns_are_reported_once(imported):
    header = [(p.position, p.field) for p in imported.problems if p.position == "header"]
    assert header == [("header", "Notes")]


def test_extra_cells_beyond_the_header_are_reported(imported):
    assert ("row 8", "") in [(p.position, p.field) for p in imported.problems]
    assert imported.postings[-1].valid_through == date(2025, 12, 31)


def test_more_than_max_rows_keeps_the_first_and_says_so():
    data = "title\n" + "".join(f"PM {n}\n" for n in range(10))
    result = parse_postings_csv(data, max_rows=3)
    assert [p.title for p in result.postings] == ["PM 0", "PM 1", "PM 2"]
    assert [(p.position, p.field) for p in result.problems] == [("row 5", "")]
    assert "more than 3 rows" in result.problems[0].message


def test_semicolons_and_header_aliases_from_european_excel():
    data = "Job Title;Company Name;Currency;Salary-Min\nProduktmanager;Lindgrün;eur;70.000\n"
    (posting,) = parse_postings_csv(data.encode("utf-8")).postings
    assert (posting.title, posting.company, posting.salary_min, posting.salary_currency) == (
        "Produktmanager",
        "Lindgrün",
        Decimal(70000),
        "EUR",
    )


def test_windows_1252_files_are_read_and_flagged():
    result = parse_postings_csv("title,company\nChef de produit,Café Noir\n".encode("cp1252"))
    assert result.postings[0].company == "Café Noir"
    assert [p.position for p in result.problems] == ["payload"]


@pytest.mark.parametrize(
    "data",
    [b"", "", "   \n", b"company,location\nAcme,Berlin\n", None, 42, b"\xff\xfe"],
)
def test_unusable_files_give_one_problem(data):
    result = parse_postings_csv(data)
    assert result.postings == [] and len(result.problems) == 1


def test_the_template_has_the_columns_and_reads_back_cleanly():
    template = template_csv()
    assert template.splitlines()[0] == ",".join(POSTING_COLUMNS)
    result = parse_postings_csv(template)
    assert result.problems == []
    (example,) = result.postings
    assert example.workplace == "hybrid" and example.salary_interval == "year"


def test_written_postings_read_back_the_same():
    postings = [
        ParsedPosting(
            title="Senior PM, Payments",
            company='Acme "Pay", Inc.',
            location="Berlin, Germany",
            workplace="remote",
            employment_type="contract",
            salary_min=Decimal("95.50"),
            salary_max=Decimal(120),
            salary_currency="EUR",
            salary_interval="hour",
            source_url="https://jobs.example/a?id=7",
            apply_url="https://jobs.example/a/apply?utm_source=x",
            external_id="A-7",
            posted_on=date(2025, 11, 3),
            valid_through=date(2026, 1, 1),
            department="Product",
            description_text="Line one, with a comma.\n\n- bullet\n- another",
        ),
        ParsedPosting(title="-Leading dash", company="=cmd|' /C calc'!A0", description_text="@x"),
    ]
    written = write_postings_csv(postings)
    assert "\n=cmd" not in written and ",=cmd" not in written  # formulas are neutralised
    result = parse_postings_csv(written)
    assert result.problems == []
    assert [csv_view(p) for p in result.postings] == [csv_view(p) for p in postings]


def test_the_description_is_written_as_text_even_when_only_html_is_known():
    posting = ParsedPosting(title="PM", description_html="<p>One</p><ul><li>two</li></ul>")
    (read,) = parse_postings_csv(write_postings_csv([posting])).postings
    assert read.description_text == "One\n\n- two"
