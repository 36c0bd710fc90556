"""`pmpath coach [--json] [--user U]`: the same findings and next actions as the dashboard."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from pmpath.cli._django import CLIError
from pmpath.cli.main import app
from tests.coach.factories import plant
from tests.conftest import make_user, onboard

runner = CliRunner()


def test_it_prints_findings_and_next_actions_as_json_with_links(alice):
    onboard(alice)
    p = plant(alice)
    result = runner.invoke(app, ["coach", "--json", "--user", "alice"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"findings", "next_actions", "snoozed", "dismissed"}
    waiting = next(f for f in data["findings"] if f["detector"] == "application_follow_up")
    assert waiting["link"] == f"/jobs/applications/{p['waiting'].pk}/"
    assert waiting["records"] == [
        {"kind": "application", "id": p["waiting"].pk, "title": "PM, Payments at Northwind"}
    ]
    assert waiting["figures"]["days"] == 12 and waiting["evidence"].startswith("Applied 12 days")
    assert all(a["link"].startswith("/") and a["why"] for a in data["next_actions"])
    assert any(a["kind"] == "contacts" for a in data["next_actions"])


def test_it_prints_a_readable_summary_for_the_only_user(alice):
    onboard(alice)
    plant(alice)
    result = runner.invoke(app, ["coach"])
    assert result.exit_code == 0, result.output
    assert "Next actions" in result.output and "The coach noticed" in result.output
    assert "No follow-up on PM, Payments at Northwind" in result.output


def test_with_several_users_it_asks_whose(alice):
    make_user("bob")
    result = runner.invoke(app, ["coach", "--json"])
    assert isinstance(result.exception, CLIError)
    assert "--user" in str(result.exception)
