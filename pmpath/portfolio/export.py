"""The portfolio as files: a static website (a ZIP of HTML, one stylesheet with a print
section, and the images) that opens from disk with no network, and a PDF made by WeasyPrint from
the same pages and the same stylesheet. Only published case studies are included.

Every link between the files is relative and nothing refers to another host, so the site works
from a USB stick, an email attachment or any static host. The only absolute addresses are the
links the candidate wrote into their case studies."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from pmpath.career import queries as career
from pmpath.core.pdf import PDFUnavailable, write_pdf
from pmpath.portfolio import queries
from pmpath.portfolio.images import CONTENT_TYPES
from pmpath.portfolio.markup import render as markdown
from pmpath.portfolio.models import Attachment, CaseStudy
from pmpath.portfolio.sections import SECTIONS

STYLESHEET = Path(settings.BASE_DIR) / "static" / "pmpath" / "portfolio-site.css"
# Names the site's own files use; a case study with one of these slugs gets another file name.
RESERVED = {"index", "style", "images"}


class ExportError(Exception):
    """Why an export could not be made, in one sentence."""


@dataclass(frozen=True)
class Links:
    """Where a page's links point: files beside each other in the ZIP, anchors in the PDF, or
    the public link's addresses."""

    index: str
    css: str
    case: Callable[[CaseStudy], str]
    image: Callable[[Attachment], str]


@dataclass(frozen=True)
class Author:
    name: str
    headline: str


def author_for(user: Any) -> Author:
    """The name on the portfolio: the profile's display name, never the account's user name."""
    profile = career.profile_for(user)
    if profile is None:
        return Author("", "")
    headline = profile.headline or " at ".join(
        p for p in (profile.current_role, profile.current_company) if p
    )
    return Author(profile.display_name, headline)


def page_name(case: CaseStudy) -> str:
    return f"{case.slug}.html" if case.slug not in RESERVED else f"case-{case.slug}.html"


def image_name(attachment: Attachment) -> str:
    extension = (attachment.image.name or "").rsplit(".", 1)[-1].lower()
    return f"images/{attachment.pk}.{extension}"


def case_context(case: CaseStudy, skill_names: dict[str, str]) -> dict[str, Any]:
    return {
        "case": case,
        "sections": [
            (s, markdown(getattr(case, s.key)))
            for s in SECTIONS
            if (getattr(case, s.key) or "").strip()
        ],
        "attachments": list(case.attachments.all()),
        "skills": [skill_names.get(k, k) for k in case.skills],
    }


def render_pages(
    user: Any, cases: list[CaseStudy], links: Links, *, request: Any = None
) -> dict[str, str]:
    """index.html and one page per case study, as text."""
    author = author_for(user)
    skill_names = queries.skill_names()
    common = {"links": links, "author": author, "exported_on": timezone.localdate()}
    pages: dict[str, str] = {
        "index.html": render_to_string(
            "portfolio/site/index.html", {**common, "cases": cases}, request=request
        )
    }
    for case in cases:
        pages[page_name(case)] = render_to_string(
            "portfolio/site/case_study.html",
            {**common, **case_context(case, skill_names)},
            request=request,
        )
    return pages


def _read(attachment: Attachment) -> bytes | None:
    try:
        with attachment.image.open("rb") as handle:
            return handle.read()
    except OSError:
        return None  # a file lost from the uploads folder: the page shows its caption only


def _assets(cases: list[CaseStudy]) -> dict[str, bytes]:
    """The stylesheet and every image of these case studies, by their file names."""
    files: dict[str, bytes] = {"style.css": STYLESHEET.read_bytes()}
    for case in cases:
        for attachment in case.attachments.all():
            data = _read(attachment)
            if data is not None:
                files[image_name(attachment)] = data
    return files


def site_files(user: Any) -> dict[str, bytes]:
    cases = queries.published(user)
    files = _assets(cases)
    links = Links(
        index="index.html",
        css="style.css",
        case=page_name,
        image=lambda a: image_name(a) if image_name(a) in files else "",
    )
    for name, html in render_pages(user, cases, links).items():
        files[name] = html.encode("utf-8")
    return files


def build_site(user: Any) -> bytes:
    """The ZIP: index.html, a page per published case study, style.css and images/."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(site_files(user).items()):
            stored = name.startswith("images/") and not name.endswith(".gif")
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if stored else None)
    return buffer.getvalue()


# --- PDF ----------------------------------------------------------------------------------------

_BASE = "file:///pmpath-portfolio/"


def book_html(user: Any) -> tuple[str, dict[str, bytes]]:
    """One HTML document for the PDF (a title page with the contents, then each case study on
    new pages), and the files it refers to."""
    cases = queries.published(user)
    files = _assets(cases)
    links = Links(
        index="#contents",
        css="style.css",
        case=lambda c: f"#case-{c.pk}",
        image=lambda a: image_name(a) if image_name(a) in files else "",
    )
    skill_names = queries.skill_names()
    html = render_to_string(
        "portfolio/site/book.html",
        {
            "links": links,
            "author": author_for(user),
            "exported_on": timezone.localdate(),
            "cases": [case_context(c, skill_names) for c in cases],
        },
    )
    return html, files


# Laying out a case study takes WeasyPrint about a fifth of a second: a page request stays well
# inside the server's 30-second timeout up to this many. The command line has no limit.
WEB_PDF_MAX = 40


def build_pdf(user: Any, *, limit: int | None = None) -> bytes:
    if limit is not None:
        count = queries.published_count(user)
        if count > limit:
            raise ExportError(
                f"{count} case studies are published and a PDF made here holds up to {limit}; "
                "make some private, or run `pmpath portfolio export --format pdf`"
            )
    html, files = book_html(user)
    try:
        return write_pdf(html, base_url=_BASE, url_fetcher=_only_these(files))
    except PDFUnavailable as exc:
        raise ExportError(str(exc)) from None


def _only_these(files: dict[str, bytes]) -> Any:
    """A URL fetcher that serves the export's own files and refuses everything else, so a
    PDF is made without a single network request."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class OnlyThese(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            name = url.removeprefix(_BASE) if url.startswith(_BASE) else None
            if name is None or name not in files:
                raise ValueError(f"not part of the portfolio export: {url}")
            extension = name.rsplit(".", 1)[-1]
            kind = "text/css" if extension == "css" else CONTENT_TYPES.get(extension, "")
            return URLFetcherResponse(url, files[name], {"Content-Type": kind})

    return OnlyThese()
