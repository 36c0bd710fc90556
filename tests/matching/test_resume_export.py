"""Exports: JSON Resume that round-trips, a printable HTML page and a PDF."""

from __future__ import annotations

import io
import json
import time
from typing import Any

import pytest
from pypdf import PdfReader

from pmpath.matching import resume_export, resume_services
from pmpath.matching.models import Resume
from pmpath.matching.resume import schema
from tests.matching.resume_factories import full, make_resume


def test_import_then_export_gives_back_every_section_unchanged(alice: Any) -> None:
    original = json.dumps(full(), indent=2).encode()
    resume_services.import_file(alice, filename="maya.json", data=original)
    exported = resume_export.as_json(Resume.objects.get(user=alice).data)
    assert json.loads(exported) == full()
    assert schema.validate(json.loads(exported)) == []
    # and back in again: nothing changes
    again = resume_services.import_file(alice, filename="maya.json", data=exported)
    assert not again.changed
    assert set(full()) == set(schema.LIST_SECTIONS) | {"basics", "meta", "$schema"}


def test_extra_keys_the_schema_allows_survive_the_round_trip(alice: Any) -> None:
    document = full()
    document["work"][0]["x-team-size"] = 8
    document["basics"]["pronouns"] = "she/her"
    resume_services.import_file(alice, filename="a.json", data=json.dumps(document).encode())
    assert json.loads(resume_export.as_json(Resume.objects.get(user=alice).data)) == document


def test_the_html_resume_is_one_self_contained_page() -> None:
    page = resume_export.as_html(full()).decode()
    assert "<h1>Maya Okafor</h1>" in page
    assert "Raised authorisation rate from 92% to 95% in two quarters" in page
    assert "Apr 2021 \u2013 present" in page and "Jan 2018 \u2013 Mar 2021" in page
    assert "BSc, Economics" in page and "SQL, Amplitude" in page
    assert "<style>" in page
    for absent in ("<script", "<link", "<img", "src=", "@import", "url("):
        assert absent not in page, absent  # nothing to fetch: it opens from disk and prints


def test_the_pdf_holds_the_resume_s_text_and_fetches_nothing() -> None:
    started = time.perf_counter()
    data = resume_export.as_pdf(full())
    elapsed = time.perf_counter() - started
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Maya Okafor" in text
    assert "Quayside Pay" in text and "University of Leeds" in text
    assert elapsed < 5, f"the PDF took {elapsed:.1f}s"


def test_a_name_becomes_a_safe_file_name() -> None:
    assert resume_export.filename("Ledgerline / Senior PM!", "pdf") == "ledgerline-senior-pm.pdf"
    assert resume_export.filename("", "json") == "resume.json"


def test_a_stored_document_that_predates_validation_is_not_exported_as_valid(alice: Any) -> None:
    make_resume(alice, {"work": [{"startDate": "someday"}]})
    with pytest.raises(resume_export.ExportError, match=r"work\[0\]\.startDate"):
        resume_export.as_json(Resume.objects.get(user=alice).data)
