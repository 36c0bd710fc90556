"""`pmpath resources import|export` and `pmpath career plan`."""

import json

from typer.testing import CliRunner

from pmpath.career.models import Resource
from pmpath.cli.main import app
from tests.career.learning_factories import make_enrolment
from tests.conftest import make_user

runner = CliRunner()

FILE = (
    "key,name,provider,kind,cost,currency,hours,levels,skills\n"
    "cohort-week-1,Cohort week 1,Our bootcamp,course,0,,10,apm; pm,communication\n"
    ",Mentor reading list,,article,,,,pm,strategic_thinking\n"
)


def test_import_without_a_user_fills_the_shared_catalogue_and_twice_changes_nothing(db, tmp_path):
    path = tmp_path / "catalogue.csv"
    path.write_text(FILE)
    result = runner.invoke(app, ["resources", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported from catalogue.csv: 2 new, 0 updated, 0 unchanged." in result.output
    assert Resource.objects.get(key="cohort-week-1").owner is None
    again = runner.invoke(app, ["resources", "import", str(path), "--json"])
    assert json.loads(again.output)["unchanged"] == 2


def test_import_for_a_user_keeps_the_resources_theirs(alice, tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps([{"name": "My list", "kind": "book", "skills": ["leadership"]}]))
    result = runner.invoke(app, ["resources", "import", str(path), "--user", "alice"])
    assert result.exit_code == 0, result.output
    assert Resource.objects.get(name="My list").owner == alice


def test_a_bad_file_exits_1_naming_rows_and_fields_and_stores_nothing(db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(FILE + "Broken,,lecture,,,,,,\n")
    result = runner.invoke(app, ["resources", "import", str(path)])
    assert result.exit_code == 1
    assert "row 4, kind: must be one of course" in result.output
    assert not Resource.objects.filter(name="Cohort week 1").exists()


def test_a_missing_file_or_user_is_one_clear_error(db, tmp_path):
    result = runner.invoke(app, ["resources", "import", str(tmp_path / "nope.csv")])
    assert result.exit_code == 1 and "cannot read" in str(result.exception)
    result = runner.invoke(app, ["resources", "export", "--user", "nobody"])
    assert "no user named 'nobody'" in str(result.exception)


def test_export_reimports_without_changes_in_both_formats(alice, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(FILE)
    runner.invoke(app, ["resources", "import", str(path), "--user", "alice"])
    for fmt in ("csv", "json"):
        exported = runner.invoke(app, ["resources", "export", "--format", fmt, "--user", "alice"])
        assert exported.exit_code == 0, exported.output
        out = tmp_path / f"export.{fmt}"
        out.write_text(exported.output)
        result = runner.invoke(app, ["resources", "import", str(out), "--user", "alice", "--json"])
        outcome = json.loads(result.output)
        assert (outcome["created"], outcome["updated"], outcome["unchanged"]) == (0, 0, 2)


def test_export_of_the_shared_catalogue_holds_the_shipped_resources(db):
    result = runner.invoke(app, ["resources", "export", "--format", "json"])
    data = json.loads(result.output)
    assert data["format"] == "pmpath-resources" and len(data["resources"]) >= 60
    assert runner.invoke(app, ["resources", "export", "--format", "xml"]).exit_code == 1


def test_career_plan_prints_proposals_and_enrolments(alice):
    from tests.conftest import onboard

    onboard(alice)
    make_enrolment(alice, status="active", progress=25)
    result = runner.invoke(app, ["career", "plan", "--user", "alice", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["based_on"] == "background" and data["target_level"] == "pm"
    assert data["gaps"][0]["reason"] == "For your gap in customer focus at Product Manager"
    assert len(data["gaps"][0]["proposals"]) == 3
    assert data["enrolments"][0]["progress"] == 25
    text = runner.invoke(app, ["career", "plan", "--user", "alice"]).output
    assert "For your gap in strategic thinking at Product Manager" in text
    assert "Inspired" in text


def test_career_plan_without_user_on_a_shared_install_asks_whose(alice):
    make_user("bob")
    result = runner.invoke(app, ["career", "plan"])
    assert result.exit_code == 1 and "--user" in str(result.exception)
