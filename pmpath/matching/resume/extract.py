"""Text out of a resume file (pure, no Django): PDF (pypdf), Word .docx (python-docx) or plain
text, one line per line of the resume, list items marked with "• ".

Bounded before parsing: the file's size, the PDF's page count, the .docx ZIP's entries and
declared size (the same checks as the LinkedIn export's), and the text kept. A PDF with no text
layer (a scan or a photo of a resume) is refused with a message that says so."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

from pmpath.network.importers.base import ImportProblem, decode
from pmpath.network.importers.linkedin import checked_zip, size

MAX_FILE_BYTES = 10 * 1024 * 1024  # a resume is a few hundred KB; images make it a few MB
MAX_PAGES = 30
MAX_TEXT_CHARS = 200_000
MIN_TEXT_CHARS = 20  # fewer letters than this: no text layer worth reading
BULLET = "• "
# Marks that only ever start a list item, and marks that do so only before a space.
_GLYPHS = ("•", "●", "▪", "■", "◦", "‣", "∙", "\uf0b7", "\uf0a7")
_SPACED = ("·", "\u2013", "-", "*", "o")


def kind_of(filename: str, data: bytes) -> str:
    """ "pdf", "docx" or "text", by content first and the name second."""
    if data[:5] == b"%PDF-":
        return "pdf"
    named = filename.lower().endswith(".docx")
    if data[:4] == b"PK\x03\x04" and (named or b"word/" in data[:4096]):
        return "docx"
    return "text"


def text_lines(filename: str, data: bytes) -> tuple[str, list[str]]:
    """(kind, lines) of a resume file; raises ImportProblem naming the file."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportProblem(
            filename, f"the file is {size(len(data))}; the limit is {size(MAX_FILE_BYTES)}."
        )
    kind = kind_of(filename, data)
    if kind == "pdf":
        lines = list(_pdf_lines(filename, data))
    elif kind == "docx":
        lines = list(_docx_lines(filename, data))
    else:
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ImportProblem(
                filename, "this is not a PDF, a Word .docx or a text file we can read."
            )
        lines = decode(data)[:MAX_TEXT_CHARS].splitlines()
    lines = [_clean(line) for line in lines]
    letters = sum(1 for line in lines for c in line if c.isalnum())
    if letters < MIN_TEXT_CHARS:
        if kind == "pdf":
            raise ImportProblem(
                filename,
                "no text was found in this PDF: it looks like a scanned image. Save the resume "
                "from your word processor as a PDF (or upload the .docx or a .txt) and try again.",
            )
        raise ImportProblem(filename, "no text was found in this file.")
    return kind, _trim_blank_runs(lines)


def _clean(line: str) -> str:
    text = " ".join(line.replace("\x00", "").replace("\u00a0", " ").split())
    if text[:1] in _GLYPHS and text[1:].strip():
        return BULLET + text[1:].lstrip()
    # "-2020" is a date and "once" a word: these marks start an item only before a space.
    if text[:2] in {m + " " for m in _SPACED} and text[2:].strip():
        return BULLET + text[2:].lstrip()
    return text


def _trim_blank_runs(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return out


def _pdf_lines(filename: str, data: bytes) -> Iterator[str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files warn on every object
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportProblem(filename, "the PDF is password-protected.")
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise ImportProblem(
                filename, f"the PDF has {len(pages)} pages; a resume has at most {MAX_PAGES}."
            )
        total = 0
        for page in pages:
            text = page.extract_text() or ""
            total += len(text)
            yield from text.splitlines()
            if total > MAX_TEXT_CHARS:
                return
    except ImportProblem:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError, IndexError,
            RecursionError, NotImplementedError):  # fmt: skip
        raise ImportProblem(filename, "this PDF is damaged and cannot be read.") from None


def _docx_lines(filename: str, data: bytes) -> Iterator[str]:
    from docx import Document
    from docx.table import Table

    checked_zip(data, filename)  # size, entries, declared size, names: before python-docx
    try:
        document = Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds for a broken package
        raise ImportProblem(filename, "this Word file is damaged and cannot be read.") from None
    for section in document.sections[:1]:
        for paragraph in section.header.paragraphs:
            yield paragraph.text
    seen: set[int] = set()
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell appears once per grid column
                        continue
                    seen.add(id(cell._tc))
                    for paragraph in cell.paragraphs:
                        yield _paragraph(paragraph)
        else:
            yield _paragraph(block)


def _paragraph(paragraph: Any) -> str:
    text = paragraph.text
    style = (getattr(paragraph.style, "name", "") or "").lower()
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if text.strip() and ("list" in style or numbered):
        return BULLET + text.strip()
    return text
