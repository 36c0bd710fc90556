import json

from typer.testing import CliRunner

from pmpath.cli.main import app
from tests.conftest import onboard

runner = CliRunner()


def test_help_lists_the_command_groups():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for group in ["setup", "serve", "worker", "users", "ladder", "demo", "manage", "profile"]:
        assert group in result.output


def test_ladder_show_json_prints_levels_skills_and_behaviours(db):
    result = runner.invoke(app, ["ladder", "show", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [lv["key"] for lv in data["levels"]] == ["apm", "pm", "senior_pm", "lead_pm", "director"]
    assert len(data["competencies"]) == 6
    assert all(len(b) >= 3 for lv in data["levels"] for b in lv["behaviours"].values())


def test_ladder_show_one_level(db):
    result = runner.invoke(app, ["ladder", "show", "--level", "senior_pm"])
    assert result.exit_code == 0
    assert "Senior Product Manager" in result.output


def test_users_create_then_list_as_json(db):
    result = runner.invoke(
        app, ["users", "create", "erin", "--password", "sea glass winter 9", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["username"] == "erin"
    listed = json.loads(runner.invoke(app, ["users", "list", "--json"]).output)
    assert [u["username"] for u in listed] == ["erin"]


def test_users_token_prints_a_working_token(alice):
    from pmpath.accounts.services import user_for_token

    result = runner.invoke(app, ["users", "token", "--user", "alice"])
    assert result.exit_code == 0
    assert user_for_token(result.output.strip()) == alice


def test_demo_loads_the_demo_candidate_for_a_user(alice):
    result = runner.invoke(app, ["demo", "--user", "alice", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["loaded"][0].startswith("profile:")
    shown = json.loads(runner.invoke(app, ["profile", "show", "--user", "alice", "--json"]).output)
    assert shown["is_demo"] is True


def test_profile_show_json(alice):
    onboard(alice, target_companies=["Stripe"])
    data = json.loads(runner.invoke(app, ["profile", "show", "--user", "alice", "--json"]).output)
    assert data["target_companies"] == ["Stripe"]
