"""The portfolio's exports: a static site that opens from disk (relative links only, nothing
fetched from anywhere) and a PDF whose text holds the case studies."""

import io
import re
import zipfile
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from pypdf import PdfReader

from pmpath.portfolio import export
from tests.conftest import onboard
from tests.portfolio.factories import make_case, make_cases, make_image

USER_LINK = "https://example.test/research-notes"


class Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "srcset", "action", "poster", "data") and value is not None:
                self.refs.append((tag, name, value))


def refs(html):
    parser = Refs()
    parser.feed(html)
    return parser.refs


@pytest.fixture
def portfolio(alice):
    onboard(alice, display_name="Alice Example", headline="Engineer moving into product")
    first = make_case(
        alice,
        title="Helping sellers publish",
        evidence=f"I read 300 tickets ([notes]({USER_LINK})).",
    )
    make_image(alice, first, caption="Funnel before and after")
    second = make_case(
        alice, title="Index", outcomes="Refunds fell from 4.1% to 2.3% in a quarter."
    )
    hidden = make_case(alice, title="Secret project", published=False)
    return first, second, hidden


def unzip(data):
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


def test_the_site_has_an_index_a_page_per_published_case_study_a_stylesheet_and_images(
    alice, portfolio
):
    first = portfolio[0]
    files = unzip(export.build_site(alice))
    image = first.attachments.get()
    assert sorted(files) == sorted(
        [
            "index.html",
            "style.css",
            "helping-sellers-publish.html",
            "case-index.html",
            f"images/{image.pk}.png",
        ]
    )
    index = files["index.html"].decode()
    assert "Alice Example" in index and "Helping sellers publish" in index
    assert "Secret project" not in " ".join(f.decode("utf-8", "replace") for f in files.values())
    assert files[f"images/{image.pk}.png"].startswith(b"\x89PNG")
    page = files["helping-sellers-publish.html"].decode()
    assert f'src="images/{image.pk}.png"' in page and "Funnel before and after" in page


def test_every_link_in_the_site_is_relative_and_leads_to_a_file_in_it(alice, portfolio):
    files = unzip(export.build_site(alice))
    for name, data in files.items():
        if not name.endswith(".html"):
            continue
        for tag, attribute, value in refs(data.decode()):
            if value == USER_LINK:
                continue  # the candidate's own link, written in a section
            assert "://" not in value and not value.startswith(("/", "//")), (
                f"{name}: {tag} {attribute}={value}"
            )
            target = value.split("#")[0]
            assert not target or target in files, f"{name}: {value} is not in the ZIP"


def test_nothing_in_the_site_refers_to_another_host(alice, portfolio):
    files = unzip(export.build_site(alice))
    for name, data in files.items():
        if name.startswith("images/"):
            continue
        text = data.decode()
        addresses = re.findall(r"(?:https?:)?//[^\s\"')<]+", text)
        assert set(addresses) <= {USER_LINK}, f"{name}: {addresses}"
    css = files["style.css"].decode()
    assert "@import" not in css and "url(" not in css and "@font-face" not in css


def test_the_stylesheet_has_a_print_section(alice, portfolio):
    css = unzip(export.build_site(alice))["style.css"].decode()
    assert "@media print" in css and "@page" in css


def test_the_pdf_holds_the_titles_and_outcomes_of_the_published_case_studies(alice, portfolio):
    first, second, _hidden = portfolio
    reader = PdfReader(io.BytesIO(export.build_pdf(alice)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert first.title in text and second.title in text
    assert "Refunds fell from 4.1% to 2.3% in a quarter." in text
    assert "Sellers publishing within 7 days rose from 59% to 68%" in text
    assert "Secret project" not in text
    assert "Alice Example" in text
    assert len(reader.pages) >= 3  # a title page, then each case study from a new page


def test_the_pdf_fetches_nothing_but_its_own_files(alice, portfolio):
    _html, files = export.book_html(alice)
    fetch = export._only_these(files)
    assert fetch.fetch(export._BASE + "style.css").read().startswith(b"/*")
    for outside in ("https://example.test/x.png", "file:///etc/passwd", export._BASE + "../x"):
        with pytest.raises(ValueError, match="not part of the portfolio export"):
            fetch.fetch(outside)


def test_an_empty_portfolio_exports_a_site_and_a_pdf_that_say_so(alice):
    files = unzip(export.build_site(alice))
    assert "No case studies are published yet." in files["index.html"].decode()
    reader = PdfReader(io.BytesIO(export.build_pdf(alice)))
    assert "No case studies are published yet." in reader.pages[0].extract_text()


def test_the_download_pages_answer_with_files(alice, alice_client, portfolio):
    site = alice_client.get(reverse("portfolio:export_site"))
    assert site["Content-Type"] == "application/zip"
    assert site["Content-Disposition"].startswith('attachment; filename="portfolio-site-')
    assert "index.html" in zipfile.ZipFile(io.BytesIO(site.content)).namelist()
    pdf = alice_client.get(reverse("portfolio:export_pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_pdf_from_the_web_page_holds_a_bounded_number_of_case_studies(alice, alice_client):
    make_cases(alice, export.WEB_PDF_MAX + 1)
    response = alice_client.get(reverse("portfolio:export_pdf"), follow=True)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("portfolio:index")
    assert f"{export.WEB_PDF_MAX + 1} case studies are published" in body
    assert "pmpath portfolio export --format pdf" in body
    with pytest.raises(export.ExportError):
        export.build_pdf(alice, limit=2)
