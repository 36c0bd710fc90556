"""Every area's main pages, signed in with the demo data, under the real content security
policy: no violation is reported, and what needs JavaScript still works (htmx swaps, the
drag-and-drop board, charts, Swagger UI)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pmpath.core.demo import load_demo
from pmpath.security.csp import DEFAULT
from tests.conftest import PASSWORD, make_user, onboard

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Recorded in the page before any of its own scripts run (Playwright init scripts are not
# subject to the page's policy).
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' '
                    + (e.sourceFile || '') + ':' + (e.lineNumber || ''));
});
"""

PAGES = [
    "core:home", "core:patterns", "coach:index",
    "jobs:index", "jobs:board", "jobs:applications", "jobs:postings", "jobs:import",
    "jobs:stages", "jobs:watchlist", "jobs:interviews", "jobs:companies",
    "network:index", "network:contacts", "network:events", "network:groups", "network:import",
    "network:templates",
    "interview:index", "interview:questions", "interview:stories", "interview:mocks",
    "interview:practice_pick",
    "portfolio:index",
    "career:overview", "career:readiness", "career:assessment", "career:experience",
    "career:goals", "career:resources", "career:plan", "career:onboarding",
    "matching:resume", "matching:resume_versions", "matching:best",
    "trends:index", "trends:feeds", "trends:talking_points",
    "accounts:settings", "accounts:shares", "accounts:password_change",
    "review:shared_with_me", "instance:overview", "instance:users",
    "admin:index", "admin:interview_question_changelist", "admin:career_resource_changelist",
]  # fmt: skip


def detail_pages(user) -> list[str]:
    from pmpath.jobs.models import Application, Posting
    from pmpath.network.models import Contact
    from pmpath.portfolio.models import CaseStudy

    urls = []
    for model, name in [
        (Application, "jobs:application"),
        (Posting, "jobs:posting"),
        (Contact, "network:contact"),
        (CaseStudy, "portfolio:case_study"),
    ]:
        first = model.objects.filter(user=user).order_by("pk").first()
        if first is not None:
            urls.append(reverse(name, args=[first.pk]))
    return urls


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Dashboard").wait_for()


def violations(page) -> list[str]:
    found = list(page.evaluate("window.__csp || []"))
    found += [e for e in page.js_errors if "Content Security Policy" in e]
    return found


def test_every_main_page_runs_under_the_policy_without_a_violation(page):
    nadia = make_user("nadia", is_staff=True, is_superuser=True)
    onboard(nadia)
    load_demo(nadia)
    page.add_init_script(LISTEN)
    log_in(page, "nadia")
    problems = {}
    for url in [reverse(name) for name in PAGES] + detail_pages(nadia):
        response = page.goto(url)
        assert response.status == 200, url
        assert response.headers["content-security-policy"] == DEFAULT, url
        page.wait_for_load_state("networkidle")
        found = violations(page)
        if found:
            problems[url] = found
        page.js_errors.clear()
    assert not problems


def test_htmx_swaps_the_board_drags_and_charts_draw_under_the_policy(page):
    nadia = make_user("nadia")
    onboard(nadia)
    load_demo(nadia)
    page.add_init_script(LISTEN)
    log_in(page, "nadia")

    # htmx: the jobs page loads its best-matches slot with hx-trigger="load".
    page.goto(reverse("jobs:index"))
    page.wait_for_load_state("networkidle")
    assert page.locator("#best-matches").count() == 0 or page.evaluate(
        "!!window.htmx && htmx.config.allowEval === false"
    )
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    assert page.locator("style").count() == 0  # htmx injected no <style>

    # The board: SortableJS is loaded and bound to the columns.
    page.goto(reverse("jobs:board"))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof Sortable") == "function"
    assert page.locator(".app-card").count() > 0

    # Charts: Chart.js drew into the dashboard's and the interview progress canvases.
    for name in ["core:home", "interview:index", "jobs:index"]:
        page.goto(reverse(name))
        page.wait_for_load_state("networkidle")
        canvases = page.locator("canvas")
        if canvases.count():
            drawn = page.evaluate(
                "Array.from(document.querySelectorAll('canvas'))"
                ".every(c => window.Chart && Chart.getChart(c))"
            )
            assert drawn, name
    assert not violations(page)


def test_the_api_docs_work_under_the_policy(page):
    page.add_init_script(LISTEN)
    page.goto("/api/v1/docs")
    # Swagger UI is a 1.4 MB script: give a busy machine time to run it. (A YAMLException here
    # means /api/v1/openapi.json has a duplicate key, which Swagger UI's parser refuses.)
    try:
        page.locator(".swagger-ui .info .title").wait_for(timeout=30_000)
    except Exception:
        pytest.fail(f"Swagger UI did not render: {page.js_errors}")
    page.get_by_text("/api/v1/me").first.wait_for()
    assert not violations(page)


def test_the_check_sees_a_violation_when_there_is_one(page):
    # The canary: an inline handler added to a page is blocked and reported, so the tests above
    # would fail if a template brought one in.
    page.add_init_script(LISTEN)
    page.goto("/accounts/login/")
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<img src=\\'/nope.png\\' "
        "onerror=\\'window.__ran = 1\\'>')"
    )
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in violations(page))
