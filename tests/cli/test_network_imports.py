"""`pmpath network import-linkedin`, `import` and `export`."""

import json
from pathlib import Path

from typer.testing import CliRunner

from pmpath.cli.main import app
from pmpath.network.models import Contact
from tests.conftest import make_user

runner = CliRunner()
FIXTURES = Path(__file__).parents[1] / "network" / "importers" / "fixtures"


def test_import_linkedin_prints_the_summary_and_the_problems(alice):
    result = runner.invoke(
        app, ["network", "import-linkedin", str(FIXTURES / "Connections.csv"), "--user", "alice"]
    )
    assert result.exit_code == 0, result.output
    assert "Connections.csv: 6 contacts added, 0 updated, 0 unchanged, 1 skipped." in result.output
    assert "The row has no name" in result.output
    assert Contact.objects.owned_by(alice).count() == 6


def test_import_linkedin_as_json_then_again_changes_nothing(alice):
    path = str(FIXTURES / "Connections.csv")
    runner.invoke(app, ["network", "import-linkedin", path, "--user", "alice"])
    result = runner.invoke(
        app, ["network", "import-linkedin", path, "--user", "alice", "--force", "--json"]
    )
    data = json.loads(result.output)
    assert data["files"][0]["unchanged"] == 6 and data["files"][0]["added"] == 0
    assert data["problems"][0]["row"] == 11


def test_user_may_be_left_out_when_there_is_only_one(alice):
    result = runner.invoke(app, ["network", "import-linkedin", str(FIXTURES / "Invitations.csv")])
    assert result.exit_code == 0, result.output
    assert Contact.objects.owned_by(alice).count() == 2
    make_user("bob")
    result = runner.invoke(app, ["network", "export"])
    assert result.exit_code == 1
    assert "say whose data with --user USERNAME" in str(result.exception)


def test_import_linkedin_refuses_a_contacts_csv_and_names_the_headers(alice):
    result = runner.invoke(
        app,
        ["network", "import-linkedin", str(FIXTURES / "contacts_google.csv"), "--user", "alice"],
    )
    assert result.exit_code == 1
    assert "contacts_google.csv: this is not a LinkedIn export" in str(result.exception)
    assert "Connected On" in str(result.exception)


def test_import_takes_a_vcard_and_export_writes_it_back(alice, tmp_path):
    result = runner.invoke(
        app, ["network", "import", str(FIXTURES / "contacts.vcf"), "--user", "alice"]
    )
    assert "contacts.vcf: 4 contacts added" in result.output
    out = tmp_path / "all.vcf"
    result = runner.invoke(
        app, ["network", "export", "--format", "vcf", "--user", "alice", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().count("BEGIN:VCARD") == 4
    again = runner.invoke(app, ["network", "import", str(out), "--user", "alice", "--json"])
    assert json.loads(again.output)["files"][0]["unchanged"] == 4


def test_export_csv_goes_to_standard_output(alice):
    runner.invoke(
        app, ["network", "import", str(FIXTURES / "contacts_google.csv"), "--user", "alice"]
    )
    result = runner.invoke(app, ["network", "export", "--format", "csv", "--user", "alice"])
    assert result.output.startswith("first_name,last_name,email,")
    assert "Nia,Brooks,nia@example.com" in result.output
    bad = runner.invoke(app, ["network", "export", "--format", "xls", "--user", "alice"])
    assert bad.exit_code == 1


def test_a_missing_file_is_one_clear_error(alice):
    result = runner.invoke(app, ["network", "import", "/nonexistent/x.csv", "--user", "alice"])
    assert result.exit_code == 1
    assert "/nonexistent/x.csv: cannot read" in str(result.exception)
