"""Watch a company's board from the Watchlist page, poll it (recorded answers), track a role
from the inbox; and import a whole board from the Import page."""

import httpx
import pytest

from pmpath.jobs.models import Application, Posting
from tests.conftest import make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in
from tests.jobs.boardfakes import (
    fixture_answer,
    greenhouse_jobs,
    greenhouse_url,
    json_answer,
    replay,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLES = (
    "Product Manager, Checkout",
    "Senior Product Manager, Growth",
    "Associate Product Manager",
    "Director of Product",
    "Software Engineer, Payments",
)


def test_watch_a_board_poll_it_and_track_a_role_from_the_inbox(page):
    nadia = make_user("nadia")
    onboard(nadia, target_level="pm", target_companies=["Acme", "Globex"])
    log_in(page, "nadia")
    page.goto("/jobs/")
    page.get_by_role("link", name="Watchlist", exact=True).click()
    page.get_by_label("Company").fill("Acme")
    page.locator("select[name=board_kind]").select_option("greenhouse")
    page.get_by_label("Board name").fill("acme")
    page.get_by_role("button", name="Watch", exact=True).click()
    page.get_by_text("Waiting for first check").wait_for()

    page.get_by_label("Company").fill("Globex")
    page.get_by_label("Board name").fill("globex")
    page.get_by_role("button", name="Watch", exact=True).click()
    page.get_by_text("Watching Globex").wait_for()

    answers = {
        greenhouse_url("acme"): json_answer(greenhouse_jobs(*TITLES)),
        greenhouse_url("globex"): httpx.Response(404),
    }
    with replay(answers):
        for company in ("Acme", "Globex"):
            row = page.locator("table.watches tr", has_text=company)
            row.get_by_role("button", name="Poll now").click()
            page.wait_for_load_state()
    inbox = page.locator("table.inbox")
    assert inbox.locator("tbody tr").count() == 3  # APM, PM and Senior PM; not Director
    assert page.get_by_text("3 new this week").is_visible()
    assert page.locator("tr.error-row", has_text="there is no such board").is_visible()
    screenshot(page, "jobs-watchlist")

    inbox.locator("tr", has_text="Product Manager, Checkout").get_by_role(
        "button", name="Track"
    ).click()
    page.get_by_role("heading", name="Timeline").wait_for()
    assert Application.objects.get(user=nadia).role_title == "Product Manager, Checkout"

    page.goto("/jobs/")
    assert page.get_by_text("2 new roles in your inbox").is_visible()
    assert page.get_by_text("Save postings from any site").is_visible()
    screenshot(page, "jobs-overview")
    assert page.js_errors == []


def test_import_a_whole_board_from_the_import_page(page):
    nadia = make_user("nadia")
    onboard(nadia)
    log_in(page, "nadia")
    page.goto("/jobs/import/")
    form = page.locator("form", has=page.get_by_role("button", name="Import every job"))
    form.locator("select[name=board_kind]").select_option("greenhouse")
    form.get_by_label("Board name").fill("northwindanalytics")
    url = "https://boards-api.greenhouse.io/v1/boards/northwindanalytics/jobs?content=true"
    with replay({url: fixture_answer("greenhouse.json")}):
        form.get_by_role("button", name="Import every job").click()
        page.get_by_text("Imported from greenhouse:northwindanalytics: 5 new").wait_for()
    assert Posting.objects.filter(user=nadia).count() == 5
    screenshot(page, "jobs-import")
    assert page.js_errors == []
