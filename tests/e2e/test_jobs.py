"""Import a posting from a saved job page, move its application across two stages by
drag-and-drop on the board, book an interview round on it and download the calendar."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from pmpath.jobs.models import Application, Interview, StageChange
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
    page.get_by_role("heading", name="Timeline").wait_for()
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

    # Book a round on the application's page, then take the calendar home as an .ics file.
    interviewing.locator("a.app-title", has_text="Payments").click()
    page.get_by_role("heading", name="Interviews", exact=True).wait_for()
    page.locator("details.add-interview > summary").click()
    form = page.locator("details.add-interview form")
    day = date.today() + timedelta(days=5)
    form.get_by_label("Round").select_option("product_sense")
    form.get_by_label("Date").fill(day.isoformat())
    form.get_by_label(re.compile(r"^Time\W*$")).fill("14:30")  # not "Time zone"
    form.get_by_label("Time zone").fill("America/New_York")
    form.get_by_label("Interviewers").fill("Dana Reyes, Head of Product, dana@northwind.example")
    form.get_by_label("Preparation notes").fill("Walk through the payments launch story.")
    form.get_by_role("button", name="Add interview").click()
    booked = page.locator(".interview-round", has_text="Product sense / design")
    booked.wait_for()
    assert "14:30" in booked.inner_text() and "America/New_York" in booked.inner_text()
    screenshot(page, "jobs-application-interviews")

    page.get_by_role("link", name="All upcoming interviews and the calendar").click()
    page.get_by_role("heading", name="Coming up").wait_for()
    screenshot(page, "jobs-interviews")
    with page.expect_download() as info:
        page.get_by_text("Download calendar (.ics)").click()
    download = info.value
    assert download.suggested_filename == "pmpath-interviews.ics"
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    (event,) = [e for e in calendar.walk("VEVENT") if "Product sense" in str(e["SUMMARY"])]
    assert str(event["SUMMARY"]) == (
        "Product sense interview \u2014 Northwind Traders, Senior Product Manager, Payments"
    )
    assert str(event["UID"]) == str(Interview.objects.get(application=application).uid)
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    start = event["DTSTART"].dt
    assert (start.date(), start.hour, start.minute) == (day, 14, 30)
    assert all(event.get(name) is not None for name in ("DTSTAMP", "ORGANIZER"))
    assert [str(a) for a in [event["ATTENDEE"]]] == ["mailto:dana@northwind.example"]
    assert page.js_errors == []
