"""Entry HTML is sanitised before it is stored: hostile markup never survives."""

import re

from pmpath.trends.parsing import parse_feed
from pmpath.trends.sanitize import plain, sanitise
from tests.trends.fakes import fixture

DANGEROUS = re.compile(
    r"<script|<style|<iframe|<svg|<object|<embed|<form|<input|<math|<base|<meta|<body"
    r"|\son\w+\s*=|javascript:|vbscript:|data:|expression\(|style=",
    re.IGNORECASE,
)


def test_nothing_dangerous_survives_a_hostile_feed():
    feed = parse_feed(fixture("hostile.xml"), url="https://evil.example.test/rss")
    (entry,) = feed.entries
    assert not DANGEROUS.search(entry.summary_html), entry.summary_html
    assert "alert" not in entry.summary_html
    assert "<script" not in feed.title and "alert" not in feed.title
    assert "onerror" not in entry.title and "<" not in entry.title
    # the harmless parts are kept
    assert "Intro text." in entry.summary_text
    assert 'href="https://good.example.test/read"' in entry.summary_html
    assert "target" not in entry.summary_html


def test_links_get_noopener_noreferrer():
    html, _ = sanitise('<a href="https://a.example.test/x">x</a>')
    assert html == '<a href="https://a.example.test/x" rel="noopener noreferrer nofollow">x</a>'


def test_script_and_event_handlers_are_removed():
    html, text = sanitise('<p onclick="x()" onmouseover="y()">Hi<script>alert(1)</script></p>')
    assert html == "<p>Hi</p>"
    assert text == "Hi"


def test_javascript_and_data_urls_are_dropped():
    for href in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)",
                 "java&#x09;script:alert(1)", "data:text/html,<script>alert(1)</script>",
                 "vbscript:msgbox(1)"):  # fmt: skip
        html, _ = sanitise(f'<a href="{href}">x</a>')
        assert "href" not in html, (href, html)


def test_only_https_images_are_kept_and_they_leak_no_referrer():
    html, _ = sanitise(
        '<img src="https://cdn.example.test/a.png" alt="A">'
        '<img src="http://cdn.example.test/b.png">'
        '<img src="data:image/png;base64,AAAA">'
        '<img src="/relative.png">'
    )
    assert html.count("src=") == 1
    assert 'src="https://cdn.example.test/a.png"' in html
    assert 'referrerpolicy="no-referrer"' in html


def test_relative_links_resolve_against_the_entry():
    html, _ = sanitise('<a href="../b">b</a>', base_url="https://a.example.test/x/y")
    assert 'href="https://a.example.test/b"' in html


def test_svg_with_script_and_style_with_expression_are_gone():
    html, _ = sanitise(
        '<svg onload="alert(1)"><script>alert(2)</script></svg>'
        '<div style="width: expression(alert(3))">ok</div>'
        '<iframe src="https://evil.example.test/"></iframe>'
    )
    assert html == "<div>ok</div>"


def test_very_deep_nesting_is_reduced_to_text_quickly():
    html, text = sanitise("<div>" * 20_000 + "deep" + "</div>" * 20_000)
    assert text == "deep"
    assert "<div" not in html


def test_plain_strips_markup_and_decodes_entities():
    assert plain("  Caf&eacute; <b>bold</b>\n news ") == "Café bold news"
    assert plain("<script>alert(1)</script>Title") == "Title"


def test_control_characters_are_dropped():
    html, text = sanitise("<p>nul\x00 and bell\x07 here</p>")
    assert "\x00" not in html and "\x07" not in html and text == "nul and bell here"
    assert plain("Title\x00 with\x1b escape") == "Title with escape"
