"""The bookmarklet, for real: made on the Jobs page, then clicked on a job page served from a
second origin (another port), it opens pmpath's window, hands it the page, and the posting is
saved with the bookmarklet's token."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pmpath.accounts.models import APIToken
from pmpath.jobs.models import Posting
from tests.conftest import make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIXTURES = Path(__file__).parent / "fixtures"


class QuietHandler(SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/favicon.ico":  # a quiet site, so the console shows only our errors
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def job_site():
    """The fixtures folder on http://127.0.0.1:<port>: another origin than pmpath's."""
    handler = functools.partial(QuietHandler, directory=str(FIXTURES))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def make_bookmarklet(page) -> str:
    page.goto("/jobs/")
    page.get_by_role("button", name="Make my bookmarklet").click()
    link = page.get_by_role("button", name="Save to pmpath")
    link.wait_for()
    screenshot(page, "jobs-bookmarklet")
    return link.get_attribute("href")


def click_bookmarklet(page, code: str):
    """What a click in the bookmarks bar does: run the javascript: address in the page, with
    a real user gesture (so the window may open)."""
    page.evaluate(
        """code => {
            const a = document.createElement("a");
            a.id = "pmpath-bookmark"; a.href = code; a.textContent = "Save to pmpath";
            document.body.prepend(a);
        }""",
        code,
    )
    with page.expect_popup() as opened:
        page.click("#pmpath-bookmark")
    return opened.value


def test_the_bookmarklet_saves_a_posting_from_another_site(page, live_server, job_site):
    nadia = make_user("nadia")
    onboard(nadia)
    log_in(page, "nadia")
    code = make_bookmarklet(page)
    assert code.startswith("javascript:") and live_server.url in code
    assert APIToken.objects.get(user=nadia).name == "bookmarklet"

    page.goto(f"{job_site}/job_page.html")
    assert page.evaluate("location.origin") != live_server.url
    window = click_bookmarklet(page, code)
    window.wait_for_selector('#bookmarklet-save[data-state="saved"]')
    assert window.locator("[data-status]").inner_text() == "Saved to pmpath"
    assert "1 new, 0 updated" in window.locator(".summary").inner_text()
    screenshot(window, "jobs-bookmarklet-saved")

    posting = Posting.objects.get(user=nadia)
    assert posting.title == "Senior Product Manager, Payments"
    assert posting.source_url.startswith(job_site)
    link = window.get_by_role("link", name="Senior Product Manager, Payments")
    assert link.get_attribute("href") == f"/jobs/postings/{posting.pk}/"
    assert page.js_errors == []


def test_a_revoked_bookmarklet_says_so_and_saves_nothing(page, live_server, job_site):
    nadia = make_user("nadia")
    onboard(nadia)
    log_in(page, "nadia")
    code = make_bookmarklet(page)
    APIToken.objects.filter(user=nadia).delete()

    page.goto(f"{job_site}/job_page.html")
    window = click_bookmarklet(page, code)
    window.wait_for_selector('#bookmarklet-save[data-state="error"]')
    assert "revoked" in window.locator("[data-status]").inner_text()
    assert not Posting.objects.filter(user=nadia).exists()
