"""Reading feeds: RSS 0.9x/1.0/2.0 and Atom through feedparser, over bytes someone else
served us. The engine of the trends area; pure (no Django): bytes in, dataclasses out.

Before feedparser sees a document, `refuse_entities` turns away any document that declares
entities (the "billion laughs" and its relatives expand a few hundred bytes into gigabytes).
Well-formed feeds never need them: a DOCTYPE that only names an external DTD (old RSS 0.91
feeds do) is allowed, and feedparser never fetches it.

feedparser's own HTML sanitiser is switched off: entry HTML goes through sanitize.py (nh3),
the one place that decides what is safe to show."""

from __future__ import annotations

import calendar
import contextlib
import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from pmpath.jobs.importers.values import scrub
from pmpath.trends.sanitize import plain, sanitise

MAX_ENTRIES = 500  # per document; newest first when the feed says when
GUID_MAX = 1000
URL_MAX = 1000
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",  # found, but pmpath reads only XML feeds
    "application/xml",
    "text/xml",
)
_CDATA = re.compile(rb"<!\[CDATA\[.*?\]\]>", re.DOTALL)
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


class FeedError(Exception):
    """The document cannot be read as a feed; the message says why in one sentence."""


@dataclass
class ParsedEntry:
    guid: str
    url: str
    title: str
    author: str
    summary_html: str
    summary_text: str
    published_at: datetime | None


@dataclass
class ParsedFeed:
    title: str = ""
    site_url: str = ""
    entries: list[ParsedEntry] = field(default_factory=list)
    # Set when feedparser had to recover from ill-formed XML: what it read is kept, and this
    # says what was wrong.
    warning: str = ""


def _utf8(data: bytes, headers: dict[str, str]) -> bytes:
    """The document as feedparser will read it: the same encoding detection, to UTF-8."""
    from feedparser.encodings import convert_to_utf8

    try:
        converted = convert_to_utf8(dict(headers), data, {})
    except Exception:  # detection itself failed: look at the raw bytes
        return data
    return converted if isinstance(converted, bytes) else data


def refuse_entities(data: bytes, headers: dict[str, str] | None = None) -> None:
    """Raise FeedError when the document declares entities (in any encoding feedparser would
    read it in). Linear time: a regular-expression scan, no parsing."""
    candidates = [data, _utf8(data, headers or {})]
    if b"\x00" in data[:4]:
        # UTF-16/32 that feedparser could not decode shows "<!ENTITY" with zero bytes
        # between the letters.
        candidates.append(data.replace(b"\x00", b""))
    for text in candidates:
        if not _ENTITY.search(text):
            continue
        # "<!ENTITY" inside a CDATA section or a comment is text, not a declaration.
        stripped = _COMMENT.sub(b"", _CDATA.sub(b"", text))
        if _ENTITY.search(stripped):
            raise FeedError(
                "the document declares XML entities, which feeds never need and which can "
                "expand without bound (a 'billion laughs' attack), so it was not read"
            )


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:4096]))


def parse_feed(data: bytes, *, url: str = "", headers: dict[str, str] | None = None) -> ParsedFeed:
    """The feed's title, site and entries (sanitised). Raises FeedError when nothing usable
    can be read."""
    import feedparser

    headers = {k.lower(): v for k, v in (headers or {}).items()}
    if not data.strip():
        raise FeedError("the address answered with an empty document")
    refuse_entities(data, headers)
    if looks_like_html(data):
        raise FeedError("the address is a web page, not a feed")
    # Only the fetched headers that matter for decoding; never Content-Location (a
    # server could point relative links anywhere with it).
    response_headers = {"content-type": headers.get("content-type", "application/xml")}
    result = feedparser.parse(
        data,
        response_headers=response_headers,
        sanitize_html=False,
        resolve_relative_uris=True,
    )
    result["href"] = url
    return _read(result, url)


def _read(result: Any, url: str) -> ParsedFeed:
    meta = result.get("feed", {}) or {}
    raw_entries = result.get("entries", []) or []
    bozo = result.get("bozo") and result.get("bozo_exception")
    if not raw_entries and not meta.get("title"):
        if bozo:
            raise FeedError(f"the document is not a feed pmpath can read ({_bozo(bozo)})")
        raise FeedError("the document has no feed entries or title; is it a feed?")
    site = _http_url(urljoin(url, meta.get("link", "") or ""))
    parsed = ParsedFeed(title=plain(meta.get("title", ""))[:300], site_url=site)
    # Not every encoding hiccup is worth a warning: feedparser tells when a declared charset
    # was wrong and it fell back; the entries are fine.
    if bozo and type(bozo).__name__ not in ("CharacterEncodingOverride", "NonXMLContentType"):
        parsed.warning = f"the feed is not well-formed XML ({_bozo(bozo)}); shown as read"
    entries = [_entry(raw, site or url) for raw in raw_entries[: MAX_ENTRIES * 2]]
    entries.sort(key=lambda e: e.published_at or datetime.min.replace(tzinfo=UTC), reverse=True)
    seen: set[str] = set()
    for entry in entries:
        if entry.guid in seen:  # a feed repeating an id: keep the newest
            continue
        seen.add(entry.guid)
        parsed.entries.append(entry)
        if len(parsed.entries) >= MAX_ENTRIES:
            break
    return parsed


def _bozo(exc: Any) -> str:
    # expat's own prefix ("<unknown>:7:23: ") repeats the line we give in words.
    message = re.sub(r"^<unknown>:\d+:\d+:\s*", "", str(exc).strip()) or type(exc).__name__
    line = getattr(exc, "getLineNumber", None)
    if callable(line):
        with contextlib.suppress(Exception):
            message = f"line {line()}: {message}"
    return message[:200]


def _http_url(value: str) -> str:
    value = (value or "").strip()
    if _CONTROL_OR_SPACE.search(value):
        return ""
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc and len(value) <= URL_MAX:
        return value
    return ""


def _when(raw: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = raw.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _content(raw: Any) -> str:
    """The fullest HTML the entry has: its content, else its summary."""
    for item in raw.get("content", []) or []:
        value = item.get("value", "")
        if value and value.strip():
            return str(value)
    return str(raw.get("summary", "") or raw.get("description", "") or "")


def _entry(raw: Any, base: str) -> ParsedEntry:
    href = str(raw.get("link", "") or "").strip()
    link = _http_url(urljoin(base, href)) if href else ""
    title = plain(raw.get("title", ""))[:500]
    published = _when(raw)
    html, text = sanitise(_content(raw), base_url=link or base)
    guid = scrub(str(raw.get("id", "") or "")).strip() or link
    if not guid:
        stamp = published.isoformat() if published else ""
        guid = "sha1:" + hashlib.sha1(f"{title}\n{stamp}".encode()).hexdigest()
    if len(guid) > GUID_MAX:
        guid = "sha1:" + hashlib.sha1(guid.encode()).hexdigest()
    if not title:
        title = (text[:80] + "…") if len(text) > 80 else text or "(untitled)"
    return ParsedEntry(
        guid=guid,
        url=link,
        title=title,
        author=plain(raw.get("author", ""))[:300],
        summary_html=html,
        summary_text=text,
        published_at=published,
    )


# --- discovery ------------------------------------------------------------------------------


class _LinkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []  # (href, type, title)
        self.base = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and values.get("href") and not self.base:
            self.base = values["href"]
        if tag != "link":
            return
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in FEED_TYPES and values.get("href"):
            self.found.append((values["href"], kind, values.get("title", "")))


def discover(page: bytes, page_url: str) -> list[str]:
    """Feed addresses a web page advertises with <link rel="alternate">, RSS/Atom first,
    absolute, without duplicates."""
    finder = _LinkFinder()
    try:
        finder.feed(page[:1_000_000].decode("utf-8", "replace"))
        finder.close()
    except Exception:
        pass
    base = urljoin(page_url, finder.base) if finder.base else page_url
    order = {kind: i for i, kind in enumerate(FEED_TYPES)}
    found = sorted(finder.found, key=lambda f: order.get(f[1], 99))
    urls: list[str] = []
    for href, kind, _title in found:
        if kind == "application/feed+json":
            continue
        absolute = _http_url(urljoin(base, href.strip()))
        if absolute and absolute not in urls:
            urls.append(absolute)
    return urls
