"""`pmpath career readiness`: the same report as the readiness page, in a terminal."""

import json

import pytest
from typer.testing import CliRunner

from pmpath.cli._django import CLIError
from pmpath.cli.main import app
from tests.career.growth_factories import behaviours, rated_assessment
from tests.conftest import make_user, onboard

runner = CliRunner()


@pytest.fixture
def assessed(alice):
    onboard(alice, target_level="pm")
    apm, pm = behaviours("apm"), behaviours("pm")
    rated_assessment(
        alice,
        {**dict.fromkeys(apm, "consistently"), **dict.fromkeys(pm, "sometimes")},
        evidence_for=tuple(apm),
    )
    return alice


def test_it_prints_readiness_as_json_for_the_target_and_its_neighbours(assessed):
    result = runner.invoke(app, ["career", "readiness", "--user", "alice", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["target"] == "pm"
    assert [lv["key"] for lv in data["levels"]] == ["apm", "pm", "senior_pm"]
    assert data["levels"][0]["overall"] == 1.0
    assert data["levels"][1]["overall"] == 0.25  # sometimes, without proof: a quarter
    assert data["operates_at"]["key"] == "apm"
    assert data["skills"][0]["claimed"] == 3 and data["skills"][0]["evidenced"] == 0
    assert data["gaps"][0]["missing"][0]["status"] == "claimed"


def test_the_level_option_picks_another_level(assessed):
    result = runner.invoke(
        app, ["career", "readiness", "--user", "alice", "--level", "apm", "--json"]
    )
    data = json.loads(result.output)
    assert data["target"] == "apm" and data["ready_for_target"] is True
    assert [lv["key"] for lv in data["levels"]] == ["apm", "pm"]


def test_it_prints_a_table_and_the_gaps(assessed):
    result = runner.invoke(app, ["career", "readiness", "--user", "alice"])
    assert result.exit_code == 0, result.output
    assert "Readiness for Product Manager" in result.output
    assert "You operate at: Associate Product Manager" in result.output
    assert "Communication" in result.output and "claimed" in result.output


def test_without_an_assessment_it_says_where_to_start(alice):
    result = runner.invoke(app, ["career", "readiness", "--user", "alice"])
    assert result.exit_code == 0
    assert "no self-assessment yet" in result.output


def test_the_only_user_needs_no_user_option(assessed):
    result = runner.invoke(app, ["career", "readiness", "--json"])
    assert json.loads(result.output)["target"] == "pm"


def test_an_unknown_level_is_named(assessed):
    result = runner.invoke(app, ["career", "readiness", "--user", "alice", "--level", "ceo"])
    assert isinstance(result.exception, CLIError)
    assert "--level: no level 'ceo'" in str(result.exception)


def test_several_users_need_the_user_option(assessed):
    make_user("bob")
    result = runner.invoke(app, ["career", "readiness"])
    assert isinstance(result.exception, CLIError)
    assert "--user" in str(result.exception)
