"""Write a case study through the form, see the checks flag the guide's first mistake, fix it,
add an image, put it first by dragging, download the site and open it from disk in a browser
with the network cut off."""

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from pmpath.portfolio.models import CaseStudy
from tests.conftest import make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in
from tests.portfolio.factories import GOOD, make_case

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def drag_above(page, source, target) -> None:
    """A real pointer drag by the handle, in small steps, as SortableJS expects."""
    start = source.bounding_box()
    end = target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    steps = 12
    for i in range(1, steps + 1):
        y = start["y"] + (end["y"] + 4 - start["y"]) * i / steps
        page.mouse.move(end["x"] + end["width"] / 2, y)
    page.mouse.up()


def test_write_a_case_study_check_it_export_it_and_open_the_site_offline(page, browser, tmp_path):
    nadia = make_user("nadia")
    onboard(nadia, display_name="Nadia Park", headline="Engineer moving into product")
    make_case(nadia, title="An older case study")
    log_in(page, "nadia")

    # Write a first draft that talks only about the feature.
    page.goto("/portfolio/")
    page.get_by_role("link", name="Write a case study").first.click()
    page.get_by_label("Title").fill("Helping first-time sellers publish in a day")
    page.locator("#id_problem").fill("We built a new onboarding wizard with three screens.")
    page.locator("#id_outcomes").fill("Shipped on time.")
    screenshot(page, "portfolio-edit-form")
    page.get_by_role("button", name="Save and check").click()
    checks = page.locator("#checks")
    checks.get_by_text("Features without the problem, the customer and the outcome").wait_for()
    assert checks.get_by_text("The outcome never mentions the customer").is_visible()
    screenshot(page, "portfolio-case-study-with-checks")

    # Follow the fix: write every section of the lifecycle.
    page.locator(".case-title").get_by_role("button", name="Edit").click()
    for key, text in GOOD.items():
        if key not in ("title", "summary", "company", "period"):
            page.locator(f"#id_{key}").fill(text)
    page.get_by_label("One-line summary").fill(GOOD["summary"])
    page.get_by_label("Customer focus").check()
    page.get_by_role("button", name="Save and check").click()
    page.get_by_text("No findings. Ask a PM to read it before you share it.").wait_for()

    # An image, which the exported site must carry along.
    image = tmp_path / "funnel.png"
    Image.new("RGB", (480, 300), (59, 91, 219)).save(image)
    page.locator("#id_image").set_input_files(str(image))
    page.locator("#id_alt").fill("Funnel chart: publishing rose from 59% to 68%")
    page.locator("#id_caption").fill("Publishing within a week, before and after")
    page.get_by_role("button", name="Upload").click()
    page.get_by_text("Image added.").wait_for()
    assert page.locator(".image-list img").evaluate("img => img.naturalWidth") == 480
    screenshot(page, "portfolio-case-study-ready")

    # Put it first on the index by dragging it above the older one.
    page.goto("/portfolio/")
    page.locator(".case-rows.sortable").wait_for()
    rows = page.locator(".case-rows li.case-row")
    drag_above(page, rows.nth(1).locator(".drag-handle"), rows.nth(0))
    page.locator(".case-rows[data-saved=true]").wait_for()
    assert list(CaseStudy.objects.filter(user=nadia).values_list("title", flat=True)) == [
        "Helping first-time sellers publish in a day",
        "An older case study",
    ]
    page.reload()
    screenshot(page, "portfolio-index")

    # Download the site and unzip it.
    with page.expect_download() as info:
        page.get_by_role("button", name="Download site (.zip)").click()
    site = tmp_path / "site"
    zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes())).extractall(site)
    assert (site / "index.html").exists() and (site / "style.css").exists()

    # Open it from disk with no network: every request must stay on file://.
    offline = browser.new_context(offline=True, viewport={"width": 1100, "height": 900})
    requests: list[str] = []
    tab = offline.new_page()
    tab.on("request", lambda request: requests.append(request.url))
    tab.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith("file://") else route.abort()
        ),
    )
    try:
        tab.goto((site / "index.html").as_uri())
        assert tab.get_by_role(
            "link", name="Helping first-time sellers publish in a day"
        ).is_visible()
        assert tab.get_by_text("Nadia Park").first.is_visible()
        # The stylesheet applied: the site's own font stack, not the browser's default serif.
        assert "system-ui" in tab.evaluate("getComputedStyle(document.body).fontFamily")
        screenshot(tab, "portfolio-exported-site-index")
        tab.get_by_role("link", name="Helping first-time sellers publish in a day").click()
        tab.get_by_text("Sellers publishing within 7 days rose from 59% to 68%").wait_for()
        figure = tab.locator("figure img")
        figure.scroll_into_view_if_needed()
        assert figure.evaluate("img => img.complete && img.naturalWidth") == 480
        screenshot(tab, "portfolio-exported-site-case-study")
        tab.get_by_role("link", name="← All case studies").click()
        tab.get_by_role("heading", name="Product portfolio").wait_for()
    finally:
        offline.close()
    assert requests and all(url.startswith("file://") for url in requests), requests
