"""Text out of PDF, Word and text resumes, and the sections found in it (pure engines)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pmpath.matching.resume import extract, schema, sections
from pmpath.network.importers.base import ImportProblem
from tests.matching.resume_factories import (
    FIXTURES,
    docx_of,
    pdf_of,
    priya_text,
    scanned_pdf,
    zip_of,
)


def _detect(name: str, data: bytes) -> sections.Detected:
    _, lines = extract.text_lines(name, data)
    return sections.detect(lines)


def test_it_finds_every_section_of_a_plain_text_resume() -> None:
    found = _detect("priya.txt", priya_text().encode())
    doc = found.document
    assert found.sections == [
        "summary", "work", "projects", "education", "skills", "certificates", "languages"
    ]  # fmt: skip
    assert doc["basics"]["name"] == "Priya Raman"
    assert doc["basics"]["label"] == "Senior Product Manager"
    assert doc["basics"]["email"] == "priya.raman@example.com"
    assert doc["basics"]["location"] == {"city": "Berlin", "region": "Germany"}
    assert doc["basics"]["summary"].startswith("Product manager with eight years")
    assert [(w.get("position"), w.get("name"), w.get("startDate"), w.get("endDate"))
            for w in doc["work"]] == [
        ("Senior Product Manager", "Ledgerline GmbH", "2021-03", None),
        ("Product Manager", "Tallybook", "2017-06", "2021-02"),
        ("Business Analyst", "Northwind Consulting", "2015-09", "2017-05"),
    ]  # fmt: skip
    # A bullet wrapped onto a second line is one highlight.
    assert doc["work"][0]["highlights"][0] == (
        "Led the checkout redesign for 40,000 merchants, raising payment success from 91% to "
        "95% within two quarters."
    )
    assert [(e["institution"], e["studyType"], e["area"]) for e in doc["education"]] == [
        ("Technical University of Munich", "MSc", "Management and Technology"),
        ("University of Mumbai", "Bachelor of Engineering", "Computer Engineering"),
    ]
    assert doc["skills"][0] == {
        "name": "Product",
        "keywords": ["roadmapping", "PRDs", "A/B testing", "pricing", "user research"],
    }
    assert doc["skills"][1]["name"] == "Tools"
    assert doc["certificates"] == [
        {"name": "Certified Scrum Product Owner (CSPO)", "issuer": "Scrum Alliance",
         "date": "2019"}
    ]  # fmt: skip
    assert {"language": "Hindi", "fluency": "native"} in doc["languages"]
    assert found.unplaced == ["Bouldering, long-distance cycling"]
    assert schema.validate(doc) == []


def test_it_reads_a_pdf_resume_with_a_text_layer() -> None:
    doc = _detect("priya.pdf", pdf_of(priya_text())).document
    assert doc["basics"]["name"] == "Priya Raman"
    assert [w.get("name") for w in doc["work"]] == [
        "Ledgerline GmbH", "Tallybook", "Northwind Consulting"
    ]  # fmt: skip
    assert (
        "Ran 14 A/B tests on pricing pages with our analyst; two became the new default plans."
        in doc["work"][0]["highlights"]
    )
    assert len(doc["education"]) == 2
    assert schema.validate(doc) == []


def test_it_reads_a_word_resume_with_list_paragraphs_as_highlights() -> None:
    kind, lines = extract.text_lines("priya.docx", docx_of(priya_text()))
    assert kind == "docx"
    doc = sections.detect(lines).document
    assert doc["basics"]["name"] == "Priya Raman"
    assert len(doc["work"]) == 3
    assert doc["work"][1]["highlights"] == [
        "Launched invoicing for freelancers from discovery to general availability in 9 months.",
        "Interviewed 60 customers and built a jobs-to-be-done map that set the two-year roadmap.",
    ]
    assert schema.validate(doc) == []


def test_a_career_switcher_s_word_resume_with_other_conventions() -> None:
    # "Work history", dates under the names written "January 2021 to Present", "-" bullets
    # wrapped onto two lines, a one-line school, skills as bullets, a volunteer section.
    text = (FIXTURES / "resume_tomas.txt").read_text(encoding="utf-8")
    found = _detect("tomas.docx", docx_of(text))
    doc = found.document
    assert doc["basics"]["email"] == "tomas.ezeiza@example.org"
    assert doc["basics"]["profiles"][0]["url"] == "https://github.com/tezeiza"
    assert doc["basics"]["summary"].startswith("Backend engineer with six years")
    assert [(w["position"], w["name"], w.get("startDate"), w.get("endDate"))
            for w in doc["work"]] == [
        ("Senior Software Engineer", "Cartwheel Logistics", "2021-01", None),
        ("Software Engineer", "Brightpath Learning", "2018", "2020"),
    ]  # fmt: skip
    assert doc["work"][0]["location"] == "Austin, TX"
    assert doc["work"][0]["highlights"][0].endswith("cut missed pick-ups by 18%")
    assert doc["education"] == [
        {"studyType": "B.S.", "area": "Computer Science",
         "institution": "University of Texas at Austin", "endDate": "2018"}
    ]  # fmt: skip
    assert {"name": "User interviews"} in doc["skills"] and {"name": "Figma"} in doc["skills"]
    assert doc["certificates"] == [
        {"name": "Product Management Certificate", "issuer": "Product School", "date": "2023"}
    ]
    assert found.unplaced == ["Code Club mentor, 2019 - 2022"]
    assert schema.validate(doc) == []


def test_a_scanned_pdf_says_no_text_was_found() -> None:
    with pytest.raises(ImportProblem) as caught:
        extract.text_lines("scan.pdf", scanned_pdf())
    assert str(caught.value).startswith("scan.pdf: no text was found in this PDF")
    assert "scanned image" in str(caught.value)


def test_a_damaged_pdf_or_docx_gets_one_clear_message() -> None:
    with pytest.raises(ImportProblem, match=r"^cv\.pdf: this PDF is damaged"):
        extract.text_lines("cv.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50)
    with pytest.raises(ImportProblem, match=r"^cv\.docx: this Word file is damaged"):
        extract.text_lines("cv.docx", zip_of({"word/document.xml": "<not really/>"}))


def test_a_docx_zip_bomb_is_refused_before_it_is_opened() -> None:
    bomb = zip_of({"word/document.xml": b"<" + b" " * (210 * 1024 * 1024)})
    with pytest.raises(ImportProblem, match="would expand to"):
        extract.text_lines("big.docx", bomb)


def test_binary_that_is_not_a_resume_is_refused() -> None:
    with pytest.raises(ImportProblem, match="not a PDF, a Word .docx or a text file"):
        extract.text_lines("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(500))


def test_dates_in_every_common_form_become_schema_dates() -> None:
    assert sections.iso_date("Mar 2021") == "2021-03"
    assert sections.iso_date("September 2019") == "2019-09"
    assert sections.iso_date("03/2021") == "2021-03"
    assert sections.iso_date("2021-3") == "2021-03"
    assert sections.iso_date("2021") == "2021"
    assert sections.iso_date("13/2021") == "2021"
    assert sections.iso_date("soon") == ""


def test_dates_under_the_names_keep_each_school_whole() -> None:
    lines = [
        "EDUCATION",
        "Technical University of Munich",
        "MSc Management",
        "2013 - 2015",
        "University of Mumbai",
        "BSc Physics",
        "2009 - 2013",
    ]
    doc = sections.detect(lines).document
    assert [(e["institution"], e.get("studyType"), e.get("area"), e.get("endDate"))
            for e in doc["education"]] == [
        ("Technical University of Munich", "MSc", "Management", "2015"),
        ("University of Mumbai", "BSc", "Physics", "2013"),
    ]  # fmt: skip


def test_a_text_without_headings_keeps_the_contact_block_and_lists_the_rest() -> None:
    found = sections.detect(["Jo Bloggs", "jo@example.com", "I like building things people use."])
    assert found.document["basics"]["name"] == "Jo Bloggs"
    assert found.sections == []
    assert schema.validate(found.document) == []


_HEADINGS = st.sampled_from(["EXPERIENCE", "Education", "Skills:", "PROJECTS", "Summary",
                             "Languages", "Certifications", "Interests"])  # fmt: skip
_DATES = st.sampled_from(["Jan 2020 \u2013 Present", "2019 - 2021", "03/2018 to 06/2019", "2017",
                          "(May 2016 \u2013 Dec 2016)", "2020-13 - 2021"])  # fmt: skip
_WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=60,
)
_LINE = st.one_of(
    _HEADINGS,
    _WORDS,
    st.builds(lambda w, d: f"{w} {d}", _WORDS, _DATES),
    st.builds(lambda w: f"• {w}", _WORDS),
    st.builds(lambda a, b: f"{a}: {b}, {a}", _WORDS, _WORDS),
)


def _flat(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, max_size=40))
@example(["EXPERIENCE", "\u2022!", "A", ".", "2000"])  # found by CI: a continuation after a title
def test_the_detector_always_answers_a_valid_draft_made_only_of_the_resume_s_words(
    lines: list[str],
) -> None:
    cleaned = [extract._clean(line) for line in lines]
    found = sections.detect(cleaned)
    assert schema.validate(found.document) == []
    source = _flat(" ".join(line.removeprefix(extract.BULLET) for line in cleaned))
    for section in ("work", "projects", "education"):
        for item in found.document.get(section, []):
            for text in item.get("highlights", []):
                # Never invents experience: every word comes from the resume. (Not one
                # contiguous run: a bullet's continuation line may follow a line the detector
                # read as a job title, e.g. "•!", "A", ".".)
                assert set(_flat(text).split()) <= set(source.split())
            for key in ("summary", "description"):
                if key in item:
                    assert _flat(item[key]) in source
