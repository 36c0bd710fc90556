"""Rate my skills against the ladder, back one rating with proof, see my readiness drawn as a
radar chart with its table, follow the learning plan it proposes and enrol in a resource; plan a
stretch experience and set this week's goals."""

import pytest

from pmpath.career.models import BehaviourRating, Enrolment, Evidence, Experience, WeeklyGoal
from tests.career.growth_factories import behaviours
from tests.conftest import make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_rate_skills_see_the_radar_follow_the_plan_and_enrol(page):
    maya = make_user("maya")
    onboard(maya, display_name="Maya Chen", background="engineering", target_level="pm")
    log_in(page, "maya")

    page.goto("/career/")
    page.get_by_role("navigation", name="Career").get_by_role("link", name="Assessment").click()
    page.get_by_role("button", name="Start my self-assessment").click()
    page.get_by_role("heading", name="Communication", exact=False).first.wait_for()

    # Every APM behaviour consistently, PM communication and strategy consistently, and the rest
    # of PM sometimes: each click saves through htmx.
    for b in behaviours("apm"):
        page.locator(f'input[name="b-{b}"][value="consistently"]').check()
    for b in behaviours("pm", "communication") + behaviours("pm", "strategic_thinking"):
        page.locator(f'input[name="b-{b}"][value="consistently"]').check()
    page.locator("#save-status").get_by_text("Saved").wait_for()
    page.wait_for_function(
        "() => !document.querySelector('#sheet').classList.contains('htmx-request')"
    )
    screenshot(page, "career-assessment")
    assert BehaviourRating.objects.filter(user=maya).count() == 24

    # Back one PM behaviour with a link.
    first_pm = behaviours("pm", "communication")[0]
    page.locator(f'a[href$="/behaviours/{first_pm}/"]').click()
    page.get_by_label("Or describe other proof").fill("Spec for the billing revamp")
    page.get_by_label("Link (optional)").fill("https://docs.example.test/billing-spec")
    page.get_by_role("button", name="Attach").click()
    page.get_by_text("Evidence attached").wait_for()
    assert Evidence.objects.filter(user=maya, label="Spec for the billing revamp").exists()
    screenshot(page, "career-proof")

    page.get_by_role("navigation", name="Career").get_by_role("link", name="Readiness").click()
    page.get_by_role("heading", name="Readiness for Product Manager").wait_for()
    # Ratings without proof are claims and count half: not enough to meet even the first level.
    big = page.locator(".headline-card .big").inner_text()
    assert big == "working towards Associate Product Manager"
    radar = page.locator("#radar-canvas")
    radar.wait_for(state="visible")
    drawn = page.evaluate(
        "() => !!(window.Chart && window.Chart.getChart(document.getElementById('radar-canvas')))"
    )
    assert drawn, "the radar chart was not drawn"
    assert page.locator(".readiness-table tbody tr").count() == 6
    assert page.locator(".history-table tbody tr").count() == 1
    assert "claim" in page.locator(".readiness-table").inner_text()
    screenshot(page, "career-readiness")
    assert not [e for e in page.js_errors if "favicon" not in e], page.js_errors

    # The learning plan proposes resources for the largest gaps; start one now.
    page.get_by_role("navigation", name="Career").get_by_role("link", name="Learning plan").click()
    page.get_by_role("heading", name="Proposed for your largest gaps").wait_for()
    page.get_by_role("button", name="Start now").first.click()
    page.locator("table.enrolments tbody tr").first.wait_for()
    assert Enrolment.objects.filter(user=maya, status="active").count() == 1

    # A stretch experience from her background, then this week's goals.
    page.get_by_role("navigation", name="Career").get_by_role("link", name="Experience").click()
    page.locator('form:has(input[value="eng-ab-test"]) button').click()
    page.get_by_label("Outcome").fill("Trial conversion up 4% in two weeks.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Your experience log").wait_for()
    entry = Experience.objects.get(user=maya)
    assert entry.stretch_key == "eng-ab-test" and entry.outcome.startswith("Trial")
    screenshot(page, "career-experience")
    page.goto("/career/backgrounds/design/")
    assert "grows technical knowledge" in page.locator("main").inner_text().lower()
    screenshot(page, "career-background")

    page.get_by_role("navigation", name="Career").get_by_role("link", name="Goals").click()
    page.get_by_label("Applications to send").fill("5")
    page.get_by_label("People to reach out to").fill("8")
    page.get_by_label("Practice answers").fill("3")
    page.get_by_label("Learning hours").fill("4")
    page.get_by_role("button", name="Save targets").click()
    page.get_by_text("This week's targets are set").wait_for()
    assert WeeklyGoal.objects.get(user=maya).outreach == 8
    screenshot(page, "career-goals")

    page.get_by_role("link", name="Dashboard").click()
    card = page.locator("article.goal-card")
    assert "Applications sent" in card.inner_text() and "/ 5" in card.inner_text()
    screenshot(page, "career-dashboard")
