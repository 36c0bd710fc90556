"""The demo candidate's dashboard shows what the coach noticed and the week's next actions;
following one leads to the page where it is done, and a finding can be snoozed in place."""

import re

import pytest

from pmpath.core.demo import load_demo
from pmpath.jobs.models import Application
from tests.conftest import make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_demo_candidates_coach_leads_to_the_right_pages(page):
    dana = make_user("dana")
    onboard(dana, display_name="Dana Reyes")
    load_demo(dana)
    figma = Application.objects.get(user=dana, company__name="Figma")
    shopify = Application.objects.get(user=dana, company__name="Shopify")
    log_in(page, "dana")

    findings = page.locator("section.findings-card")
    findings.get_by_text("No follow-up on Product Manager - Collaboration at Figma").wait_for()
    assert findings.get_by_text("Thank-you note not sent: Hiring manager").is_visible()
    assert findings.get_by_text("Applied cold to Figma, where you know 1 person").is_visible()
    assert findings.locator("article.finding").count() == 5
    next_actions = page.locator("ol.next-actions > li")
    assert next_actions.count() >= 3
    assert next_actions.first.inner_text().startswith("Prepare for Product sense / design")
    page.locator("[data-dashboard-chart=funnel] canvas").wait_for()  # Chart.js drew it
    screenshot(page, "coach-dashboard-demo")

    # The next action to prepare for Shopify leads to that application's prep page.
    next_actions.first.get_by_role("link").click()
    page.wait_for_url(re.compile(rf"/interview/prep/{shopify.pk}/$"))

    # The finding's one next step leads to the Figma application.
    page.goto("/")
    card = page.locator("article.finding", has_text="No follow-up on Product Manager")
    card.get_by_role("link", name="Go").click()
    page.wait_for_url(re.compile(rf"/jobs/applications/{figma.pk}/$"))

    # Snoozing in place (htmx) replaces the finding; it stays away on the next visit.
    page.goto("/")
    card = page.locator("article.finding", has_text="No follow-up on Product Manager")
    card.get_by_role("button", name="Snooze").click()
    page.get_by_text("Snoozed until").wait_for()
    page.reload()
    assert page.locator("article.finding", has_text="No follow-up on Product Manager").count() == 0
    page.goto("/coach/")
    page.get_by_text("Snoozed until").first.wait_for()
    screenshot(page, "coach-page-demo")
    assert page.js_errors == []


def test_a_brand_new_candidate_sees_what_each_card_will_show(page):
    erin = make_user("erin")
    onboard(erin, display_name="Erin Walsh")
    log_in(page, "erin")
    page.get_by_text("No applications yet.").wait_for()
    assert page.get_by_text("No practice yet.").is_visible()
    screenshot(page, "coach-dashboard-new")
    assert page.js_errors == []
