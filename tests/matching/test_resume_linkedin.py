"""The candidate's own profile from LinkedIn's data export (pure engine)."""

from __future__ import annotations

import pytest

from pmpath.matching.resume import linkedin, schema
from pmpath.network.importers.base import ImportProblem
from tests.matching.resume_factories import (
    EDUCATION_OLD_CSV,
    POSITIONS_CSV,
    POSITIONS_OLD_CSV,
    linkedin_zip,
    zip_of,
)


def test_it_reads_the_profile_positions_education_and_skills_from_the_zip() -> None:
    export = linkedin.read("Basic_LinkedInDataExport.zip", linkedin_zip())
    doc = export.document
    assert doc["basics"]["name"] == "Priya Raman"
    assert doc["basics"]["label"] == "Senior Product Manager"
    assert doc["basics"]["summary"] == "Payments PM.\nI ship small bets."  # quoted, two lines
    assert doc["basics"]["location"] == {"city": "Berlin", "region": "Germany"}
    assert doc["basics"]["url"] == "https://priya.example.test"
    assert doc["basics"]["profiles"][0]["username"] == "priyapm"
    assert doc["work"][0] == {
        "name": "Ledgerline GmbH",
        "position": "Senior Product Manager",
        "location": "Berlin, Germany",
        "startDate": "2021-03",
        "summary": "Own checkout and payouts.",
        "highlights": ["Raised payment success from 91% to 95%", "Ran 14 pricing experiments"],
    }
    assert doc["work"][1]["endDate"] == "2021-02"
    assert doc["education"] == [
        {"institution": "Technical University of Munich", "studyType": "MSc Management",
         "startDate": "2013", "endDate": "2015", "courses": ["Debating"]}
    ]  # fmt: skip
    assert [s["name"] for s in doc["skills"]] == ["Roadmapping", "SQL", "A/B Testing"]
    assert sorted(export.files) == ["Education.csv", "Positions.csv", "Profile.csv", "Skills.csv"]
    assert export.problems == []
    assert schema.validate(doc) == []


def test_older_header_variants_read_by_name() -> None:
    work = linkedin.read("Positions.csv", POSITIONS_OLD_CSV.encode()).document["work"]
    assert work == [
        {"name": "Northwind Consulting", "position": "Business Analyst", "location": "Munich",
         "startDate": "2015-09", "endDate": "2017-05", "summary": "Dashboards"}
    ]  # fmt: skip
    school = linkedin.read("Education.csv", EDUCATION_OLD_CSV.encode()).document["education"]
    assert school[0]["area"] == "Computer Engineering"
    assert school[0]["studyType"] == "Bachelor of Engineering"


def test_columns_in_another_order_with_a_bom_and_crlf_read_the_same() -> None:
    shuffled = (
        "\ufeffFinished On,Title,Started On,Company Name,Location,Description\r\n"
        "Feb 2021,Product Manager,Jun 2017,Tallybook,,Invoicing for freelancers\r\n"
    )
    work = linkedin.read("Positions.csv", shuffled.encode("utf-8")).document["work"]
    assert work == [linkedin.read("Positions.csv", POSITIONS_CSV.encode()).document["work"][1]]


def test_a_bad_date_costs_only_that_cell_and_names_file_row_and_column() -> None:
    text = POSITIONS_CSV + "Acme,Analyst,,,Smarch 2015,2016\r\n"
    export = linkedin.read("Positions.csv", text.encode())
    assert export.document["work"][2] == {"name": "Acme", "position": "Analyst", "endDate": "2016"}
    [problem] = export.problems
    assert problem.where == "Positions.csv, row 6, Started On"  # the quoted cell spans 2-4
    assert "'Smarch 2015' is not a date" in problem.message


def test_a_csv_that_is_not_linkedin_s_is_refused_with_the_expected_headers() -> None:
    with pytest.raises(ImportProblem) as caught:
        linkedin.read("contacts.csv", b"Full name,Phone\nAda,123\n")
    assert str(caught.value).startswith("contacts.csv: this is not a LinkedIn profile file")
    assert "Positions.csv (Company Name, Title" in str(caught.value)


def test_a_zip_without_profile_files_says_which_export_to_ask_for() -> None:
    data = zip_of({"Connections.csv": "First Name,Last Name\n"})
    with pytest.raises(ImportProblem, match="no Profile.csv, Positions.csv"):
        linkedin.read("export.zip", data)


def test_a_zip_with_path_traversal_is_refused_before_extraction() -> None:
    data = zip_of({"../../etc/Positions.csv": POSITIONS_CSV})
    with pytest.raises(ImportProblem, match="outside its folder"):
        linkedin.read("evil.zip", data)


def test_a_zip_bomb_is_refused_on_its_declared_size() -> None:
    data = zip_of({"Positions.csv": b"a" * (201 * 1024 * 1024)})
    with pytest.raises(ImportProblem, match="would expand to"):
        linkedin.read("bomb.zip", data)


def test_too_many_entries_are_refused() -> None:
    data = zip_of({f"f{i}.txt": "" for i in range(5001)})
    with pytest.raises(ImportProblem, match="5,001 entries"):
        linkedin.read("many.zip", data)


def test_a_damaged_member_file_is_reported_and_the_rest_is_read() -> None:
    data = linkedin_zip(**{"Skills.csv": b"Nothing here\n"})
    export = linkedin.read("export.zip", data)
    assert "skills" not in export.document
    assert [p.file for p in export.problems] == ["Skills.csv"]
    assert export.document["work"]
