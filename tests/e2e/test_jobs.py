"""Import a posting from a saved job page, then move its application across two stages by
drag-and-drop on the board."""

from pathlib import Path

import pytest

from pmpath.jobs.models import Application, StageChange
from tests.conftest import PASSWORD, make_user, onboard
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

JOB_PAGE = Path(__file__).parent / "fixtures" / "job_page.html"


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Dashboard").wait_for()


def drag(page, card, column) -> None:
    """A real pointer drag, in small steps, as SortableJS expects from a person."""
    start = card.bounding_box()
    end = column.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + 12)
    page.mouse.down()
    for step in range(1, 16):
        x = start["x"] + (end["x"] + end["width"] / 2 - start["x"]) * step / 15
        y = start["y"] + (end["y"] + 30 - start["y"]) * step / 15
        page.mouse.move(x, y)
        page.wait_for_timeout(20)
    page.mouse.up()


def test_import_a_job_page_and_drag_its_application_across_the_board(page):
    nadia = make_user("nadia")
    onboard(nadia)
    log_in(page, "nadia")

    page.get_by_role("link", name="Jobs", exact=True).click()
    page.get_by_role("link", name="Import", exact=True).click()
    page.get_by_label("A saved job page").set_input_files(str(JOB_PAGE))
    page.get_by_role("button", name="Import file").click()
    page.get_by_role("heading", name="Senior Product Manager, Payments").wait_for()
    assert page.get_by_text("Northwind Traders").first.is_visible()
    assert page.get_by_text("Senior PM").first.is_visible()
    screenshot(page, "jobs-posting")

    page.get_by_role("button", name="Save to my pipeline").click()
    page.get_by_text("Timeline").wait_for()
    page.get_by_role("link", name="Board", exact=True).click()

    card = page.locator(".app-card", has_text="Senior Product Manager, Payments")
    for target in ("Applied", "Interviewing"):
        column = page.locator(".board-column", has=page.get_by_role("heading", name=target))
        with page.expect_response(lambda r: "/move/" in r.url and r.status == 204):
            drag(page, card, column.locator("ol.cards"))
        assert column.locator(".app-card", has_text="Payments").count() == 1
        assert column.locator("[data-count]").inner_text() == "1"
    screenshot(page, "jobs-board")

    application = Application.objects.get(user=nadia)
    assert application.stage.name == "Interviewing"
    moves = StageChange.objects.filter(application=application).values_list(
        "to_stage__name", flat=True
    )
    assert list(moves) == ["Saved", "Applied", "Interviewing"]

    page.reload()
    interviewing = page.locator(
        ".board-column", has=page.get_by_role("heading", name="Interviewing")
    )
    assert interviewing.locator(".app-card", has_text="Payments").count() == 1
    assert page.js_errors == []
