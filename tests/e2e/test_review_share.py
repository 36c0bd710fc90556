"""Sharing a mock interview for review, in a real browser: alice creates an invitation link
from her mock's report and copies it; dave opens it, logs in, accepts, reads the read-only
report and leaves feedback; alice reads the feedback and revokes; dave then gets a 404."""

import re

import pytest
from playwright.sync_api import expect

from pmpath.accounts.models import Share
from tests.accounts.sharing import answered_mock
from tests.conftest import PASSWORD, make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_alice_shares_a_mock_dave_reviews_it_and_loses_access_when_she_revokes(
    page, browser, live_server
):
    alice = make_user("alice")
    onboard(alice, display_name="Alice Example")
    mock = answered_mock(alice)
    onboard(make_user("dave"))

    # alice: the report's "Share for review" dialog.
    log_in(page, "alice")
    page.goto(f"/interview/mocks/{mock.pk}/")
    page.get_by_text("Share for review").click()
    page.get_by_label("What would you like feedback on?").fill("Is my metric the right one?")
    page.get_by_label("Access lasts").select_option("30")
    screenshot(page, "review-share-dialog")
    page.get_by_role("button", name="Create invitation link").click()
    expect(page.get_by_text("Invitation link created")).to_be_visible()
    link_field = page.get_by_label("Invitation link")
    link = link_field.input_value()
    assert re.search(r"/review/invite/[\w-]{40,}/$", link)
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("button", name=re.compile("Copied|Selected"))).to_be_visible()
    screenshot(page, "review-share-link")

    # dave: a separate browser, not logged in, opens the link.
    other = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    dave = other.new_page()
    try:
        dave.goto(link)
        expect(
            dave.get_by_role("heading", name="Alice Example would like your feedback")
        ).to_be_visible()
        dave.locator("main").get_by_role("button", name="Log in").click()
        dave.get_by_label("Username").fill("dave")
        dave.locator("#id_password").fill(PASSWORD)
        dave.get_by_role("button", name="Log in").click()
        dave.get_by_role("button", name="Accept as dave").click()
        expect(dave.get_by_text("Shared by Alice Example for review")).to_be_visible()
        expect(dave.get_by_text("Is my metric the right one?")).to_be_visible()
        expect(dave.get_by_role("heading", name="Questions and answers")).to_be_visible()
        # Read-only: nothing to start, run, delete or rate.
        main = dave.locator("main")
        for word in ("Start the mock", "Delete", "Continue with question", "Share for review"):
            expect(main.get_by_text(word)).to_have_count(0)
        screenshot(dave, "review-reviewer-page")
        dave.get_by_label("Your feedback").fill("Open with the metric, then the users.")
        dave.get_by_role("button", name="Send feedback").click()
        expect(dave.get_by_text("Feedback saved")).to_be_visible()

        # alice reads the feedback on her report, then revokes.
        page.goto(f"/interview/mocks/{mock.pk}/")
        expect(page.get_by_text("Open with the metric, then the users.")).to_be_visible()
        expect(page.get_by_text("Can read it")).to_be_visible()
        page.get_by_role("button", name="Revoke").click()
        expect(page.get_by_text("Access ended for dave.")).to_be_visible()

        # dave: the same page is now a 404.
        response = dave.reload()
        assert response.status == 404
        assert Share.objects.get().revoked_at is not None
    finally:
        other.close()
    assert not page.js_errors
