"""Import a LinkedIn export in the browser, see what was read and what was not, and find the
imported people among the contacts."""

import io
import zipfile
from pathlib import Path

import pytest

from pmpath.network.models import Contact
from tests.conftest import make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIXTURES = Path(__file__).parents[1] / "network" / "importers" / "fixtures"


def test_import_a_linkedin_export_and_see_the_report(page, tmp_path):
    sam = make_user("sam")
    onboard(sam)
    log_in(page, "sam")
    export = tmp_path / "Basic_LinkedInDataExport.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ("Connections.csv", "messages.csv", "Invitations.csv", "Profile.csv"):
            archive.writestr(name, (FIXTURES / name).read_bytes())
    export.write_bytes(buffer.getvalue())

    page.goto("/network/")
    page.get_by_role("navigation", name="Network").get_by_role("link", name="Import").click()
    page.get_by_text("No imports yet.").wait_for()
    screenshot(page, "network-import-empty")

    page.get_by_label("A LinkedIn export").set_input_files(str(export))
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_role("heading", name="Imported Basic_LinkedInDataExport.zip").wait_for()
    report = page.locator(".import-report")
    assert "Connections.csv" in report.inner_text()
    assert "The row has no name (a hidden or closed profile)." in report.inner_text()
    screenshot(page, "network-import-report")
    assert Contact.objects.filter(user=sam).count() == 7
    assert page.js_errors == []

    page.get_by_role("link", name="See your contacts").click()
    page.get_by_role("link", name="Ada Quill").wait_for()
