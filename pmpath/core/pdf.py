"""HTML to PDF with WeasyPrint, for every export that makes one (the portfolio, the resume)."""

from __future__ import annotations

import logging
from typing import Any


class PDFUnavailable(RuntimeError):
    """WeasyPrint cannot run here (its Pango library is missing); the message says what to
    install."""


def write_pdf(html: str, *, base_url: str | None = None, url_fetcher: Any = None) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as exc:  # WeasyPrint loads Pango when imported
        raise PDFUnavailable(
            "the PDF needs the Pango library (Debian: apt-get install libpango-1.0-0 "
            f"libpangoft2-1.0-0): {exc}"
        ) from None
    # Shared stylesheets carry small-screen rules WeasyPrint does not understand (it knows
    # media types, not widths) and would warn about on every export.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=html, base_url=base_url, url_fetcher=url_fetcher)
    return document.write_pdf()  # type: ignore[no-any-return]
