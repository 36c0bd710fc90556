"""`pmpath interview questions | import | export`."""

import json

from typer.testing import CliRunner

from pmpath.cli.main import app
from pmpath.interview.models import Question

runner = CliRunner()


def test_questions_lists_the_shipped_bank_filtered_as_json(db):
    result = runner.invoke(app, ["interview", "questions", "--category", "company", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and all(r["category"] == "company" for r in rows)
    assert len(rows) == Question.objects.filter(category="company", owner__isnull=True).count()
    result = runner.invoke(
        app, ["interview", "questions", "--category", "technical", "--level", "director", "--json"]
    )
    assert all("director" in r["levels"] for r in json.loads(result.output))


def test_questions_refuses_an_unknown_category_in_one_line(db):
    result = runner.invoke(app, ["interview", "questions", "--category", "maths"])
    assert result.exit_code == 1
    assert "--category: 'maths' is not one of product_sense" in str(result.exception)


def test_import_then_export_a_users_own_questions(alice, bob, tmp_path):
    source = tmp_path / "mine.md"
    source.write_text(
        "## Design a kettle for a shared office.\n\n- category: product_sense\n- levels: apm, pm\n"
        "\n### Pitfalls\n\n- Forgetting who cleans it.\n\n## Why product?\n\n- levels: intern\n"
    )
    result = runner.invoke(app, ["interview", "import", str(source), "--user", "alice", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["created"] == 1
    assert report["problems"][0]["position"].startswith("question 2")
    assert report["problems"][0]["field"] == "levels"
    again = runner.invoke(app, ["interview", "import", str(source), "--user", "alice"])
    assert "0 new, 0 updated, 1 unchanged" in again.output

    out = tmp_path / "out.csv"
    result = runner.invoke(
        app, ["interview", "export", "--format", "csv", "--user", "alice", "--own", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert lines[0].startswith("text,category") and "Design a kettle" in lines[1]
    bob_view = runner.invoke(app, ["interview", "export", "--format", "md", "--user", "bob"])
    assert "Design a kettle" not in bob_view.output and "## " in bob_view.output


def test_export_without_a_user_is_the_shipped_bank(alice):
    Question.objects.create(owner=alice, text="Alice's private question?", category="strategy")
    result = runner.invoke(app, ["interview", "export", "--format", "json"])
    data = json.loads(result.output)
    assert len(data["questions"]) == Question.objects.filter(owner__isnull=True).count()
    assert runner.invoke(app, ["interview", "export", "--own"]).exit_code == 1


def test_import_names_a_missing_file(alice, tmp_path):
    result = runner.invoke(
        app, ["interview", "import", str(tmp_path / "nope.csv"), "--user", "alice"]
    )
    assert result.exit_code == 1 and "nope.csv: cannot read" in str(result.exception)
