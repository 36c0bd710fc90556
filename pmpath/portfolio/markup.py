"""Case-study sections are written in Markdown; this renders them for the pages, the exported
site, the PDF and the public link. Raw HTML is shown as text (markdown-it with html off), and
the result still passes an nh3 allowlist: no images, scripts, styles or event handlers, and links
only to http(s) and mailto addresses, so nothing in a section can make a request on its own."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "h3", "h4",
    "hr", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
# Section headings are h2 on every page; a "# heading" inside a section becomes h3 or h4.
_SHIFT = {"<h1>": "<h3>", "</h1>": "</h3>", "<h2>": "<h3>", "</h2>": "</h3>",
          "<h5>": "<h4>", "</h5>": "</h4>", "<h6>": "<h4>", "</h6>": "</h4>"}  # fmt: skip


def render(text: str) -> Markup:
    html = _MD.render(text or "")
    for old, new in _SHIFT.items():
        html = html.replace(old, new)
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return Markup(clean)  # sanitised by nh3 just above
