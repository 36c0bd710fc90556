"""Answers are written in Markdown; this renders them for display. Raw HTML in an answer is
shown as text (markdown-it with html off), and the result still passes the nh3 allowlist."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def render(text: str) -> Markup:
    html = _MD.render(text or "")
    return Markup(
        nh3.clean(html, tags=_TAGS, attributes={"a": {"href"}}, link_rel="nofollow noopener")
    )
