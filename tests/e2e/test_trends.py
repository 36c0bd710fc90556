"""Trends in the browser: a new reader follows a suggested publication with one click, reads
the river (read/unread through htmx), sees a failing feed's error, and turns an entry into a
talking point. Feeds are answered from recorded fixtures."""

import re

import httpx
import pytest
from playwright.sync_api import expect

from pmpath.trends import services
from tests.conftest import make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in
from tests.trends.fakes import feed_answer, replay

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_follow_a_suggestion_read_and_keep_a_talking_point(page):
    rosa = make_user("rosa")
    onboard(rosa)
    log_in(page, "rosa")
    page.get_by_role("link", name="Trends", exact=True).click()
    page.get_by_role("heading", name="Follow a few product publications").wait_for()
    screenshot(page, "trends-empty")

    first = services.starter_list()[0]
    card = page.locator(".suggestions li", has_text=first.name)
    with replay({first.url: feed_answer("rss2.xml")}):
        card.get_by_role("button", name=f"Follow {first.name}").click()
        page.get_by_text(f"Following {first.name}: 3 entries to read.").wait_for()
    river = page.locator("ol.river > li")
    assert river.count() == 3
    assert page.get_by_role("link", name="Unread (3)").is_visible()

    row = river.filter(has_text="Pricing pages that convert")
    row.get_by_role("button", name="Mark read").click()  # htmx swaps the row in place
    row.get_by_role("button", name="Mark unread").wait_for()
    # The row and the counts settle after htmx's swap: wait for them rather than read once.
    expect(row).to_have_class(re.compile(r"\bis-read\b"))
    expect(page.locator("#read-this-week")).to_have_text("1")
    expect(page.get_by_role("link", name="Unread (2)")).to_be_visible()
    screenshot(page, "trends-river")

    row.get_by_role("link", name="Pricing pages that convert").click()
    page.get_by_role("heading", name="Pricing pages that convert", level=1).wait_for()
    assert page.locator(".entry-body img").count() == 2
    page.get_by_role("button", name="Make it a talking point").click()
    page.get_by_text("Added to your talking points.").wait_for()
    page.get_by_role("link", name="Talking points").click()
    point = page.locator(".talking-points h2", has_text="Pricing pages that convert")
    assert point.is_visible()
    screenshot(page, "trends-talking-points")
    # The fixture's pictures live on example.test hosts, which do not resolve; htmx's own
    # indicator style is a site-wide matter (base.html), not this page's.
    errors = [
        e for e in page.js_errors if "ERR_NAME_NOT_RESOLVED" not in e and "inline style" not in e
    ]
    assert not errors, errors


def test_a_failing_feed_shows_its_error_on_the_feeds_page(page):
    tom = make_user("tom")
    onboard(tom)
    log_in(page, "tom")
    ok = "https://pmnotes.example.test/feed.xml"
    down = "https://habits.example.test/atom.xml"
    page.goto("/trends/feeds/")
    with replay({ok: feed_answer("rss2.xml"), down: feed_answer("atom.xml")}):
        for url in (ok, down):
            page.goto("/trends/feeds/")
            page.get_by_label("Feed or site address").fill(url)
            page.get_by_role("button", name="Follow", exact=True).click()
            page.get_by_text("entries to read").wait_for()
    page.goto("/trends/feeds/")
    with replay({down: httpx.Response(503)}):
        page.locator("table.feeds tr", has_text="Discovery Habits").get_by_role(
            "button", name="Fetch now"
        ).click()
        page.get_by_text("Discovery Habits: the server answered HTTP 503").first.wait_for()
    assert page.locator(
        "tr.error-row", has_text="Last error: the server answered HTTP 503"
    ).is_visible()
    assert page.locator(".feed-status.is-failing").count() == 1
    screenshot(page, "trends-feed-errors")
