"""The XSS corpus through every place user text is rendered: plain fields (autoescaped), user
Markdown, feed HTML, imported job descriptions and the resume's HTML export. Nothing executable
may come out, and template syntax is shown as typed (no server-side template injection)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from pmpath.interview import markup as answer_markup
from pmpath.jobs.importers.html import clean_html
from pmpath.portfolio import markup as case_markup
from pmpath.trends.sanitize import sanitise
from tests.security.xss import PAYLOADS, executable_parts

ALL = "\n\n".join(PAYLOADS)
SSTI = "{{7*7}}"


def test_the_corpus_is_varied():
    assert len(PAYLOADS) >= 70
    assert SSTI in PAYLOADS


def test_the_check_finds_what_it_is_for():
    for dangerous in [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href=" JaVa\tScript:alert(1)">x</a>',
        '<iframe src="https://example.com"></iframe>',
        '<meta http-equiv="refresh" content="0">',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<form><button formaction="javascript:alert(1)">x</button></form>',
        "<base href='https://evil.example/'>",
        "<svg><animate onbegin=alert(1)>",
    ]:
        assert executable_parts(dangerous), dangerous
    assert not executable_parts('<script src="/static/pmpath/app.js" defer></script><p>hi</p>')


# The renderers, one payload at a time.
RENDERERS = {
    "case-study Markdown": lambda text: str(case_markup.render(text)),
    "interview-answer Markdown": lambda text: str(answer_markup.render(text)),
    "feed entry HTML": lambda text: sanitise(text, base_url="https://example.com/feed")[0],
    "job description HTML": lambda text: clean_html(text, "https://example.com/job")[0],
}


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_renderer_lets_a_payload_through(renderer, payload):
    html = RENDERERS[renderer](payload)
    assert not executable_parts(html), html
    # Inside a surrounding page too: nothing can close our element and escape it.
    assert not executable_parts(f"<div class='x'>{html}</div><p>after</p>")


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_no_renderer_lets_the_whole_corpus_through_at_once(renderer):
    assert not executable_parts(RENDERERS[renderer](ALL))


# Pages, with the payloads stored the way people store them.


def contact_page(client, user, text):
    from pmpath.network.models import Contact

    contact = Contact.objects.create(
        user=user,
        first_name=text[:100],
        last_name=text[:100],
        headline=text[:300],
        company_name=text[:200],
        notes=ALL + "\n" + text,
    )
    return [reverse("network:contact", args=[contact.pk]), reverse("network:contacts")]


def application_page(client, user, text):
    from pmpath.jobs.services import create_application

    application = create_application(
        user, role_title=text[:300], company_name=text[:200], notes=ALL + "\n" + text
    )
    return [
        reverse("jobs:application", args=[application.pk]),
        reverse("jobs:applications"),
        reverse("jobs:board"),
    ]


def case_study_page(client, user, text):
    from pmpath.portfolio.sections import SECTIONS
    from pmpath.portfolio.services import save_case_study

    sections = {section.key: ALL + "\n\n" + text for section in SECTIONS}
    case = save_case_study(user, title=text[:200] or "x", summary=text[:300], **sections)
    return [reverse("portfolio:case_study", args=[case.pk]), reverse("portfolio:index")]


def attempt_page(client, user, text):
    from pmpath.interview.models import Attempt, Question

    question = Question.objects.filter(owner=None).first()
    attempt = Attempt.objects.create(
        user=user,
        question=question,
        answer=ALL + "\n\n" + text,
        started_at=timezone.now(),
        submitted_at=timezone.now(),
    )
    return [reverse("interview:attempt", args=[attempt.pk])]


def feed_entry_page(client, user, text):
    from pmpath.trends.models import Entry, Feed

    count = Feed.objects.filter(user=user).count()
    feed = Feed.objects.create(user=user, url=f"https://example.com/{count}.xml", title=text[:300])
    html, plain = sanitise(ALL + "\n" + text, base_url=feed.url)
    entry = Entry.objects.create(
        user=user, feed=feed, guid="1", title=text[:500], summary_html=html, summary_text=plain
    )
    return [reverse("trends:entry", args=[entry.pk]), reverse("trends:index")]


def posting_page(client, user, text):
    from pmpath.jobs.imports import import_page_html

    page = (
        "<html><head><title>x</title><script type='application/ld+json'>"
        + _job_posting_json(text)
        + "</script></head><body></body></html>"
    )
    outcome = import_page_html(user, page, "https://example.com/job/1")
    return [reverse("jobs:posting", args=[outcome.postings[0].pk]), reverse("jobs:postings")]


def _job_posting_json(text: str) -> str:
    import json

    return json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": "Product Manager " + text[:100],
            "description": ALL + "<p>" + text + "</p>",
            "hiringOrganization": {"@type": "Organization", "name": "Acme " + text[:50]},
            "datePosted": "2026-11-01",
        }
    ).replace("</", "<\\/")


PAGES = {
    "contact": contact_page,
    "application": application_page,
    "case study": case_study_page,
    "interview answer": attempt_page,
    "feed entry": feed_entry_page,
    "imported posting": posting_page,
}


@pytest.mark.parametrize("where", sorted(PAGES))
def test_pages_showing_stored_payloads_hold_nothing_executable(alice, alice_client, where):
    lists: list[str] = []
    for number, payload in enumerate(PAYLOADS):
        detail, *lists = PAGES[where](alice_client, alice, f"{payload} #{number}")
        check(alice_client, detail, payload)
    for url in lists:  # every payload is on these by now
        check(alice_client, url, "all of them")


def check(client, url: str, payload: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    assert not executable_parts(page), (url, payload, executable_parts(page))


@pytest.mark.parametrize("where", sorted(PAGES))
def test_template_syntax_is_shown_as_typed(alice, alice_client, where):
    urls = PAGES[where](alice_client, alice, "Planning {{7*7}} and {% if 1 %}yes{% endif %}")
    page = alice_client.get(urls[0]).content.decode()
    assert "{{7*7}}" in page
    assert "{% if 1 %}yes{% endif %}" in page.replace("&#39;", "'")


def _resume(text: str, url: str) -> dict:
    return {
        "basics": {
            "name": text,
            "label": text,
            "email": "a@example.com",
            "url": url,
            "summary": text,
            "location": {"city": text, "region": text},
            "profiles": [{"network": text, "username": text, "url": url}],
        },
        "work": [
            {
                "name": text,
                "position": text,
                "url": url,
                "startDate": "2020-01",
                "summary": text,
                "highlights": [text],
            }
        ],
        "education": [{"institution": text, "area": text, "studyType": text, "url": url}],
        "skills": [{"name": text, "keywords": [text]}],
        "projects": [{"name": text, "description": text, "url": url, "highlights": [text]}],
    }


BAD_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_the_resume_html_export_holds_nothing_executable(url):
    from pmpath.matching.resume_export import as_html

    for payload in PAYLOADS:
        page = as_html(_resume(payload, url), title=payload).decode()
        # The export's one <style> is our own (the file is self-contained by design).
        found = [part for part in executable_parts(page) if part != "<style>"]
        assert not found, (payload, url, found)
