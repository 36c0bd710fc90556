"""Reorder stages by drag-and-drop, see the funnel chart on the Jobs overview, and write part
of a company's research brief, in a real browser."""

import pytest

from pmpath.jobs.models import ResearchBrief, Stage
from pmpath.jobs.services import ensure_stages, move_application
from tests.conftest import make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in
from tests.jobs.factories import make_application

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def drag_handle(page, handle, target) -> None:
    """A real pointer drag in small steps, as SortableJS expects from a person."""
    start, end = handle.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    for step in range(1, 16):
        y = start["y"] + (end["y"] + 4 - start["y"]) * step / 15
        page.mouse.move(start["x"] + start["width"] / 2, y)
        page.wait_for_timeout(20)
    page.mouse.up()


def test_reorder_stages_see_the_funnel_and_research_a_company(page):
    omar = make_user("omar")
    onboard(omar)
    stages = {s.name: s for s in ensure_stages(omar)}
    for index in range(6):
        application = make_application(omar, role_title=f"PM {index}", company_name="Globex")
        for name in ("Applied", "Screening", "Interviewing")[: 1 + index % 3]:
            move_application(omar, application_id=application.pk, stage_id=stages[name].pk)
    log_in(page, "omar")

    page.goto("/jobs/stages/")
    rows = page.locator(".stage-list li.stage-row")
    screening = rows.filter(has=page.locator("input[value='Screening']"))
    with page.expect_response(lambda r: "/stages/reorder/" in r.url and r.status == 204):
        drag_handle(page, screening.locator(".drag-handle"), rows.nth(1))
    order = list(Stage.objects.filter(user=omar).order_by("order").values_list("name", flat=True))
    assert order[:3] == ["Saved", "Screening", "Applied"]
    screenshot(page, "jobs-stages")
    page.reload()
    assert rows.nth(1).locator("input[name=name]").input_value() == "Screening"

    # Without JavaScript's help: the arrow puts it back.
    page.get_by_role("button", name="Move Screening down").click()
    page.get_by_text("Pipeline stages").wait_for()
    order = list(Stage.objects.filter(user=omar).order_by("order").values_list("name", flat=True))
    assert order[:3] == ["Saved", "Applied", "Screening"]

    page.get_by_role("link", name="Overview", exact=True).click()
    chart = page.locator("[data-funnel-chart]")
    chart.wait_for(state="visible")
    assert chart.locator("canvas").bounding_box()["height"] > 100
    assert page.locator(".funnel-table").get_by_text("Interviewing").is_visible()
    screenshot(page, "jobs-overview-funnel")

    page.goto("/jobs/companies/")
    page.get_by_role("link", name="Globex").click()
    page.get_by_role("link", name="Start the brief").click()
    page.get_by_label("Competitors").fill("Initech; spreadsheets; doing nothing")
    page.get_by_label("Questions to ask them").fill("How is success measured in this role?")
    page.get_by_role("button", name="Save the brief").click()
    page.get_by_text("22% · 2 of 9 sections written").wait_for()
    screenshot(page, "jobs-research-brief")
    assert ResearchBrief.objects.get(user=omar).competitors.startswith("Initech")

    page.goto("/jobs/board/")
    assert page.locator(".app-card .brief").first.inner_text().strip() == "Research 22%"
    assert page.js_errors == []
