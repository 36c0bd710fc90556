"""The question bank in the browser: filter it, open a question with its framework beside it,
unfold the model points, and add a question of one's own with a suggested category."""

import pytest

from pmpath.interview.models import Question
from tests.conftest import make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_browse_the_bank_open_a_question_and_add_one_of_my_own(page):
    priya = make_user("priya")
    onboard(priya, target_level="pm")
    log_in(page, "priya")

    page.goto("/interview/questions/")
    page.get_by_label("Category").select_option("behavioural")
    page.get_by_label("Level").select_option("senior_pm")
    page.get_by_role("button", name="Filter").click()
    page.get_by_text("match these filters").wait_for()
    screenshot(page, "interview-question-bank")
    rows = page.locator("table.bank-table tbody tr")
    assert rows.count() == 50
    assert rows.first.locator("td").nth(1).inner_text() == "Behavioural"

    page.get_by_role(
        "link", name="Tell me about a time you disagreed with an engineering lead."
    ).click()
    page.get_by_role("heading", name="Follow-up probes").wait_for()
    details = page.locator("details.model-points")
    assert details.get_attribute("open") is None
    details.locator("summary").click()
    assert details.locator("li").first.is_visible()
    assert page.get_by_role("heading", name="Behavioural answers").is_visible()
    assert page.get_by_role("button", name="Practise this question").is_visible()
    screenshot(page, "interview-question")

    page.goto("/interview/questions/new/")
    page.get_by_label("Question").fill("How many coffee cups are sold in Lisbon every day?")
    page.locator("#category-hint").get_by_text("Estimation").wait_for()
    screenshot(page, "interview-question-new")
    page.get_by_role("button", name="Add the question").click()
    page.get_by_text("Added, as Estimation (suggested)").wait_for()
    assert Question.objects.get(owner=priya).category == "estimation"
    assert page.js_errors == []
