"""OPML 1.0 and 2.0: the subscription lists feed readers exchange. Pure (no Django).

Reading is bounded before parsing (size), refuses entity declarations (as feeds do) and
parses with lxml's network, DTD and entity resolution switched off. Nested outlines are
folders: an outline's folder names become the feed's tags, as most readers export them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import urlsplit

from lxml import etree

from pmpath.trends.parsing import FeedError, refuse_entities

MAX_BYTES = 2 * 1024 * 1024
MAX_FEEDS = 2000
MAX_DEPTH = 20
_TAG_CHARS = re.compile(r"[^a-z0-9]+")


class OpmlError(Exception):
    """The file cannot be read as OPML; the message names the file (and outline) and why."""


@dataclass
class Outline:
    url: str
    title: str = ""
    site_url: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass
class OpmlFeed:
    url: str
    title: str
    site_url: str
    tags: list[str]


def normalise_tag(text: str) -> str:
    """ "Product Strategy" -> "product-strategy"."""
    return _TAG_CHARS.sub("-", (text or "").strip().lower()).strip("-")[:40]


def _http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and len(url) <= 1000


def parse_opml(data: bytes, *, name: str = "the file") -> list[Outline]:
    """Every feed outline (one with an xmlUrl) in document order, deduplicated by address
    (the first keeps its place, later folders add their tags)."""
    if len(data) > MAX_BYTES:
        raise OpmlError(f"{name}: {len(data) // 1024} KB is over the {MAX_BYTES // 1024} KB limit")
    if not data.strip():
        raise OpmlError(f"{name}: the file is empty")
    try:
        refuse_entities(data)
    except FeedError as exc:
        raise OpmlError(f"{name}: {exc}") from None
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise OpmlError(f"{name}: not well-formed XML (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(root.tag, str) or etree.QName(root).localname.lower() != "opml":
        raise OpmlError(f"{name}: not an OPML file (its root element is not <opml>)")
    body = next((c for c in root if isinstance(c.tag, str) and c.tag.lower() == "body"), None)
    if body is None:
        raise OpmlError(f"{name}: the OPML file has no <body>")
    found: dict[str, Outline] = {}
    _walk(body, [], found, name, depth=0)
    return list(found.values())


def _walk(
    node: etree._Element, folders: list[str], found: dict[str, Outline], name: str, *, depth: int
) -> None:
    if depth > MAX_DEPTH:
        raise OpmlError(f"{name}: outlines nest more than {MAX_DEPTH} deep")
    for child in node:
        if not isinstance(child.tag, str) or child.tag.lower() != "outline":
            continue
        attrs = {k.lower(): (v or "").strip() for k, v in child.attrib.items()}
        title = attrs.get("title") or attrs.get("text") or ""
        url = attrs.get("xmlurl", "")
        if url:
            if not _http(url):
                line = f" (line {child.sourceline})" if child.sourceline else ""
                raise OpmlError(f"{name}{line}: the feed address {url[:200]!r} is not http(s)")
            site = attrs.get("htmlurl", "")
            # OPML 2.0 categories are comma-separated, each maybe a "/path/like/this".
            categories = [c.strip().split("/")[-1] for c in attrs.get("category", "").split(",")]
            tags = []
            for tag in (normalise_tag(t) for t in [*folders, *categories]):
                if tag and tag not in tags:
                    tags.append(tag)
            outline = found.get(url)
            if outline is None:
                if len(found) >= MAX_FEEDS:
                    raise OpmlError(f"{name}: more than {MAX_FEEDS} feeds; split the file")
                found[url] = Outline(
                    url=url, title=title[:300], site_url=site if _http(site) else "", tags=tags
                )
            else:
                outline.tags += [t for t in tags if t not in outline.tags]
        else:
            _walk(child, [*folders, title] if title else folders, found, name, depth=depth + 1)


def write_opml(feeds: list[OpmlFeed], *, title: str = "pmpath subscriptions") -> bytes:
    """OPML 2.0: feeds grouped in one folder per first tag (untagged ones at the top level);
    every tag is also kept in the outline's category attribute, so nothing is lost."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = etree.SubElement(root, "body")
    folders: dict[str, etree._Element] = {}
    for feed in feeds:
        parent = body
        if feed.tags:
            first = feed.tags[0]
            if first not in folders:
                folders[first] = etree.SubElement(body, "outline", text=first, title=first)
            parent = folders[first]
        attrs = {"type": "rss", "text": feed.title or feed.url, "xmlUrl": feed.url}
        if feed.title:
            attrs["title"] = feed.title
        if feed.site_url:
            attrs["htmlUrl"] = feed.site_url
        if len(feed.tags) > 1:
            attrs["category"] = ",".join(feed.tags)
        etree.SubElement(parent, "outline", attrs)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
