"""Interview practice in the browser: practise a question due today, submit it, read the
feedback, rate it and see it rescheduled out of today's queue; then the story bank, a mock
interview run back to back, and the prep page of an application."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from pmpath.interview import scheduling
from pmpath.interview.models import Attempt, ReviewCard
from pmpath.interview.practice import due_window
from tests.conftest import make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in
from tests.interview.practice_factories import (
    GOOD_ANSWER,
    early_today,
    make_attempt,
    make_question,
    make_story,
)
from tests.jobs.factories import make_application, make_interview

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_practise_a_due_question_rate_it_and_see_it_rescheduled(page):
    priya = make_user("priya")
    onboard(priya, target_level="pm")
    question = make_question(text="Design a product that helps commuters get to work on time.")
    now = timezone.now()
    earlier = scheduling.review(None, 3, now=now - timedelta(days=3))
    ReviewCard.objects.create(
        user=priya,
        question=question,
        state=earlier.state,
        due_at=early_today(),
        last_rating=3,
        reviews=1,
    )
    for days, score in [(20, 41), (13, 52), (6, 58)]:
        when = now - timedelta(days=days)
        make_attempt(priya, question, submitted_at=when, started_at=when, score=score, rating=3)
    log_in(page, "priya")

    page.goto("/interview/practice/?due=1")
    item = page.locator(".queue-item", has_text=question.text)
    assert "Review due today" in item.inner_text()
    screenshot(page, "interview-queue")
    item.get_by_role("link").click()
    page.get_by_role("heading", name=question.text).wait_for()
    # The countdown runs from the framework's 15 minutes (once practice.js has started it).
    page.wait_for_function(
        "document.querySelector('[data-timer-display]').textContent.includes(':')"
    )
    assert re.fullmatch(r"1[45]:\d\d", page.locator("[data-timer-display]").inner_text())

    page.get_by_label("Your answer").fill(GOOD_ANSWER)
    page.get_by_text("Draft saved at").wait_for(timeout=10_000)
    page.reload()
    assert "leave-now alert" in page.get_by_label("Your answer").input_value()
    screenshot(page, "interview-practice")

    page.get_by_role("button", name="Submit for feedback").click()
    page.get_by_role("heading", name="Feedback", exact=True).wait_for()
    assert page.locator(".steps-covered li.covered").count() >= 5
    attempt = Attempt.objects.get(user=priya, submitted_at__isnull=False, answer__contains="alert")
    assert attempt.score and attempt.score > 40
    page.locator("input[name=rubric_structure][value='4']").check()
    page.locator(".rating-choice", has_text="Good").click()
    screenshot(page, "interview-result")
    page.get_by_role("button", name="Rate and schedule").click()
    page.get_by_text("Rated Good: next practice").wait_for()

    card = ReviewCard.objects.get(user=priya, question=question)
    assert card.reviews == 2 and card.due_at >= due_window()
    page.goto("/interview/practice/?due=1")
    assert page.locator(".queue-item", has_text=question.text).count() == 0

    page.goto("/interview/")
    page.locator("[data-progress-chart]").wait_for()
    assert page.locator(".progress-table").is_visible()
    screenshot(page, "interview-overview")
    assert not page.js_errors


def test_the_story_grid_a_mock_run_back_to_back_and_the_prep_page(page):
    omar = make_user("omar")
    onboard(omar, target_level="pm")
    for category in ["product_sense", "execution", "behavioural", "motivation"]:
        make_question(
            text=f"A {category.replace('_', ' ')} question for Northwind?",
            category=category,
            company="Northwind",
        )
    make_story(omar)
    make_story(
        omar,
        title="Said no to the biggest customer",
        skills=["communication"],
        themes=["conflict"],
        action="We talked. We agreed.",
    )
    application = make_application(omar, company_name="Northwind", role_title="Product Manager")
    make_interview(omar, application, kind="hiring_manager")
    log_in(page, "omar")

    page.goto("/interview/stories/")
    page.get_by_role("heading", name="Coverage").wait_for()
    assert page.locator(".coverage tr.is-gap").count() >= 5
    screenshot(page, "interview-stories")
    page.get_by_role("link", name="Said no to the biggest customer").first.click()
    page.get_by_role("heading", name="Checks").wait_for()
    assert "The actions are all" in page.locator(".story-checks").inner_text()
    screenshot(page, "interview-story")

    page.goto(f"/interview/prep/{application.pk}/")
    page.get_by_label("Why this company?").fill("They serve small shops I used to work with.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Saved your prep notes.").wait_for()
    page.get_by_label("Add a story").select_option(label="Rescued the checkout redesign")
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_text("Added the story to this prep.").wait_for()
    screenshot(page, "interview-prep")

    page.get_by_role("button", name="Make a mock interview for this application").click()
    page.get_by_role("button", name="Make the mock").click()
    page.get_by_role("button", name="Start the mock").click()
    for number in range(1, 5):
        page.locator(".mock-progress li.current").wait_for()
        assert page.locator(".mock-progress li.done").count() == number - 1
        page.get_by_label("Your answer").fill(GOOD_ANSWER)
        page.locator("button[value=submit]").click()
    page.get_by_role("heading", name="Report").wait_for()
    assert page.locator(".mock-items tbody tr").count() == 4
    screenshot(page, "interview-mock-report")
    assert not page.js_errors
