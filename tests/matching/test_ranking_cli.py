"""`pmpath match score POSTING_ID` and `pmpath match rank`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pmpath.cli._django import CLIError
from pmpath.cli.main import app
from tests.matching.match_factories import FAR, fresh_matching, make_resume, pm_posting

runner = CliRunner()


@pytest.fixture(autouse=True)
def _fresh(settings, tmp_path, monkeypatch):
    yield from fresh_matching(settings, tmp_path, monkeypatch)


def test_score_prints_the_parts_the_evidence_and_the_gaps(alice):
    make_resume(alice)
    posting = pm_posting(alice)
    result = runner.invoke(app, ["match", "score", str(posting.pk), "--user", "alice"])
    assert result.exit_code == 0, result.output
    assert "Match:" in result.output and "/100" in result.output
    assert "shown" in result.output and "gap" in result.output


def test_score_as_json_matches_the_stored_score(alice):
    from pmpath.matching.models import MatchScore

    make_resume(alice)
    posting = pm_posting(alice)
    result = runner.invoke(app, ["match", "score", str(posting.pk), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["score"] == MatchScore.objects.get(posting=posting).score
    assert {p["key"] for p in data["parts"]} >= {"required_skills", "lexical"}


def test_rank_lists_the_best_postings_with_reasons(alice):
    make_resume(alice)
    strong = pm_posting(alice, 1)
    pm_posting(alice, 2, title="Product Manager, Robotics",
               description_text=FAR)  # fmt: skip
    result = runner.invoke(app, ["match", "rank", "--top", "5", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["posting_id"] == strong.pk and rows[0]["reasons"]
    table = runner.invoke(app, ["match", "rank", "--level", "senior_pm"])
    assert table.exit_code == 0 and "Payments" in table.output


def test_someone_elses_posting_is_an_error_naming_it(alice, bob):
    make_resume(alice)
    theirs = pm_posting(bob)
    result = runner.invoke(app, ["match", "score", str(theirs.pk), "--user", "alice"])
    assert isinstance(result.exception, CLIError)
    assert f"posting {theirs.pk}" in str(result.exception)


def test_without_a_resume_it_says_how_to_add_one(alice):
    result = runner.invoke(app, ["match", "rank", "--user", "alice"])
    assert isinstance(result.exception, CLIError)
    assert "pmpath resume import" in str(result.exception)


def test_a_bad_level_names_the_option(alice):
    make_resume(alice)
    result = runner.invoke(app, ["match", "rank", "--level", "ceo", "--user", "alice"])
    assert "--level" in str(result.exception)
