"""The hostile-file corpus: small files from corpus/, large ones built here on first use."""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"
MB = 2**20
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def _zip(entries: dict[str, bytes], *, level: int = 9) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@cache
def zip_bomb() -> bytes:
    """~300 KB that inflates to 300 MB of zeros (a 1,000:1 ratio), with LinkedIn's and Word's
    member names so each importer's own reader opens it."""
    small = bytes(16 * MB)
    return _zip(
        {
            "Connections.csv": bytes(256 * MB),
            "Profile.csv": small,
            "word/document.xml": small,
            "[Content_Types].xml": small,
        }
    )


@cache
def zip_many_entries() -> bytes:
    """50,000 empty members: cheap to send, slow to list."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for number in range(50_000):
            archive.writestr(f"f{number}.csv", b"")
    return out.getvalue()


@cache
def zip_traversal() -> bytes:
    header = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    return _zip(
        {
            "../../../../tmp/pmpath-traversal.csv": header,
            "/etc/pmpath-absolute.csv": header,
            "Connections.csv": header + b"Eve,Escape,,eve@example.test,Evil,PM,01 Jan 2024\n",
        }
    )


def _docx(document: bytes) -> bytes:
    types = (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Default Extension="xml" ContentType="application/xml"/><Override '
        b'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        b"</Relationships>"
    )
    return _zip({"[Content_Types].xml": types, "_rels/.rels": rels, "word/document.xml": document})


def _word_body(doctype: bytes, text: bytes) -> bytes:
    return (
        b'<?xml version="1.0"?>' + doctype + b'<w:document xmlns:w="http://schemas.openxmlformats'
        b'.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>' + text + b"</w:t></w:r></w:p>"
        b"</w:body></w:document>"
    )


@cache
def docx_laughs() -> bytes:
    laughs = (CORPUS / "billion_laughs.xml").read_bytes()
    doctype = laughs[laughs.index(b"<!DOCTYPE") : laughs.index(b"]>") + 2].replace(
        b"DOCTYPE lolz", b"DOCTYPE w:document"
    )
    return _docx(_word_body(doctype, b"&lol9;"))


@cache
def docx_xxe() -> bytes:
    doctype = b'<!DOCTYPE w:document [<!ENTITY s SYSTEM "file:///etc/passwd">]>'
    return _docx(_word_body(doctype, b"&s;"))


@cache
def csv_huge_field(size: int = 10 * MB) -> bytes:
    return b'name,kind,url\n"' + b"x" * size + b'",article,https://example.com/\n'


@cache
def nested_json(depth: int = 200_000) -> bytes:
    return b"[" * depth + b"]" * depth


@cache
def huge_line(size: int = 4 * MB) -> bytes:
    return b"a" * size


def files() -> dict[str, bytes]:
    """name → content; the name says what it is, not what it claims to be (the test names each
    upload with the extension the entry point expects)."""
    return {
        "zip bomb": zip_bomb(),
        "zip with 50,000 entries": zip_many_entries(),
        "zip with ../ traversal": zip_traversal(),
        "billion laughs XML": (CORPUS / "billion_laughs.xml").read_bytes(),
        "external entity XML (XXE)": (CORPUS / "xxe.xml").read_bytes(),
        "docx with billion laughs": docx_laughs(),
        "docx with XXE": docx_xxe(),
        "CSV with a 10 MB field": csv_huge_field(),
        "CSV with a 1 MB field": csv_huge_field(MB),
        "deeply nested JSON": nested_json(),
        "huge single line": huge_line(),
        "PNG with the wrong extension": PNG,
        "binary noise": bytes(range(256)) * 4096,
    }
