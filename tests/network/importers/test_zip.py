"""The export ZIP: read the four files we use, refuse bombs and tricks before decompressing."""

import io
import zipfile
from pathlib import Path

import pytest

from pmpath.network.importers import linkedin
from pmpath.network.importers.base import ImportProblem

FIXTURES = Path(__file__).parent / "fixtures"


def export_zip(
    files: dict[str, bytes], *, folder: str = "", method: int = zipfile.ZIP_DEFLATED
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in files.items():
            archive.writestr(folder + name, content)
    return buffer.getvalue()


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_it_reads_connections_messages_invitations_and_the_profile_from_the_zip():
    data = export_zip(
        {
            "Connections.csv": fixture("Connections.csv"),
            "messages.csv": fixture("messages.csv"),
            "Invitations.csv": fixture("Invitations.csv"),
            "Profile.csv": fixture("Profile.csv"),
            "Skills.csv": b"Name\nRoadmapping\n",
            "Jobs/Job Applications.csv": b"Application Date\n",
        }
    )
    export = linkedin.read_zip(data, "Basic_LinkedInDataExport.zip")
    assert len(export.connections) == 6
    assert len(export.messages) == 6  # eight rows: one in spam, one without a date
    assert len(export.invitations) == 2
    assert export.my_name == "Sam Rivera"
    assert export.files == {
        "profile": "Profile.csv",
        "connections": "Connections.csv",
        "messages": "messages.csv",
        "invitations": "Invitations.csv",
    }


def test_files_in_a_folder_inside_the_zip_are_found_by_name():
    data = export_zip({"Connections.csv": fixture("Connections_old.csv")}, folder="export/")
    assert [c.first_name for c in linkedin.read_zip(data).connections] == ["Elif", "Femi"]


def test_a_zip_without_any_linkedin_file_says_what_it_lacks():
    with pytest.raises(ImportProblem, match="no Connections.csv, messages.csv or Invitations.csv"):
        linkedin.read_zip(export_zip({"notes.txt": b"hello"}), "other.zip")


def test_an_unreadable_member_is_reported_and_the_rest_still_read():
    data = export_zip(
        {"Connections.csv": fixture("Connections.csv"), "messages.csv": b"just, some, words\n"}
    )
    export = linkedin.read_zip(data)
    assert len(export.connections) == 6
    assert export.messages is None
    [problem] = [p for p in export.problems if p.file == "messages.csv"]
    assert "not LinkedIn's messages.csv" in problem.message


def test_a_zip_over_the_size_limit_is_refused_before_it_is_opened(monkeypatch):
    monkeypatch.setattr(linkedin, "MAX_ZIP_BYTES", 2048)
    data = export_zip(
        {"Connections.csv": fixture("Connections.csv") * 3}, method=zipfile.ZIP_STORED
    )
    assert len(data) > 2048
    monkeypatch.setattr(zipfile, "ZipFile", None)  # never reached
    with pytest.raises(ImportProblem, match="big.zip: the ZIP is 3 KB; the limit is 2 KB"):
        linkedin.read_zip(data, "big.zip")


def test_a_zip_bomb_is_refused_by_its_declared_size_without_expanding_it(monkeypatch):
    buffer = io.BytesIO()
    zeros = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("Connections.csv", "w", force_zip64=True) as member,
    ):
        for _ in range(linkedin.MAX_UNCOMPRESSED_BYTES // len(zeros) + 1):
            member.write(zeros)
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024  # a few hundred kilobytes that would expand to 201 MB
    opened = []
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *args, **kw: opened.append(args))
    with pytest.raises(ImportProblem, match="would expand to 201 MB; the limit is 200 MB"):
        linkedin.read_zip(data, "bomb.zip")
    assert opened == []


def test_a_zip_with_too_many_entries_is_refused_from_its_end_record_alone(monkeypatch):
    data = export_zip({f"empty-{i}.txt": b"" for i in range(linkedin.MAX_ENTRIES + 1)})

    def never(*args, **kwargs):
        raise AssertionError("the central directory was parsed")

    monkeypatch.setattr(zipfile, "ZipFile", never)
    with pytest.raises(ImportProblem, match="5,001 entries; the limit is 5,000"):
        linkedin.read_zip(data, "many.zip")


@pytest.mark.parametrize(
    "name", ["../Connections.csv", "/etc/Connections.csv", "C:/x.csv", "a/../../b"]
)
def test_an_entry_whose_name_climbs_out_of_the_folder_is_refused(name):
    data = export_zip({"Connections.csv": fixture("Connections.csv"), name: b"x"})
    with pytest.raises(ImportProblem, match="outside its folder"):
        linkedin.read_zip(data, "tricky.zip")


def central_directory(data: bytes) -> int:
    return data.rindex(b"PK\x01\x02")


def test_a_member_that_lies_about_its_size_is_reported_as_damaged():
    data = bytearray(export_zip({"Connections.csv": fixture("Connections.csv")}))
    at = central_directory(bytes(data))
    data[at + 24 : at + 28] = (100).to_bytes(4, "little")  # declares 100 bytes
    with pytest.raises(ImportProblem, match="Connections.csv in the ZIP is damaged"):
        linkedin.read_zip(bytes(data), "liar.zip")


def test_a_password_protected_member_says_so():
    data = bytearray(export_zip({"Connections.csv": fixture("Connections.csv")}))
    at = central_directory(bytes(data))
    data[at + 8] |= 0x01  # the "encrypted" flag
    with pytest.raises(ImportProblem, match="password-protected"):
        linkedin.read_zip(bytes(data), "locked.zip")


def test_bytes_that_only_start_like_a_zip_are_not_a_readable_zip():
    with pytest.raises(ImportProblem, match="not a readable ZIP"):
        linkedin.read_zip(b"PK\x03\x04" + b"\x00" * 100, "broken.zip")
