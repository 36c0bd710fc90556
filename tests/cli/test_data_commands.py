"""`pmpath export`, `import-account` and `users delete` from the terminal. Backup and restore
run as real processes in tests/crash/test_backup_live.py."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pmpath.accounts.models import User
from pmpath.cli._django import CLIError
from pmpath.cli.main import app
from pmpath.network.models import Contact
from tests.network.factories import make_contact

runner = CliRunner()


def test_export_prints_the_users_records_as_json(alice, bob):
    make_contact(alice, first_name="Ada", last_name="Lovelace")
    make_contact(bob, first_name="Not", last_name="Hers")
    result = runner.invoke(app, ["export", "--user", "alice"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [r["fields"]["last_name"] for r in document["records"]["network.Contact"]] == [
        "Lovelace"
    ]


def test_export_to_a_zip_then_import_as_a_new_account_twice(alice, tmp_path):
    make_contact(alice, first_name="Ada", last_name="Lovelace")
    out = tmp_path / "alice.zip"
    assert runner.invoke(app, ["export", "--user", "alice", "--out", str(out)]).exit_code == 0
    first = runner.invoke(app, ["import-account", str(out), "--as", "ada", "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["created"]["network.Contact"] == 1
    again = runner.invoke(app, ["import-account", str(out), "--as", "ada", "--json"])
    assert json.loads(again.stdout)["already_imported"] is True
    ada = User.objects.get(username="ada")
    assert Contact.objects.owned_by(ada).count() == 1


def test_importing_a_broken_file_says_which_and_stores_nothing(db, tmp_path):
    path = tmp_path / "export.json"
    path.write_text('{"format": "pmpath-account", "format_version": 1}')
    with pytest.raises(CLIError, match="export.json: the export has no 'export_id'"):
        runner.invoke(app, ["import-account", str(path)], catch_exceptions=False)
    assert not User.objects.exists()


def test_users_delete_needs_yes_without_a_terminal(alice):
    with pytest.raises(CLIError, match="confirm with --yes"):
        runner.invoke(app, ["users", "delete", "alice"], catch_exceptions=False)
    assert User.objects.filter(username="alice").exists()


def test_users_delete_removes_the_account_and_its_records(alice, bob):
    make_contact(alice)
    kept = make_contact(bob)
    result = runner.invoke(app, ["users", "delete", "alice", "--yes"])
    assert result.exit_code == 0, result.output
    assert "Deleted alice and 1 records" in result.output
    assert list(Contact.objects.values_list("pk", flat=True)) == [kept.pk]
