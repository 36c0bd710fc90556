"""vCard 2.1, 3.0 and 4.0 in; 3.0 (or 4.0) out, folded and escaped by RFC 6350."""

from datetime import date
from pathlib import Path

import pytest

from pmpath.network.importers import vcard
from pmpath.network.importers.base import ImportProblem, ParsedContact

FIXTURES = Path(__file__).parent / "fixtures"


def cards():
    return vcard.parse_vcards((FIXTURES / "contacts.vcf").read_bytes(), "contacts.vcf")


def test_it_reads_names_company_title_phone_and_the_preferred_email():
    ada = cards().contacts[0]
    assert (ada.first_name, ada.last_name) == ("Ada", "Quill")
    assert ada.company == "Northwind Analytics"  # ORG's first component
    assert ada.role == "Senior Product Manager"
    assert ada.email == "ada.quill@example.com"  # PREF wins over the grouped work address
    assert ada.phone == "+44 7700 900123"


def test_it_finds_the_linkedin_address_in_url_or_x_socialprofile():
    ada, _jose, hiro, _kai = cards().contacts
    assert ada.linkedin_key == "in/ada-quill-4b1a2c"
    assert hiro.linkedin_key == "in/hiro-tanaka"


def test_folded_lines_and_escapes_are_undone_in_notes_and_categories():
    ada = cards().contacts[0]
    assert ada.notes == (
        "Met at the spring product meetup.\n"
        "Asked about discovery interviews; she offered to review my case study."
    )
    assert ada.tags == ["mentors", "fintech, payments"]


def test_quoted_printable_values_with_soft_line_breaks_are_decoded():
    jose = cards().contacts[1]
    assert (jose.first_name, jose.last_name) == ("José", "García")
    assert jose.notes == "A long note that wraps onto a second line."
    assert jose.phone == "+34 600 000 000"


def test_vcard_4_values_are_read():
    hiro = cards().contacts[2]
    assert hiro.email == "hiro@example.com"
    assert hiro.phone == "+81-90-0000-0000"  # the tel: URI scheme is dropped
    assert hiro.company == "Soylent Foods"


def test_problems_name_the_line_and_a_card_without_name_or_email_is_skipped():
    parsed = cards()
    assert [c.first_name for c in parsed.contacts] == ["Ada", "José", "Hiro", "Kai"]
    assert [(p.row, p.field, p.skipped) for p in parsed.problems] == [
        (32, "FN", True),
        (40, "", False),
        (39, "EMAIL", False),
    ]


def test_a_file_without_cards_says_so():
    with pytest.raises(ImportProblem, match="people.vcf: this is not a vCard file"):
        vcard.parse_vcards(b"First Name,Last Name\nAda,Quill\n", "people.vcf")


def test_a_card_without_end_is_reported_and_skipped():
    parsed = vcard.parse_vcards("BEGIN:VCARD\nFN:Ada Quill\n", "cut.vcf")
    assert parsed.contacts == []
    assert parsed.problems[0].message == "The last card has no END:VCARD line."


def test_the_writer_escapes_and_folds_at_75_octets_without_splitting_a_character():
    contact = ParsedContact(
        first_name="Zoë",
        last_name="Okoye; Jr",
        company="Acme, Inc.",
        notes="Line one\r\nLine two with a backslash \\ and " + "é" * 60,
        tags=["a,b", "c"],
        linkedin_url="https://www.linkedin.com/in/zoe-okoye",
        connected_on=date(2024, 5, 6),
    )
    text = vcard.write_vcards([contact])
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "N:Okoye\\; Jr;Zoë;;;" in lines
    assert "ORG:Acme\\, Inc." in lines
    assert "CATEGORIES:a\\,b,c" in lines
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and text.endswith("END:VCARD\r\n")
    back = vcard.parse_vcards(text).contacts[0]
    for name in ("first_name", "last_name", "company", "tags", "linkedin_url", "connected_on"):
        assert getattr(back, name) == getattr(contact, name)
    assert back.linkedin_key == "in/zoe-okoye"
    assert back.notes == contact.notes.replace("\r\n", "\n")


def test_the_writer_can_write_vcard_4():
    text = vcard.write_vcards(
        [ParsedContact(first_name="Ada", email="a@example.com")], version="4.0"
    )
    assert "VERSION:4.0\r\n" in text and "EMAIL:a@example.com\r\n" in text
    with pytest.raises(ValueError):
        vcard.write_vcards([], version="2.1")


def test_a_card_for_an_address_alone_keeps_the_address_out_of_the_name():
    text = vcard.write_vcards([ParsedContact(email="only@example.com")])
    [back] = vcard.parse_vcards(text).contacts
    assert (back.first_name, back.last_name, back.email) == ("", "", "only@example.com")
