"""The resume as files: JSON Resume (the stored document itself, valid against the schema, so
import then export gives back what was imported), a self-contained printable HTML page (its
styles inside it, no scripts, no outside requests) and a PDF made by WeasyPrint from that page
without a single network request."""

from __future__ import annotations

import json
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from pmpath.core.pdf import PDFUnavailable, write_pdf
from pmpath.matching.resume import documents, schema

FORMATS = {
    "json": ("application/json", "json"),
    "html": ("text/html; charset=utf-8", "html"),
    "pdf": ("application/pdf", "pdf"),
}
CLI_FORMATS = {"json-resume": "json", "html": "html", "pdf": "pdf"}


class ExportError(Exception):
    """Why an export could not be made, in one sentence."""


def as_json(document: dict[str, Any]) -> bytes:
    errors = schema.validate(document)
    if errors:  # stored documents are validated on every write; an old row may predate that
        raise ExportError(f"the resume is not valid JSON Resume: {errors[0]}")
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def as_html(document: dict[str, Any], *, title: str = "") -> bytes:
    basics = documents.basics_of(document)
    context = {
        "doc": document,
        "basics": basics,
        "title": title or basics.get("name") or "Resume",
        "period": documents.period,
        "shown_date": documents.shown_date,
        "made_on": timezone.localdate(),
    }
    return render_to_string("matching/resume_print.html", context).encode("utf-8")


def as_pdf(document: dict[str, Any], *, title: str = "") -> bytes:
    page = as_html(document, title=title).decode("utf-8")
    try:
        return write_pdf(page, url_fetcher=_refuse_all())
    except PDFUnavailable as exc:
        raise ExportError(str(exc)) from None


def _refuse_all() -> Any:
    """The page carries its styles inline and shows no images: nothing is ever fetched."""
    from weasyprint.urls import URLFetcher

    class RefuseAll(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"the resume PDF fetches nothing: {url}")

    return RefuseAll()


def render(document: dict[str, Any], fmt: str, *, title: str = "") -> bytes:
    if fmt == "json":
        return as_json(document)
    if fmt == "html":
        return as_html(document, title=title)
    if fmt == "pdf":
        return as_pdf(document, title=title)
    raise ExportError(f"{fmt!r} is not a format: use json, html or pdf")


def filename(name: str, fmt: str) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in (name or "resume").lower()).strip("-")
    slug = "-".join(p for p in slug.split("-") if p)[:60] or "resume"
    return f"{slug}.{FORMATS[fmt][1]}"
