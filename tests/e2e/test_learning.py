"""Browse the resource catalogue by skill and level, add a resource of my own, follow the
learning plan's proposals, and record finishing a course with what I applied."""

import pytest

from pmpath.career.models import Enrolment, Resource
from tests.conftest import make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_filter_the_catalogue_add_my_own_and_finish_a_planned_course(page):
    sam = make_user("sam")
    onboard(sam, display_name="Sam", background="design", target_level="senior_pm")
    log_in(page, "sam")

    page.goto("/career/")
    page.get_by_role("navigation", name="Career").get_by_role("link", name="Resources").click()
    page.get_by_role("heading", name="Resources", exact=True).wait_for()
    page.get_by_label("Skill").select_option("strategic_thinking")
    page.get_by_label("Level").select_option("director")
    page.get_by_label("Kind").select_option("book")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Good Strategy Bad Strategy").wait_for()
    assert page.get_by_role("link", name="The Mom Test").count() == 0
    screenshot(page, "career-resources")

    # A resource of my own, then it shows among mine.
    page.get_by_role("link", name="Add a resource").click()
    screenshot(page, "career-resource-new")
    page.get_by_label("Name").fill("Our design ops playbook")
    page.get_by_label("Kind").select_option("article")
    page.get_by_label("Link").fill("https://wiki.example.test/design-ops")
    page.get_by_label("Cost").fill("0")
    page.get_by_label("Strategic thinking").check()
    page.get_by_label("Senior Product Manager").check()
    page.get_by_role("button", name="Add resource").click()
    page.get_by_role("heading", name="Our design ops playbook").wait_for()
    screenshot(page, "career-resource")
    assert Resource.objects.get(name="Our design ops playbook").owner == sam

    # The plan proposes resources for a designer's typical gaps; plan the first one.
    page.get_by_role("navigation", name="breadcrumb").get_by_role("link", name="Resources").click()
    page.get_by_role("navigation", name="Career").get_by_role("link", name="Learning plan").click()
    page.get_by_role("heading", name="Proposed for your largest gaps").wait_for()
    assert "Why: for your gap in strategic thinking at Senior Product Manager" in page.content()
    page.locator(".proposals li").first.get_by_role("button", name="Plan it").click()
    page.locator("table.enrolments tbody tr").first.wait_for()
    enrolment = Enrolment.objects.get(user=sam)
    assert enrolment.status == "planned"
    screenshot(page, "career-plan")

    # Finish it and note what I applied.
    page.locator("table.enrolments .status").first.click()
    page.get_by_label("Status").select_option("done")
    page.get_by_label("Certificate link").fill("https://certs.example.test/sam")
    page.get_by_label("What I applied from it").fill("Used its framing in our Q3 strategy review.")
    screenshot(page, "career-enrolment")
    page.get_by_role("button", name="Save progress").click()
    page.get_by_text("Progress on").wait_for()
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.progress) == ("done", 100)
    assert enrolment.completed_on is not None
    assert "Used its framing" in page.locator("table.enrolments").inner_text()
    screenshot(page, "career-plan-done")
    assert not [e for e in page.js_errors if "favicon" not in e], page.js_errors
