"""Sanitising feed entries before they are stored.

Entries come from anyone's server and are shown inside our pages, so their HTML goes through
nh3 (html5ever underneath) with an allowlist, once, when the entry is stored: what is in the
database is already safe to show. The rules:

- tags: text structure, links, tables, figures and images; never script, style, iframe,
  object, embed, svg, math, form controls or anything else (those go *with their content*);
- attributes: href on links, src/alt/width/height on images, cell spans; no style, no class,
  no on* handler, no id;
- links: http, https and mailto only (javascript:, data:, vbscript: are dropped), relative
  links resolved against the entry's address, and every link gets rel="noopener noreferrer"
  (plus nofollow: the text is someone else's);
- images: kept only when served over https, where they load without mixed-content warnings,
  and never leak the reader's address to a plain-http host; any other image loses its src
  (an <img> without a source shows nothing) and gets referrerpolicy="no-referrer" and lazy
  loading, so reading an entry tells the image host nothing about the page it came from.

Pure: no Django."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import nh3

from pmpath.jobs.importers.html import html_to_text, text_to_html
from pmpath.jobs.importers.values import scrub

ALLOWED_TAGS = {
    "p", "br", "div", "span", "hr", "ul", "ol", "li", "dl", "dt", "dd",
    "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark", "abbr", "cite", "q",
    "h2", "h3", "h4", "h5", "h6", "a", "blockquote", "code", "pre", "kbd",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "figure", "figcaption", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
}
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "noscript", "template", "object", "embed", "applet",
    "svg", "math", "textarea", "select", "button", "title", "frameset", "frame", "head",
    "form", "audio", "video", "canvas",
}  # fmt: skip
MAX_HTML_CHARS = 200_000  # an entry's HTML past this is cut before sanitising
MAX_TEXT_CHARS = 20_000  # the plain-text copy kept for search
_REAL_TAG = re.compile(r"<[a-zA-Z!/]")
_HEADING_ONE = re.compile(r"<(/?)\s*h1\b", re.IGNORECASE)
# html5ever is quadratic on very deep nesting (see jobs/importers/html.py); feeds nest a
# dozen deep at most, so past this the entry is reduced to its text.
_OPENERS = re.compile(r"<(?:div|ul|ol|dl|blockquote|section|article|span|table)\b", re.I)
MAX_CONTAINERS = 5_000


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if urlsplit(value).scheme.lower() == "https" else None
    if attribute in ("width", "height"):
        return value if value.isdigit() and len(value) <= 4 else None
    return value


def _options(base_url: str) -> dict[str, Any]:
    return {
        "tags": ALLOWED_TAGS,
        "clean_content_tags": DROPPED_WITH_CONTENT,
        "attributes": ALLOWED_ATTRIBUTES,
        "attribute_filter": _keep_attribute,
        "url_schemes": {"http", "https", "mailto"},
        "link_rel": "noopener noreferrer nofollow",
        "set_tag_attribute_values": {
            "img": {"referrerpolicy": "no-referrer", "loading": "lazy"},
        },
        "strip_comments": True,
        "url_relative": ("rewrite_with_base", base_url) if base_url else "deny",
    }


@lru_cache(maxsize=32)
def _cleaner(base_url: str) -> nh3.Cleaner:
    return nh3.Cleaner(**_options(base_url))


def _base(url: str) -> str:
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return url
    return ""


def sanitise(raw: str, *, base_url: str = "") -> tuple[str, str]:
    """(safe_html, plain_text) for an entry's content. Plain text (no markup at all) becomes
    paragraphs. Never raises."""
    if not isinstance(raw, str) or not raw.strip():
        return "", ""
    raw = scrub(raw[:MAX_HTML_CHARS])  # control characters (NUL breaks PostgreSQL) go
    if not _REAL_TAG.search(raw):
        raw = text_to_html(html.unescape(raw))
    elif len(_OPENERS.findall(raw)) > MAX_CONTAINERS:
        raw = text_to_html(html_to_text(nh3.clean(raw, tags=set())))
    # The page already has its <h1>: an entry's own top headings become <h2>.
    raw = _HEADING_ONE.sub(lambda m: f"<{m[1]}h2", raw)
    try:
        cleaned = _cleaner(_base(base_url)).clean(raw)
    except Exception:  # a base address html5ever refuses: drop relative links instead
        cleaned = _cleaner("").clean(raw)
    text = html_to_text(cleaned)[:MAX_TEXT_CHARS]
    return cleaned.strip(), text


def plain(raw: str) -> str:
    """Text only (titles, authors): any markup removed, entities decoded, spaces folded."""
    if not raw:
        return ""
    raw = scrub(raw)
    if _REAL_TAG.search(raw) or "&" in raw:
        raw = html_to_text(nh3.clean(raw, tags=set()))
    return re.sub(r"\s+", " ", raw).strip()
