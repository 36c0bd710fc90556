"""Contacts CSV: ours, a European Excel sheet, Google Contacts; the template reads back."""

from datetime import date
from pathlib import Path

import pytest

from pmpath.network.importers import csvfile
from pmpath.network.importers.base import ImportProblem, ParsedContact

FIXTURES = Path(__file__).parent / "fixtures"


def test_it_reads_a_semicolon_sheet_with_a_bom_aliases_and_an_unknown_column():
    parsed = csvfile.parse_contacts_csv(
        (FIXTURES / "contacts_semicolon.csv").read_bytes(), "contacts_semicolon.csv"
    )
    lena = parsed.contacts[0]
    assert (lena.first_name, lena.email, lena.company, lena.role) == (
        "Lena",
        "lena@example.com",
        "Acme Robotics",
        "Product Lead",
    )
    assert lena.tags == ["mentors", "robotics"]
    assert (lena.strength, lena.cadence_days, lena.connected_on) == (4, 30, date(2025, 1, 5))
    assert lena.notes == "Knows the hiring manager; ask about referral"


def test_bad_cells_are_reported_by_row_and_field_and_the_row_still_imports():
    parsed = csvfile.parse_contacts_csv(
        (FIXTURES / "contacts_semicolon.csv").read_bytes(), "contacts_semicolon.csv"
    )
    assert [c.first_name for c in parsed.contacts] == ["Lena", "Mara", "=Risky"]
    assert [(p.row, p.field, p.skipped) for p in parsed.problems] == [
        (4, "strength", False),
        (4, "cadence_days", False),
        (4, "connected_on", False),
        (5, "", True),
    ]
    assert parsed.problems[0].where == "contacts_semicolon.csv, row 4, strength"


def test_google_contacts_headers_and_labels_are_understood():
    [nia] = csvfile.parse_contacts_csv((FIXTURES / "contacts_google.csv").read_bytes()).contacts
    assert (nia.first_name, nia.last_name, nia.email, nia.phone) == (
        "Nia",
        "Brooks",
        "nia@example.com",
        "+1 555 0100",
    )
    assert (nia.company, nia.role, nia.tags) == ("Wayne Enterprises", "VP Product", ["recruiters"])


def test_a_file_without_contact_columns_names_the_headers_expected():
    with pytest.raises(ImportProblem, match="bank.csv: this is not a contacts CSV: expected"):
        csvfile.parse_contacts_csv(b"Date,Description,Amount\n2025-01-01,Tea,3\n", "bank.csv")


def test_the_template_reads_back_to_its_example():
    [example] = csvfile.parse_contacts_csv(csvfile.template_csv()).contacts
    assert example.first_name == "Priya"
    assert example.tags == ["mentors", "fintech"]
    assert example.linkedin_key == "in/priya-example"
    assert example.phone == "+44 20 7946 0000"  # protected from spreadsheets, then restored


def test_writing_then_reading_gives_the_same_contacts():
    contacts = [
        ParsedContact(
            first_name="=SUM(A1)",
            last_name="Ng",
            email="ng@example.com",
            company="Globex, Inc.",
            notes="two\nlines, with commas",
            strength=5,
            cadence_days=14,
            tags=["mentors"],
            connected_on=date(2020, 1, 2),
            row=2,
        )
    ]
    text = csvfile.write_contacts_csv(contacts)
    assert "'=SUM(A1)" in text  # never a live formula in a spreadsheet
    assert csvfile.parse_contacts_csv(text).contacts == contacts
