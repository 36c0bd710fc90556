"""A new candidate starts from the empty resume page, uploads a PDF resume, reviews the draft,
confirms it, edits a job, tailors a version for a posting and downloads the PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pmpath.matching.models import Resume, ResumeVersion
from tests.conftest import make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in
from tests.jobs.factories import make_posting
from tests.matching.resume_factories import pdf_of, priya_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_import_review_confirm_edit_tailor_and_export(page: Any, tmp_path: Path) -> None:
    priya = make_user("priya")
    onboard(priya, display_name="Priya Raman")
    posting = make_posting(priya, title="Senior Product Manager, Payments")
    log_in(page, "priya")

    # The menu leads to an empty resume that says what to do.
    page.goto("/")
    page.locator("details.dropdown summary").click()
    page.get_by_role("link", name="Resume", exact=True).click()
    page.get_by_role("heading", name="Start your resume").wait_for()
    screenshot(page, "resume-empty")
    page.goto("/matching/resume/versions/")
    screenshot(page, "resume-versions-empty")

    # Upload a PDF: the draft is shown for review before anything is stored.
    page.goto("/matching/resume/import/")
    screenshot(page, "resume-import")
    cv = tmp_path / "priya-raman.pdf"
    cv.write_bytes(pdf_of(priya_text()))
    page.locator("#id_file").set_input_files(str(cv))
    page.get_by_role("button", name="Import").click()
    page.get_by_role("heading", name="Review what was read from priya-raman.pdf").wait_for()
    assert page.get_by_text("Ledgerline GmbH").first.is_visible()
    screenshot(page, "resume-draft-review")
    assert Resume.objects.get(user=priya).data == {}
    page.get_by_role("button", name="Confirm").click()
    page.get_by_text("Your resume is updated from the draft.").wait_for()
    screenshot(page, "resume-profile")

    # Edit the second job.
    page.locator("#work .resume-items > li").nth(1).get_by_role("button", name="Edit").click()
    page.get_by_label("Highlights").fill(
        "Launched invoicing for 8,000 freelancers\nRan pricing tests"
    )
    page.get_by_label("End").fill("Feb 2021")
    screenshot(page, "resume-edit-job")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Launched invoicing for 8,000 freelancers").wait_for()
    assert Resume.objects.get(user=priya).data["work"][1]["endDate"] == "2021-02"

    # Tailor a version for the posting, and download it as a PDF.
    page.goto(f"/matching/resume/versions/new/?posting={posting.pk}")
    page.get_by_label("Name").fill("Payments, senior")
    page.get_by_role("button", name="Create").click()
    page.get_by_role("heading", name="Edit Payments, senior").wait_for()
    screenshot(page, "resume-version-edit")
    page.get_by_role("button", name="Check and save").click()
    page.get_by_role("heading", name="Payments, senior").wait_for()
    screenshot(page, "resume-version")
    with page.expect_download() as download:
        page.get_by_role("button", name="PDF").click()
    saved = tmp_path / "version.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    assert ResumeVersion.objects.get(user=priya).posting_id == posting.pk
    page.goto("/matching/resume/versions/")
    page.get_by_role("link", name="Payments, senior").wait_for()
    screenshot(page, "resume-versions")

    # A broken JSON Resume lists every problem by its path, and changes nothing.
    bad = tmp_path / "broken.json"
    bad.write_text('{"basics": {"name": null}, "work": [{"startDate": "2020-13-45"}]}')
    page.goto("/matching/resume/import/")
    page.locator("#id_file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    page.get_by_text("broken.json is not valid JSON Resume (2 problems)").wait_for()
    assert page.locator(".schema-errors li").count() == 2
    screenshot(page, "resume-import-errors")
    assert Resume.objects.get(user=priya).data["basics"]["name"] == "Priya Raman"
    # Every page of the app (the dashboard too) currently reports one inline-style refusal
    # under the new content security policy; that is not this page's doing.
    ours = [e for e in page.js_errors if "Applying inline style violates" not in e]
    assert not ours, ours
