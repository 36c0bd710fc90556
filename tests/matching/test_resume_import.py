"""Imports into the resume: JSON Resume, LinkedIn and PDF/DOCX/text drafts; atomic,
idempotent, bounded, and every bad input named."""

from __future__ import annotations

import json
import socket
from typing import Any

import pytest

from pmpath.matching import resume_services
from pmpath.matching.models import Resume
from pmpath.matching.resume.schema import checksum
from pmpath.matching.resume_services import ImportProblem, ResumeError
from tests.matching.resume_factories import (
    docx_of,
    full,
    linkedin_zip,
    make_resume,
    pdf_of,
    priya_text,
    scanned_pdf,
)


def _json(document: Any) -> bytes:
    return json.dumps(document).encode()


def test_a_valid_json_resume_is_imported_and_its_checksum_kept(alice: Any) -> None:
    result = resume_services.import_file(alice, filename="resume.json", data=_json(full()))
    resume = Resume.objects.get(user=alice)
    assert result.changed and result.kind == "json-resume"
    assert resume.data == full()
    assert resume.checksum == checksum(full())
    assert resume.source == "json-resume"
    assert result.headline == (
        "Imported resume.json (2 jobs, 1 project, 1 school, 2 skills, 1 certificate, 2 languages)."
    )


def test_importing_the_same_json_twice_changes_nothing(alice: Any) -> None:
    resume_services.import_file(alice, filename="resume.json", data=_json(full()))
    before = Resume.objects.get(user=alice).updated_at
    again = resume_services.import_file(alice, filename="resume.json", data=_json(full()))
    assert not again.changed
    assert Resume.objects.get(user=alice).updated_at == before
    assert "changed nothing" in again.headline


def test_an_invalid_json_resume_names_every_failing_path_and_stores_nothing(alice: Any) -> None:
    make_resume(alice, {"basics": {"name": "Kept"}})
    bad = full()
    bad["work"][0]["startDate"] = "last spring"
    bad["skills"][1]["keywords"] = "SQL, Figma"
    bad["basics"]["profiles"] = {"network": "LinkedIn"}
    with pytest.raises(ResumeError) as caught:
        resume_services.import_file(alice, filename="cv.json", data=_json(bad))
    assert caught.value.message.startswith("cv.json is not valid JSON Resume (3 problems)")
    assert [e.path for e in caught.value.errors] == [
        "basics.profiles", "skills[1].keywords", "work[0].startDate"
    ]  # fmt: skip
    assert Resume.objects.get(user=alice).data == {"basics": {"name": "Kept"}}


def test_broken_json_says_where(alice: Any) -> None:
    with pytest.raises(ImportProblem) as caught:
        resume_services.import_file(alice, filename="cv.json", data=b'{"basics": {"name": }')
    assert str(caught.value) == (
        "cv.json: this is not valid JSON (line 1, column 21: Expecting value)."
    )


def test_a_linkedin_export_is_merged_and_a_second_import_changes_nothing(alice: Any) -> None:
    job = {"name": "Ledgerline GmbH", "position": "Senior Product Manager", "startDate": "2021-03"}
    make_resume(alice, {"work": [{**job, "highlights": ["Written here"]}]})
    first = resume_services.import_file(alice, filename="export.zip", data=linkedin_zip())
    data = Resume.objects.get(user=alice).data
    assert first.changed and first.kind == "linkedin"
    assert len(data["work"]) == 2
    # The job both have keeps what was written here and adds LinkedIn's lines and values.
    assert data["work"][0]["highlights"] == [
        "Written here", "Raised payment success from 91% to 95%", "Ran 14 pricing experiments"
    ]  # fmt: skip
    assert data["work"][0]["summary"] == "Own checkout and payouts."
    stored = Resume.objects.get(user=alice)
    second = resume_services.import_file(alice, filename="export.zip", data=linkedin_zip())
    assert not second.changed
    assert Resume.objects.get(user=alice).checksum == stored.checksum


def test_a_pdf_becomes_a_draft_and_the_profile_waits_for_confirmation(alice: Any) -> None:
    make_resume(alice, {"basics": {"name": "Priya Raman"}})
    result = resume_services.import_file(alice, filename="cv.pdf", data=pdf_of(priya_text()))
    resume = Resume.objects.get(user=alice)
    assert result.draft and result.kind == "pdf"
    assert resume.data == {"basics": {"name": "Priya Raman"}}
    assert resume.draft_filename == "cv.pdf" and resume.draft_source == "pdf"
    assert len(resume.draft["document"]["work"]) == 3
    assert "Review the draft" in result.headline
    resume_services.confirm_draft(alice, mode="merge")
    resume = Resume.objects.get(user=alice)
    assert resume.draft is None
    assert len(resume.data["work"]) == 3
    assert resume.checksum == checksum(resume.data)
    assert resume.source == "pdf"


def test_confirming_with_replace_takes_the_candidate_s_corrected_draft(alice: Any) -> None:
    make_resume(alice)
    resume_services.import_file(alice, filename="cv.docx", data=docx_of(priya_text()))
    corrected = {"basics": {"name": "Priya R."}, "work": [{"name": "Ledgerline GmbH"}]}
    resume_services.confirm_draft(alice, mode="replace", document=corrected)
    assert Resume.objects.get(user=alice).data == corrected


def test_a_corrected_draft_that_breaks_the_schema_is_refused_and_kept(alice: Any) -> None:
    resume_services.import_file(alice, filename="cv.txt", data=priya_text().encode())
    with pytest.raises(ResumeError) as caught:
        resume_services.confirm_draft(
            alice, mode="replace", document={"work": [{"startDate": "soon"}]}
        )
    assert [e.path for e in caught.value.errors] == ["work[0].startDate"]
    resume = Resume.objects.get(user=alice)
    assert resume.draft is not None and resume.data == {}


def test_importing_the_same_text_twice_leaves_one_identical_draft(alice: Any) -> None:
    first = resume_services.import_file(alice, filename="cv.txt", data=priya_text().encode())
    second = resume_services.import_file(alice, filename="cv.txt", data=priya_text().encode())
    assert first.changed and not second.changed


def test_a_scanned_pdf_says_no_text_was_found_and_stores_nothing(alice: Any) -> None:
    with pytest.raises(ImportProblem, match=r"^scan\.pdf: no text was found in this PDF"):
        resume_services.import_file(alice, filename="scan.pdf", data=scanned_pdf())
    assert not Resume.objects.filter(user=alice).exists()


def test_an_upload_over_the_limit_is_refused_by_the_service(alice: Any) -> None:
    with pytest.raises(ImportProblem, match=r"^big\.pdf: the file is 11 MB; the limit is 10 MB"):
        resume_services.import_file(alice, filename="big.pdf", data=b"%PDF-" + bytes(11 << 20))


def test_a_50_mb_upload_is_refused_before_the_body_is_read(alice_client: Any) -> None:
    # The test client sends the whole body, so the answer alone shows the refusal; the live
    # server test below shows that the body is never read.
    response = alice_client.post(
        "/matching/resume/import/",
        data=b"x",
        content_type="multipart/form-data; boundary=xyz",
        headers={"Content-Length": str(50 * 1024 * 1024)},
    )
    assert response.status_code == 413
    assert "The upload is 50 MB; the limit is 10 MB. Nothing was read or stored." in (
        response.content.decode()
    )


def test_a_real_50_mb_request_is_answered_before_its_body_is_sent(
    live_server: Any, alice: Any
) -> None:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(alice)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    host, port = live_server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        head = (
            "POST /matching/resume/import/ HTTP/1.1\r\n"
            f"Host: {host}:{port}\r\n"
            f"Cookie: {settings.SESSION_COOKIE_NAME}={cookie}\r\n"
            "Content-Type: multipart/form-data; boundary=xyz\r\n"
            f"Content-Length: {50 * 1024 * 1024}\r\n\r\n"
        )
        conn.sendall(head.encode() + b"--xyz\r\n")  # a few bytes of the promised 50 MB
        answer = conn.recv(65536).decode("latin-1")
    assert answer.startswith("HTTP/1.1 413")
    assert not Resume.objects.filter(user=alice).exists()


def test_a_failed_import_leaves_the_stored_resume_as_it_was(alice: Any) -> None:
    make_resume(alice)
    before = Resume.objects.get(user=alice)
    with pytest.raises(ImportProblem):
        resume_services.import_file(alice, filename="export.zip", data=b"PK\x03\x04broken")
    after = Resume.objects.get(user=alice)
    assert (after.data, after.checksum, after.updated_at) == (
        before.data, before.checksum, before.updated_at
    )  # fmt: skip


def test_editing_an_item_keeps_the_checksum_in_step(alice: Any) -> None:
    make_resume(alice)
    resume_services.save_item(
        alice, section="work", index=0, values={"position": "Head of Product", "endDate": ""}
    )
    resume = Resume.objects.get(user=alice)
    assert resume.data["work"][0]["position"] == "Head of Product"
    assert resume.data["work"][0]["highlights"]  # what the form did not show is kept
    assert resume.checksum == checksum(resume.data)


def test_the_import_page_still_checks_the_csrf_token(alice: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    upload = SimpleUploadedFile("maya.json", _json(full()))
    assert client.post("/matching/resume/import/", {"file": upload}).status_code == 403
    assert not Resume.objects.filter(user=alice).exists()


def test_a_csv_that_is_not_linkedin_s_is_refused_not_read_as_a_resume(alice: Any) -> None:
    with pytest.raises(ImportProblem, match=r"^contacts\.csv: this is not a LinkedIn profile"):
        resume_services.import_file(alice, filename="contacts.csv", data=b"Name,Phone\nAda,1\n")
    assert not Resume.objects.filter(user=alice).exists()
