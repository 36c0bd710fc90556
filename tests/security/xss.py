"""The XSS payload corpus and the check that a rendered page holds nothing executable.

Pages are parsed with html5lib, which follows the HTML5 parsing algorithm browsers use, so
what the check sees is what a browser would build (mutation tricks included)."""

from __future__ import annotations

from pathlib import Path

import html5lib

PAYLOADS = [
    line
    for line in (Path(__file__).parent / "xss_payloads.txt").read_text().splitlines()
    if line.strip() and not line.startswith("# ")
]
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style"}
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "poster", "background", "xlink:href",
    "srcdoc", "ping", "cite", "longdesc", "lowsrc", "dynsrc",
}  # fmt: skip
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:application", "data:image/svg")
OUR_SCRIPTS = "/static/"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _squash(value: str) -> str:
    # Browsers ignore ASCII whitespace and control characters inside a URL's scheme.
    return "".join(ch for ch in value if ord(ch) > 0x20).lower()


def executable_parts(html: str) -> list[str]:
    """What in this page could run script: empty when the page is safe."""
    found: list[str] = []
    tree = html5lib.parse(html, namespaceHTMLElements=True)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        attributes = {_local(k): v or "" for k, v in element.attrib.items()}
        if tag == "script":
            src = attributes.get("src", "")
            kind = attributes.get("type", "").lower()
            if kind == "application/json" and not src:
                continue  # a data block: never executed
            if not src.startswith(OUR_SCRIPTS) or (element.text or "").strip():
                found.append(f"<script src={src!r}>{(element.text or '')[:60]!r}")
        if tag in FORBIDDEN_TAGS:
            found.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in attributes:
            found.append(f"<meta http-equiv={attributes['http-equiv']!r}>")
        if tag == "link" and attributes.get("href", "").startswith(("http:", "https:", "//")):
            found.append(f"<link href={attributes['href']!r}>")
        for name, value in attributes.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}={value[:60]!r}>")
            if name in URL_ATTRIBUTES and _squash(value).startswith(BAD_SCHEMES):
                found.append(f"<{tag} {name}={value[:60]!r}>")
            if name == "style" and ("javascript:" in _squash(value) or "expression(" in value):
                found.append(f"<{tag} style={value[:60]!r}>")
    return found
