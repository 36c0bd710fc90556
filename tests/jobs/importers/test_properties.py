"""Property tests: no input, however broken, makes a parser raise; nothing hostile survives
the sanitiser; CSV written by us reads back the same."""

import copy
import re
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmpath.jobs.importers.base import (
    EMPLOYMENT_TYPES,
    INTERVALS,
    WORKPLACES,
    ImportResult,
    ParsedPosting,
    canonical_url,
    parse_date,
    parse_money,
    tidy,
)
from pmpath.jobs.importers.boards import (
    parse_ashby,
    parse_greenhouse,
    parse_lever,
    parse_smartrecruiters,
    parse_workable,
    smartrecruiters_next_offset,
)
from pmpath.jobs.importers.csvfile import POSTING_COLUMNS, parse_postings_csv, write_postings_csv
from pmpath.jobs.importers.html import clean_html, looks_like_html, tidy_text
from pmpath.jobs.importers.jobpage import parse_job_page
from pmpath.jobs.importers.text import parse_pasted_text
from tests.jobs.importers import fixture_json

# The repository's autouse fixtures are function scoped but reset nothing these tests touch.
relaxed = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)

# Keys the parsers look for, so generated payloads reach past the first isinstance check.
KEY_NAMES = (
    "jobs", "title", "id", "name", "text", "location", "content", "categories", "compensation",
    "summaryComponents", "compensationTiers", "components", "compensationType", "minValue",
    "maxValue", "currencyCode", "interval", "offset", "totalFound", "limit", "salaryRange",
    "min", "max", "currency", "createdAt", "updated_at", "departments", "metadata", "value",
    "lists", "isListed", "isRemote", "workplaceType", "locations", "hidden", "telecommuting",
    "releasedDate", "typeOfEmployment", "company", "remote", "hybrid", "jobAd", "sections",
    "pay_input_ranges", "secondaryLocations", "descriptionHtml", "description", "absolute_url",
    "hostedUrl", "jobUrl",
)  # fmt: skip
KNOWN_KEYS = st.sampled_from(KEY_NAMES)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["Remote", "FullTime", "1 YEAR", "Salary", "2025-11-03", "1762174800000"])
)
JSON_LIKE = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(KNOWN_KEYS | st.text(max_size=8), children, max_size=6)
    ),
    max_leaves=40,
)
BOARD_PARSERS = (parse_greenhouse, parse_lever, parse_ashby, parse_smartrecruiters, parse_workable)


def assert_result(result: object) -> None:
    assert isinstance(result, ImportResult)
    assert all(isinstance(p, ParsedPosting) and p.title for p in result.postings)
    assert all(problem.position and problem.message for problem in result.problems)
    # (Zero postings with no problem is fine: an empty board or a header-only CSV.)


@relaxed
@given(JSON_LIKE)
def test_board_parsers_never_raise_on_json_like_values(value):
    for parser in BOARD_PARSERS:
        assert_result(parser(value, "board"))
    offset = smartrecruiters_next_offset(value)
    assert offset is None or isinstance(offset, int)


@relaxed
@given(
    st.sampled_from(["greenhouse.json", "ashby.json", "workable.json", "lever.json"]),
    st.data(),
)
def test_one_broken_field_never_costs_the_other_jobs(name, data):
    payload = copy.deepcopy(fixture_json(name))
    jobs = payload if isinstance(payload, list) else payload["jobs"]
    parser = {"greenhouse.json": parse_greenhouse, "ashby.json": parse_ashby,
              "workable.json": parse_workable, "lever.json": parse_lever}[name]  # fmt: skip
    before = len(parser(payload, "b").postings)
    index = data.draw(st.integers(0, len(jobs) - 1))
    if isinstance(jobs[index], dict):
        key = data.draw(st.sampled_from(sorted(jobs[index])))
        jobs[index][key] = data.draw(JSON_LIKE)
    result = parser(payload, "b")
    assert_result(result)
    assert len(result.postings) >= before - 1


@relaxed
@given(st.binary(max_size=2000) | st.text(max_size=2000) | JSON_LIKE)
def test_the_text_and_file_parsers_never_raise_on_arbitrary_input(value):
    assert_result(parse_pasted_text(value))
    assert_result(parse_postings_csv(value))
    assert_result(parse_job_page(value))


MARKUP = st.sampled_from(
    [
        '<script type="application/ld+json">',
        "</script>",
        '{"@context": "https://schema.org", "@type": "JobPosting", "title": ',
        '"baseSalary": {"value": {"minValue": ',
        '"jobLocation": [{"address": {"addressCountry": {"name": ',
        "}]",
        '<div vocab="https://schema.org/" typeof="JobPosting">',
        '<span property="title">',
        '<div itemscope itemtype="https://schema.org/JobPosting">',
        '<meta itemprop="title" content="PM">',
        '<div itemprop="description">',
        "</div>",
        '<meta charset="iso-8859-1">',
        "<main>",
        "<title>",
    ]
)


@relaxed
@given(st.lists(MARKUP | st.text(max_size=20), max_size=25), st.booleans())
def test_job_pages_built_from_markup_fragments_never_raise(parts, as_bytes):
    page = "".join(parts)
    result = parse_job_page(
        page.encode("utf-8", "replace") if as_bytes else page, "https://a.example/"
    )
    assert_result(result)


@relaxed
@given(st.lists(st.text(max_size=40) | st.sampled_from(["\n", ",", '"', ";", "\r\n"]), max_size=40))
def test_csv_made_of_separators_and_quotes_never_raises(parts):
    assert_result(parse_postings_csv("title,company,salary_min,posted_on\n" + "".join(parts)))


@relaxed
@given(st.text(max_size=60) | JSON_LIKE)
def test_value_readers_never_raise(value):
    parse_date(value)
    parse_money(value)
    assert canonical_url(value) in ("", canonical_url(canonical_url(value)))


HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<img src=x onerror="alert(1)">',
        "<p onclick=alert(1) onmouseover='x()'>",
        '<a href="javascript:alert(1)">',
        '<a href=" JaVaScRiPt:alert(1)">',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">',
        "<style>body{background:url(javascript:alert(1))}</style>",
        '<iframe src="https://evil.example"></iframe>',
        '<div style="background:url(x)">',
        "<svg/onload=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<!--<script>-->",
        "<",
        ">",
        '"',
        "</p>",
        "<p>",
    ]
)
_EVENT_ATTRIBUTE = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
_BAD_URL = re.compile(r"(href|src)\s*=\s*[\"']?\s*(javascript|data|vbscript):", re.IGNORECASE)


@relaxed
@given(st.lists(HOSTILE | st.text(max_size=10), max_size=30))
def test_hostile_html_never_survives_clean_html(parts):
    markup, _ = clean_html("".join(parts))
    lowered = markup.lower()
    for tag in ("<script", "<style", "<iframe", "<img", "<svg", "<math", "style="):
        assert tag not in lowered
    assert not _EVENT_ATTRIBUTE.search(markup)
    assert not _BAD_URL.search(markup)


# --- CSV round trip -------------------------------------------------------------------------

LINE = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=30).map(tidy)
DESCRIPTION = (
    st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
    .map(tidy_text)
    .filter(lambda text: not looks_like_html(text))
)
AMOUNT = st.none() | st.decimals(min_value=1, max_value=10**9, places=2, allow_nan=False)
URL = st.sampled_from(["", "https://jobs.example/a", "https://jobs.example/b?id=7&ref=x"])
DAY = st.none() | st.dates(min_value=date(1970, 1, 1), max_value=date(2199, 12, 31))


@st.composite
def postings(draw) -> ParsedPosting:
    low, high = sorted([draw(AMOUNT), draw(AMOUNT)], key=lambda v: (v is None, v or Decimal(0)))
    paid = low is not None or high is not None
    return ParsedPosting(
        title=draw(LINE.filter(bool)),
        company=draw(LINE),
        location=draw(LINE),
        workplace=draw(st.sampled_from(("", *WORKPLACES))),
        employment_type=draw(st.sampled_from(("", *EMPLOYMENT_TYPES))),
        salary_min=low,
        salary_max=high,
        # A currency or period with no amount means nothing and is not kept.
        salary_currency=draw(st.sampled_from(["", "USD", "EUR", "GBP"])) if paid else "",
        salary_interval=draw(st.sampled_from(("", *INTERVALS))) if paid else "",
        source_url=draw(URL),
        apply_url=draw(URL),
        external_id=draw(LINE),
        posted_on=draw(DAY),
        valid_through=draw(DAY),
        department=draw(LINE),
        description_text=draw(DESCRIPTION),
        source="csv",
    )


def csv_fields(posting: ParsedPosting) -> dict:
    names = [c for c in POSTING_COLUMNS if c != "description"] + ["description_text"]
    return {name: getattr(posting, name) for name in names}


@relaxed
@given(st.lists(postings(), max_size=5))
def test_csv_round_trip_keeps_every_field(originals):
    result = parse_postings_csv(write_postings_csv(originals))
    assert result.problems == []
    assert [csv_fields(p) for p in result.postings] == [csv_fields(p) for p in originals]
