"""Telling a binary file from text before a text importer reads it, so a ZIP, PDF or picture
renamed .html or .csv is refused by name instead of being read as Windows-1252 noise."""

from __future__ import annotations

MAGIC = [
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG picture"),
    (b"GIF8", "a GIF picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
]


def binary_kind(data: bytes) -> str:
    """What binary thing this is ("" for text). UTF-16 text (it has a BOM) counts as text."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ""
    return "a binary file" if b"\x00" in head else ""
