"""Every page template obeys the content security policy: no inline script, no event-handler
attribute, no javascript: address and no inline style. The browser test (tests/e2e/test_csp.py)
proves the same on rendered pages; this one covers templates the browser test does not open."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "pmpath"
# Not served as web pages under our policy: an e-mail body (mail clients need inline styles)
# and the resume download (one self-contained file, opened from disk or printed to PDF).
NOT_PAGES = {"coach/digest_email.html", "matching/resume_print.html"}

COMMENT = re.compile(r"\{#.*?#\}", re.S)  # Jinja comments are not sent to the browser
RULES = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "on* event attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I | re.S),
    "javascript: address": re.compile(r"javascript:", re.I),
    "inline style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I | re.S),
    "<style> element": re.compile(r"<style[\s>]", re.I),
    "hx-on (evaluated script)": re.compile(r"\b(?:data-)?hx-on", re.I),
    "hx-vars (evaluated script)": re.compile(r"\b(?:data-)?hx-vars", re.I),
}


def template_name(path: Path) -> str:
    parts = path.parts
    return "/".join(parts[parts.index("jinja2") + 1 :])


ALL = sorted(ROOT.glob("**/jinja2/**/*.html"))


def test_there_are_templates_to_check():
    assert len(ALL) > 100


@pytest.mark.parametrize("rule", sorted(RULES))
def test_no_template_breaks_the_policy(rule):
    offenders = []
    for path in ALL:
        if template_name(path) in NOT_PAGES:
            continue
        source = COMMENT.sub("", path.read_text())
        for match in RULES[rule].finditer(source):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)[:80]!r}")
    assert not offenders, f"{rule} in: " + "; ".join(offenders)


def test_the_rules_catch_what_they_are_for():
    bad = {
        "inline <script>": "<script>alert(1)</script>",
        "on* event attribute": '<img src="x" onerror="alert(1)">',
        "javascript: address": '<a href="javascript:alert(1)">',
        "inline style attribute": '<p class="a" style="color:red">',
        "<style> element": "<style>p{}</style>",
        "hx-on (evaluated script)": '<button hx-on:click="alert(1)">',
        "hx-vars (evaluated script)": '<div hx-vars="a:alert(1)">',
    }
    for rule, sample in bad.items():
        assert RULES[rule].search(sample), rule
    assert not RULES["inline <script>"].search('<script src="/static/a.js" defer></script>')
    assert not RULES["on* event attribute"].search('<a href="/x" data-confirm="Sure?">')
