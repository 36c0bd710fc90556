"""Sanitising job descriptions, and turning them into readable plain text.

Descriptions come from other people's servers and end up inside our pages, so every bit of
HTML goes through nh3 with a short allowlist. The plain text is what search, matching and
people reading a CSV see, so it keeps paragraph breaks and list bullets.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

import nh3

from pmpath.jobs.importers.base import canonical_url, scrub

ALLOWED_TAGS = {
    "p", "br", "div", "hr", "ul", "ol", "li", "dl", "dt", "dd",
    "strong", "b", "em", "i", "u", "s", "sub", "sup", "small",
    "h2", "h3", "h4", "a", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
# These go with everything inside them: their content is code, styling or a foreign
# document, never part of the posting's text.
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "noscript", "template", "object", "embed",
    "svg", "math", "textarea", "select", "title", "frameset", "frame", "head",
}  # fmt: skip

# Postings are long but not this long; past it we are reading something else (or an attack).
MAX_HTML_CHARS = 1_000_000

# html5ever (inside nh3) takes quadratic time on deeply nested block containers: 100,000
# nested <div>s take 18 s. Real postings nest a dozen deep, so past MAX_DEPTH we sanitise
# the text alone rather than the markup.
MAX_DEPTH = 100
_CONTAINER = re.compile(
    r"<\s*(/?)\s*(?:div|ul|ol|dl|blockquote|section|article|aside|pre|nav|header|footer|main|"
    r"figure|fieldset|details|address|center|dir|menu|hgroup|dialog|summary|form)\b",
    re.IGNORECASE,
)
_REAL_TAG = re.compile(r"<[a-zA-Z!/]")
_ESCAPED_TAG = re.compile(r"&lt;\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s|&gt;|/)", re.IGNORECASE)
_HEADING = re.compile(r"<(/?)\s*h([1-6])\b", re.IGNORECASE)
_EMPTY_BLOCK = re.compile(r"<(p|div|li|h[2-4]|strong|b|em|i)>(?:\s|&nbsp;|\u00a0|<br>)*</\1>")
_MANY_BREAKS = re.compile(r"(?:<br>\s*){3,}")
_KNOWN_TAG = re.compile(
    r"</?(?:p|br|div|ul|ol|li|strong|b|em|i|h[1-6]|a|span|table|tr|td|blockquote)\b[^<>]{0,500}>",
    re.IGNORECASE,
)


def _cleaner_options(base_url: str) -> dict[str, Any]:
    return {
        "tags": ALLOWED_TAGS,
        "clean_content_tags": DROPPED_WITH_CONTENT,
        "attributes": ALLOWED_ATTRIBUTES,
        "url_schemes": {"http", "https", "mailto"},
        "link_rel": "nofollow noopener",
        "strip_comments": True,
        # A relative link means nothing once the text is on our site: resolve it against
        # the page it came from when we know it, otherwise drop it.
        "url_relative": ("rewrite_with_base", base_url) if base_url else "deny",
    }


@lru_cache(maxsize=16)
def _cleaner(base_url: str) -> nh3.Cleaner:
    return nh3.Cleaner(**_cleaner_options(base_url))


def looks_like_html(text: str) -> bool:
    return bool(_KNOWN_TAG.search(text))


def clean_html(raw: Any, base_url: str = "") -> tuple[str, str]:
    """(sanitised_html, plain_text) for a description. Accepts truncated HTML and HTML that
    was entity-escaped once (`&lt;p&gt;`, as Greenhouse sends it). Never raises."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    if not isinstance(raw, str) or not raw.strip():
        return "", ""
    raw = scrub(raw[:MAX_HTML_CHARS])
    if not _REAL_TAG.search(raw):
        # Escaped once (Greenhouse): unescape into markup. Plain text: keep its line and
        # paragraph breaks, which HTML would otherwise fold into one run of words.
        raw = html.unescape(raw) if _ESCAPED_TAG.search(raw) else text_to_html(html.unescape(raw))
    # Keep the outline: a posting's <h1> section titles become <h2>, <h5>/<h6> become <h4>.
    raw = _HEADING.sub(lambda m: f"<{m[1]}h{min(max(int(m[2]), 2), 4)}", raw)
    if _too_deep(raw):
        raw = text_to_html(html_to_text(raw))
    base = canonical_url(base_url)
    try:
        cleaned = _cleaner(base).clean(raw)
    except Exception:  # a base URL the sanitiser refuses: fall back to dropping relative links
        cleaned = _cleaner("").clean(raw)
    for _ in range(3):  # nested empty wrappers (<div><p></p></div>) need more than one pass
        cleaned = _EMPTY_BLOCK.sub("", cleaned)
    cleaned = _MANY_BREAKS.sub("<br><br>", cleaned).strip()
    text = html_to_text(cleaned)
    return (cleaned, text) if text else ("", "")


def _too_deep(markup: str) -> bool:
    depth = 0
    for match in _CONTAINER.finditer(markup):
        depth = max(depth - 1, 0) if match[1] else depth + 1
        if depth > MAX_DEPTH:
            return True
    return False


class _TextWriter(HTMLParser):
    """Plain text from (sanitised) HTML: blocks become paragraphs, list items bullets."""

    BLOCKS = {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre",
        "table", "dl", "hr", "section", "article", "header", "footer", "main",
    }  # fmt: skip
    LINES = {"tr", "dt", "dd", "caption", "li"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pending = 0  # newlines owed before the next text: 1 a line, 2 a paragraph
        self.lists: list[int] = []  # one counter per open list; -1 for bullets
        self.bullet = ""  # the marker owed to the next text of a fresh <li>
        self.hidden = 0  # inside <script>, <style>…: only met when reading unsanitised HTML

    def _break(self, level: int) -> None:
        if self.lists and level > 1:
            level = 1  # paragraphs inside a list item stay on their bullet's block
        if self.bullet:
            return  # <li><p>…: the item's own marker already starts the line
        self.pending = max(self.pending, level)

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in DROPPED_WITH_CONTENT:
            self.hidden += 1
        elif tag == "br":
            self.pending = max(self.pending, 1)
        elif tag in ("ul", "ol"):
            self._break(2)
            self.lists.append(0 if tag == "ol" else -1)
        elif tag == "li":
            self.pending = max(self.pending, 1)
            if self.lists and self.lists[-1] >= 0:
                self.lists[-1] += 1
                self.bullet = f"{self.lists[-1]}. "
            else:
                self.bullet = "- "
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag in self.BLOCKS:
            self._break(2)
        elif tag in self.LINES:
            self._break(1)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED_WITH_CONTENT:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.bullet = ""
            self._break(2)
        elif tag in self.BLOCKS:
            self._break(2)
        elif tag in self.LINES:
            self._break(1)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        text = re.sub(r"\s+", " ", data)
        if not text.strip():
            if self.parts and not self.pending:
                self.parts.append(" ")
            return
        if self.pending and self.parts:
            self.parts.append("\n" * self.pending)
        self.pending = 0
        if self.bullet:
            self.parts.append(self.bullet)
            self.bullet = ""
            text = text.lstrip()
        self.parts.append(text)


def tidy_text(text: str) -> str:
    """Plain text with spaces collapsed within lines, at most one blank line in a row, and
    no leading or trailing blank lines. Idempotent."""
    lines = [re.sub(r"[^\S\n]+", " ", line).strip() for line in scrub(text).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_text(markup: str) -> str:
    writer = _TextWriter()
    try:
        writer.feed(markup)
        writer.close()
        text = "".join(writer.parts)
    except Exception:  # the stdlib parser is forgiving, but never let text extraction fail
        text = html.unescape(re.sub(r"<[^>]*>", " ", markup))
    return tidy_text(text)


def text_to_html(text: str) -> str:
    """Safe HTML for plain text: blank lines make paragraphs, lines starting with "-", "*",
    "•" or "1." make a list, other line breaks stay line breaks."""
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", tidy_text(text)):
        # Consecutive lines of the same kind (bullet or not) form one block, in order.
        run: list[str] = []
        run_is_list = False
        for line in chunk.split("\n"):
            bullet = _BULLET.match(line)
            if run and bool(bullet) != run_is_list:
                blocks.append(_block(run, run_is_list))
                run = []
            run_is_list = bool(bullet)
            run.append(html.escape(bullet[1] if bullet else line, quote=False))
        if run:
            blocks.append(_block(run, run_is_list))
    return "".join(blocks)


_BULLET = re.compile(r"^(?:[-*\u2022\u00b7\u25aa\u2013]|\d{1,2}[.)])\s+(.*)$")


def _block(lines: list[str], is_list: bool) -> str:
    if is_list:
        return "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"
    return "<p>" + "<br>".join(lines) + "</p>"
