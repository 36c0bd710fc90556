"""The resume pages: profile, section editors, JSON editor, import, draft review, versions and
exports, with their empty states and query counts."""

from __future__ import annotations

import json
from typing import Any

from pmpath import __version__
from pmpath.matching.models import Resume, ResumeVersion
from pmpath.matching.resume.schema import checksum
from tests.jobs.factories import make_posting
from tests.matching.resume_factories import (
    full,
    make_resume,
    make_versions,
    pdf_of,
    priya_text,
    scanned_pdf,
)
from tests.perf import assert_constant_queries

RESUME = "/matching/resume/"


def _text(response: Any) -> str:
    return response.content.decode()


def test_a_new_user_sees_how_to_start(alice_client: Any) -> None:
    page = _text(alice_client.get(RESUME))
    assert "Start your resume" in page
    assert "Import what you have" in page
    assert "Add your name and headline" in page
    assert not Resume.objects.exists()  # reading the page creates nothing


def test_the_profile_shows_every_section_with_its_controls(alice_client: Any, alice: Any) -> None:
    make_resume(alice)
    page = _text(alice_client.get(RESUME))
    for text in ("Maya Okafor", "Senior Product Manager", "Quayside Pay",
                 "Raised authorisation rate from 92% to 95% in two quarters",
                 "University of Leeds", "Certified Scrum Product Owner", "French",
                 "Budget bot", "Also in your resume: 1 volunteer, 1 awards"):  # fmt: skip
        assert text in page
    assert f"{RESUME}work/1/" in page and f"{RESUME}work/1/delete/" in page


def test_the_resume_is_in_the_user_menu_and_on_the_jobs_page(alice_client: Any) -> None:
    assert f'href="{RESUME}"' in _text(alice_client.get("/"))
    assert f'href="{RESUME}"' in _text(alice_client.get("/jobs/"))


def test_adding_a_job_with_a_month_written_out_stores_a_schema_date(
    alice_client: Any, alice: Any
) -> None:
    response = alice_client.post(
        f"{RESUME}work/new/",
        {"position": "Product Manager", "name": "Tallybook", "startDate": "Jun 2017",
         "highlights": "• Launched invoicing\n\n- Interviewed 60 customers\n"},
    )  # fmt: skip
    assert response.status_code == 302
    resume = Resume.objects.get(user=alice)
    assert resume.data["work"] == [
        {"position": "Product Manager", "name": "Tallybook", "startDate": "2017-06",
         "highlights": ["Launched invoicing", "Interviewed 60 customers"]}
    ]  # fmt: skip
    assert resume.checksum == checksum(resume.data)


def test_a_bad_date_is_named_on_its_field(alice_client: Any, alice: Any) -> None:
    response = alice_client.post(f"{RESUME}work/new/", {"position": "PM", "startDate": "soonish"})
    assert response.status_code == 200
    assert "&#39;soonish&#39; is not a date like 2024, 2024-06 or 2024-06-29." in _text(response)
    assert not Resume.objects.filter(user=alice).exists()


def test_editing_an_item_keeps_its_other_fields(alice_client: Any, alice: Any) -> None:
    make_resume(alice)
    page = _text(alice_client.get(f"{RESUME}skills/0/"))
    assert "SQL, Amplitude" in page
    alice_client.post(f"{RESUME}skills/0/", {"name": "Analytics", "keywords": "SQL, Looker"})
    assert Resume.objects.get(user=alice).data["skills"][0] == {
        "name": "Analytics", "keywords": ["SQL", "Looker"]
    }  # fmt: skip


def test_moving_and_removing_items(alice_client: Any, alice: Any) -> None:
    make_resume(alice)
    alice_client.post(f"{RESUME}languages/1/move/", {"direction": "up"})
    assert [lang["language"] for lang in Resume.objects.get(user=alice).data["languages"]] == [
        "French", "English"
    ]  # fmt: skip
    alice_client.post(f"{RESUME}languages/0/delete/")
    assert [lang["language"] for lang in Resume.objects.get(user=alice).data["languages"]] == [
        "English"
    ]


def test_an_unknown_section_or_item_is_404(alice_client: Any, alice: Any) -> None:
    make_resume(alice)
    assert alice_client.get(f"{RESUME}hobbies/new/").status_code == 404
    assert alice_client.get(f"{RESUME}work/9/").status_code == 404


def test_the_basics_form_saves_contact_and_profiles(alice_client: Any, alice: Any) -> None:
    make_resume(alice)
    response = alice_client.post(
        f"{RESUME}basics/",
        {
            "name": "Maya O.",
            "label": "Lead PM",
            "email": "maya@example.test",
            "city": "Leeds",
            "countryCode": "gb",
            "profiles": "LinkedIn, https://www.linkedin.com/in/maya-o\nGitHub, mayao",
        },
    )
    assert response.status_code == 302
    basics = Resume.objects.get(user=alice).data["basics"]
    assert basics["name"] == "Maya O." and basics["location"]["countryCode"] == "GB"
    assert basics["location"]["city"] == "Leeds" and "region" not in basics["location"]
    assert basics["profiles"] == [
        {"network": "LinkedIn", "username": "maya-o", "url": "https://www.linkedin.com/in/maya-o"},
        {"network": "GitHub", "username": "mayao"},
    ]
    assert "summary" not in basics  # emptied in the form: removed


def test_the_json_editor_lists_every_schema_error_by_path(alice_client: Any, alice: Any) -> None:
    make_resume(alice)
    bad = full()
    bad["work"][0]["startDate"] = "2020-13-45"
    bad["education"][0]["courses"] = "Econometrics"
    response = alice_client.post(f"{RESUME}json/", {"document": json.dumps(bad)})
    page = _text(response)
    assert "2 problems against the JSON Resume schema" in page
    assert "<code>education[0].courses</code>" in page
    assert "<code>work[0].startDate</code>: &#39;2020-13-45&#39; is not a date" in page
    assert Resume.objects.get(user=alice).data == full()


def test_importing_an_invalid_json_resume_shows_each_path(alice_client: Any) -> None:
    bad = {"basics": {"name": None}, "work": [{"highlights": "x"}]}
    upload = _file("cv.json", json.dumps(bad).encode())
    page = _text(alice_client.post(f"{RESUME}import/", {"file": upload}))
    assert "cv.json is not valid JSON Resume (2 problems); nothing was imported." in page
    assert "<code>basics.name</code>: null should be text" in page
    assert "<code>work[0].highlights</code>" in page


def _file(name: str, data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_a_pdf_upload_leads_to_the_draft_review_then_the_resume(
    alice_client: Any, alice: Any
) -> None:
    response = alice_client.post(
        f"{RESUME}import/", {"file": _file("cv.pdf", pdf_of(priya_text()))}
    )
    assert response.status_code == 302 and response["Location"] == f"{RESUME}draft/"
    page = _text(alice_client.get(f"{RESUME}draft/"))
    assert "Review what was read from cv.pdf" in page
    assert "Ledgerline GmbH" in page and "Not placed" in page
    assert 'type="radio" name="mode"' not in page  # nothing to merge into yet
    response = alice_client.post(f"{RESUME}draft/", {"mode": "replace", "document": ""})
    assert response.status_code == 302
    assert Resume.objects.get(user=alice).data["basics"]["name"] == "Priya Raman"
    assert "Start your resume" not in _text(alice_client.get(RESUME))


def test_a_scanned_pdf_upload_says_no_text_was_found(alice_client: Any) -> None:
    page = _text(alice_client.post(f"{RESUME}import/", {"file": _file("scan.pdf", scanned_pdf())}))
    assert "scan.pdf: no text was found in this PDF" in page


def test_discarding_the_draft(alice_client: Any, alice: Any) -> None:
    alice_client.post(f"{RESUME}import/", {"file": _file("cv.txt", priya_text().encode())})
    assert "waiting for you" in _text(alice_client.get(RESUME))
    alice_client.post(f"{RESUME}draft/discard/")
    assert Resume.objects.get(user=alice).draft is None
    assert alice_client.get(f"{RESUME}draft/")["Location"] == f"{RESUME}import/"


def test_exports_download_in_three_formats(alice_client: Any, alice: Any) -> None:
    make_resume(alice)
    as_json = alice_client.get(f"{RESUME}export.json")
    assert json.loads(as_json.content) == full()
    assert 'filename="maya-okafor.json"' in as_json["Content-Disposition"]
    html = alice_client.get(f"{RESUME}export.html")
    assert b"<h1>Maya Okafor</h1>" in html.content and b"<script" not in html.content
    pdf = alice_client.get(f"{RESUME}export.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert alice_client.get(f"{RESUME}export.docx").status_code == 404


def test_an_empty_resume_is_not_exported(alice_client: Any) -> None:
    assert alice_client.get(f"{RESUME}export.pdf")["Location"] == RESUME


def test_a_version_is_created_for_a_posting_edited_and_deleted(
    alice_client: Any, alice: Any
) -> None:
    make_resume(alice)
    posting = make_posting(alice, title="Senior PM, Payments")
    form = _text(alice_client.get(f"{RESUME}versions/new/?posting={posting.pk}"))
    assert f'<option value="{posting.pk}" selected>Senior PM, Payments' in form
    response = alice_client.post(
        f"{RESUME}versions/new/", {"name": "Ledgerline", "posting": posting.pk, "notes": ""}
    )
    version = ResumeVersion.objects.get(user=alice)
    assert response["Location"] == f"{RESUME}versions/{version.pk}/edit/"
    assert version.data == full() and version.posting == posting
    trimmed = full()
    del trimmed["volunteer"]
    response = alice_client.post(
        f"{RESUME}versions/{version.pk}/edit/",
        {"name": "Ledgerline, payments", "posting": posting.pk, "notes": "short",
         "document": json.dumps(trimmed)},
    )  # fmt: skip
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.name == "Ledgerline, payments" and "volunteer" not in version.data
    assert Resume.objects.get(user=alice).data == full()  # the profile stays whole
    page = _text(alice_client.get(f"{RESUME}versions/{version.pk}/"))
    assert "Tailored for" in page and "Senior PM, Payments" in page
    assert f"pmpath {__version__}" in page  # the footer's version, not this one's name
    assert alice_client.get(f"{RESUME}versions/{version.pk}/export.pdf").content[:5] == b"%PDF-"
    alice_client.post(f"{RESUME}versions/{version.pk}/delete/")
    assert not ResumeVersion.objects.filter(user=alice).exists()


def test_an_invalid_version_document_is_refused_with_paths(alice_client: Any, alice: Any) -> None:
    make_resume(alice)
    make_versions(alice, 1)
    version = ResumeVersion.objects.get(user=alice)
    page = _text(
        alice_client.post(
            f"{RESUME}versions/{version.pk}/edit/",
            {"name": "V", "posting": "", "document": json.dumps({"skills": [{"name": 3}]})},
        )
    )
    assert "<code>skills[0].name</code>: 3 should be text" in page
    version.refresh_from_db()
    assert version.data == full()


def test_versions_need_a_resume_first(alice_client: Any) -> None:
    assert "Start your resume" in _text(alice_client.get(f"{RESUME}versions/"))
    assert "nothing to tailor yet" in _text(alice_client.get(f"{RESUME}versions/new/"))


def test_the_resume_page_s_queries_do_not_grow_with_versions(alice_client: Any, alice: Any) -> None:
    make_resume(alice)
    posting = make_posting(alice)
    grow = lambda n: make_versions(alice, n - ResumeVersion.objects.count(), posting)  # noqa: E731
    assert_constant_queries(alice_client, RESUME, grow, small=10, large=200)


def test_the_versions_page_s_queries_do_not_grow(alice_client: Any, alice: Any) -> None:
    make_resume(alice)
    posting = make_posting(alice)
    grow = lambda n: make_versions(alice, n - ResumeVersion.objects.count(), posting)  # noqa: E731
    assert_constant_queries(alice_client, f"{RESUME}versions/", grow, small=10, large=300)


def test_a_version_page_s_queries_do_not_grow_with_the_resume(
    alice_client: Any, alice: Any
) -> None:
    make_resume(alice)
    make_versions(alice, 1)
    version = ResumeVersion.objects.get(user=alice)

    def grow(n: int) -> None:
        data = full()
        data["work"] = [dict(data["work"][0], name=f"Company {i}") for i in range(n)]
        ResumeVersion.objects.filter(pk=version.pk).update(data=data)

    assert_constant_queries(alice_client, f"{RESUME}versions/{version.pk}/", grow)


def test_a_version_is_trimmed_and_reordered_without_touching_the_profile(
    alice_client: Any, alice: Any
) -> None:
    make_resume(alice)
    make_versions(alice, 1)
    version = ResumeVersion.objects.get(user=alice)
    base = f"{RESUME}versions/{version.pk}/"
    page = _text(alice_client.get(base))
    assert f'action="{base}work/1/delete/"' in page and "Leave out" in page
    alice_client.post(f"{base}work/1/move/", {"direction": "up"})
    response = alice_client.post(f"{base}volunteer/0/delete/")  # not a section the page shows
    assert response.status_code == 302
    alice_client.post(f"{base}languages/1/delete/")
    version.refresh_from_db()
    assert [w["name"] for w in version.data["work"]] == ["Stallholder", "Quayside Pay"]
    assert [lang["language"] for lang in version.data["languages"]] == ["English"]
    assert version.data["volunteer"] == full()["volunteer"]
    assert Resume.objects.get(user=alice).data == full()
