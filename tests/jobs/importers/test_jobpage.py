"""schema.org JobPosting from job pages: JSON-LD, Microdata, RDFa, and pages without any."""

from datetime import date
from decimal import Decimal

import pytest

from pmpath.jobs.importers.jobpage import decode_page, parse_job_page
from tests.jobs.importers import fixture_bytes, fixture_text

REQUIRED = ["title", "description", "datePosted", "hiringOrganization", "jobLocation"]


def only_posting(result):
    assert len(result.postings) == 1, result
    return result.postings[0]


def test_it_reads_a_json_ld_job_posting():
    result = parse_job_page(fixture_text("jsonld.html"), "https://careers.quillstone.example/x")
    posting = only_posting(result)
    assert posting.source == "jsonld"
    assert posting.title == "Senior Product Manager, Checkout"
    assert posting.company == "Quillstone Commerce"
    assert posting.location == "Manchester, England, GB; Leeds, GB"  # Country object and string
    assert posting.employment_type == "full_time"  # first of a list
    assert posting.posted_on == date(2025, 11, 12)
    assert posting.valid_through == date(2026, 1, 15)
    assert posting.external_id == "QS-1187"  # PropertyValue's value, not its name
    assert (posting.salary_min, posting.salary_max) == (Decimal(78000), Decimal(92000))
    assert (posting.salary_currency, posting.salary_interval) == ("GBP", "year")
    assert posting.source_url == "https://careers.quillstone.example/jobs/senior-pm-checkout"
    assert result.missing == [] and result.problems == []


def test_an_html_escaped_json_ld_description_is_sanitised():
    posting = only_posting(parse_job_page(fixture_text("jsonld.html")))
    assert posting.description_html.startswith("<p>Quillstone runs checkout for <strong>")
    assert "<script" not in posting.description_html and "alert" not in posting.description_text


def test_it_follows_graph_references_and_telecommute():
    result = parse_job_page(
        fixture_text("jsonld_graph.html"), "https://orbitwell.example/careers/pm"
    )
    posting = only_posting(result)
    assert posting.company == "Orbitwell Health"  # hiringOrganization given as {"@id": ...}
    assert posting.workplace == "remote"
    assert posting.location == "Canada, USA"  # from applicantLocationRequirements
    assert (posting.salary_min, posting.salary_max, posting.salary_interval) == (
        Decimal(68),
        Decimal(68),
        "hour",
    )
    assert posting.external_id == "OW-PM-7"
    assert posting.source_url == "https://orbitwell.example/careers/pm"  # no url: the page's
    assert "<ul><li>talk to clinicians every week</li>" in posting.description_html
    # A remote job that says where applicants may live needs no jobLocation.
    assert result.missing == []


def test_it_reads_microdata_with_the_description_markup():
    result = parse_job_page(fixture_text("microdata.html"), "https://fernhill.example/jobs/7")
    posting = only_posting(result)
    assert posting.source == "microdata"
    assert posting.title == "Product Manager, Warehouse Robots"
    assert posting.company == "Fernhill Robotics"
    assert posting.location == "Eindhoven, NL"
    assert posting.employment_type == "part_time"
    assert posting.posted_on == date(2025, 10, 2)
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (
        Decimal(4200),
        Decimal(5100),
        "EUR",
    )
    assert posting.salary_interval == "month"
    assert "<strong>pickers</strong>" in posting.description_html
    assert "javascript" not in posting.description_html
    assert result.missing == []


def test_it_reads_rdfa():
    result = parse_job_page(fixture_text("rdfa.html"), "https://tidewater.example/jobs/po")
    posting = only_posting(result)
    assert posting.source == "rdfa"
    assert posting.title == "Product Owner, Smart Meters"
    assert posting.company == "Tidewater Energy"
    assert posting.location == "Aberdeen, United Kingdom"
    assert posting.employment_type == "temporary"
    assert posting.posted_on == date(2025, 9, 15)
    assert (
        posting.description_html
        == "<p>A 9-month cover role leading our <em>smart meter</em> app.</p>"
    )
    assert result.missing == []


def test_malformed_json_ld_blocks_are_reported_by_number():
    result = parse_job_page(fixture_text("malformed_jsonld.html"))
    posting = only_posting(result)
    assert posting.title == "Lead Product Manager, Search"
    assert posting.location == "Dublin, Ireland"  # address given as a plain string
    assert posting.salary_min is None and posting.salary_max == Decimal(120000)
    assert [(p.position, p.field) for p in result.problems] == [
        ("JSON-LD block 2", ""),
        ("JSON-LD block 3", "posted_on"),
        ("JSON-LD block 3", "salary_min"),
    ]


def test_missing_lists_googles_required_properties_that_are_absent():
    page = """<script type="application/ld+json">{"@context": "https://schema.org",
      "@type": "JobPosting", "title": "PM", "jobLocationType": "TELECOMMUTE"}</script>"""
    result = parse_job_page(page)
    assert result.missing == ["description", "datePosted", "hiringOrganization", "jobLocation"]


def test_a_page_without_markup_falls_back_to_its_own_text():
    result = parse_job_page(
        fixture_text("no_markup.html"), "https://pinecrest.example/careers/pm?utm_source=x"
    )
    posting = only_posting(result)
    assert posting.source == "page"
    assert posting.title == "Product Manager, Mobile — Pinecrest Travel"  # og:title first
    assert posting.company == "Pinecrest Travel"
    assert posting.source_url == "https://pinecrest.example/careers/pm"
    assert posting.description_text.startswith("Product Manager, Mobile\n\nPinecrest Travel helps")
    assert "- Own the iOS and Android roadmap" in posting.description_text
    for chrome in ("Home", "trackPageView", "© Pinecrest", "font-family"):
        assert chrome not in posting.description_text
    assert [p.position for p in result.problems] == ["page"]
    assert "No schema.org JobPosting" in result.problems[0].message
    assert result.missing == REQUIRED


def test_the_fallback_title_comes_from_title_then_h1():
    from_title = parse_job_page(
        "<html><head><title>PM | Acme</title></head><body><p>x</p></body></html>"
    )
    assert only_posting(from_title).title == "PM | Acme"
    from_h1 = parse_job_page("<html><body><h1>Lead PM</h1><p>Build things.</p></body></html>")
    assert only_posting(from_h1).title == "Lead PM"


def test_a_truncated_page_still_gives_what_it_can():
    result = parse_job_page(fixture_bytes("truncated.html"))
    posting = only_posting(result)
    assert posting.title == "Senior Product Manager, Checkout"
    assert ("JSON-LD block 2", "") in [(p.position, p.field) for p in result.problems]


def test_latin1_bytes_are_decoded_by_their_meta_charset():
    raw = fixture_bytes("latin1.html")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    posting = only_posting(parse_job_page(raw))
    assert (
        posting.title == "Chef de produit senior \u2013 Paiements"
    )  # cp1252 dash in a latin-1 page
    assert posting.company == "Société Générale de Café"
    assert posting.location == "Genève, CH"
    assert "Rejoignez l\u2019équipe" in posting.description_text


def test_undeclared_bad_bytes_fall_back_to_utf8_with_replacement():
    assert decode_page(b"<p>caf\xe9</p>") == "<p>caf\ufffd</p>"
    assert decode_page(b'<meta charset="no-such-charset"><p>ok</p>').endswith("<p>ok</p>")
    assert decode_page(b'<meta charset="utf-16"><p>ok</p>').endswith("<p>ok</p>")
    assert decode_page("\ufeffhé".encode()) == "hé"


def test_the_same_posting_in_two_syntaxes_is_kept_once():
    page = fixture_text("jsonld.html").replace(
        "<main>",
        '<main itemscope itemtype="https://schema.org/JobPosting">'
        '<meta itemprop="title" content="Senior Product Manager, Checkout">'
        '<link itemprop="url" href="https://careers.quillstone.example/jobs/senior-pm-checkout">',
    )
    result = parse_job_page(page)
    assert [p.source for p in result.postings] == ["jsonld"]


def test_several_postings_on_one_page_are_all_read():
    page = """<script type="application/ld+json">[
      {"@context": "https://schema.org", "@type": "JobPosting", "title": "PM A", "url": "/a"},
      {"@context": "https://schema.org", "@type": "JobPosting", "title": "PM B", "url": "/b"}
    ]</script>"""
    result = parse_job_page(page, "https://acme.example/jobs")
    assert [(p.title, p.source_url) for p in result.postings] == [
        ("PM A", "https://acme.example/a"),
        ("PM B", "https://acme.example/b"),
    ]


def test_a_job_posting_without_title_is_reported_and_the_page_used():
    page = """<html><head><title>Careers</title><script type="application/ld+json">
      {"@type": "JobPosting", "description": "x"}</script></head><body>Body</body></html>"""
    result = parse_job_page(page)
    assert only_posting(result).source == "page"
    assert ("JSON-LD block 1", "title") in [(p.position, p.field) for p in result.problems]


@pytest.mark.parametrize("page", [b"", "", "   ", None, 42, "<!-- nothing -->"])
def test_unusable_pages_give_one_problem(page):
    result = parse_job_page(page)
    assert result.postings == [] and len(result.problems) == 1
