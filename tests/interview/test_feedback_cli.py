"""`pmpath interview feedback`, through CliRunner."""

import json

import pytest
from typer.testing import CliRunner

from pmpath.cli._django import CLIError
from pmpath.cli.main import app
from tests.interview.llm_stub import StubChat, closed_port, running_stub
from tests.interview.practice_factories import GOOD_ANSWER, make_question


@pytest.fixture
def stub_server():
    with running_stub() as url:
        yield url


runner = CliRunner()


def error_of(result) -> str:
    assert isinstance(result.exception, CLIError), result.output
    return str(result.exception)


@pytest.fixture
def answer_file(tmp_path):
    path = tmp_path / "answer.md"
    path.write_text(GOOD_ANSWER)
    return path


def feedback(*args):
    return runner.invoke(app, ["interview", "feedback", *args])


def test_it_scores_a_question_not_in_the_bank_as_json(answer_file):
    result = feedback(
        "--question", "Design a commuting app", "--category", "product_sense",
        "--answer-file", str(answer_file), "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["question"] == {
        "id": None,
        "text": "Design a commuting app",
        "category": "product_sense",
    }
    assert 0 <= data["score"] <= 100
    assert data["score"] == round(sum(p["points"] for p in data["parts"]))
    assert {p["key"] for p in data["parts"]} >= {"framework", "customer", "length"}
    assert all(p["explanation"] and "max" in p and "evidence" in p for p in data["parts"])
    assert data["steps"]["covered"] and data["suggestions"]
    assert "llm_critique" not in data  # off by default


@pytest.mark.django_db
def test_it_scores_a_bank_question_by_id_with_a_table_of_reasons(answer_file):
    question = make_question(text="Design a product that helps commuters get to work on time.")
    result = feedback("--question-id", str(question.pk), "--answer-file", str(answer_file))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Score ")
    assert "/100 · product sense" in result.stdout
    for name in ("Framework coverage", "Customer focus", "Specificity", "Next time:"):
        assert name in result.stdout


@pytest.mark.django_db
def test_a_users_own_question_needs_their_name(alice, answer_file):
    own = make_question(owner=alice, text="My own question about commuting apps?")
    hidden = feedback("--question-id", str(own.pk), "--answer-file", str(answer_file))
    assert error_of(hidden) == f"--question-id: there is no question {own.pk} in the bank"
    mine = feedback(
        "--question-id", str(own.pk), "--user", "alice", "--answer-file", str(answer_file), "--json"
    )  # fmt: skip
    assert mine.exit_code == 0, mine.output
    assert json.loads(mine.stdout)["question"]["id"] == own.pk


@pytest.mark.django_db
def test_another_users_question_stays_hidden(alice, bob, answer_file):
    theirs = make_question(owner=bob, text="Bob's private question about fridges?")
    result = feedback(
        "--question-id", str(theirs.pk), "--user", "alice", "--answer-file", str(answer_file)
    )  # fmt: skip
    assert error_of(result) == (
        f"--question-id: there is no question {theirs.pk} in the bank nor among alice's own "
        "questions"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give either --question-id ID or --question TEXT --category CATEGORY"),
        (["--question-id", "1", "--question", "Q"], "give either --question-id ID or"),
        (["--question", "Q"], "--question needs --category (one of product_sense"),
        (["--question-id", "1", "--category", "strategy"], "--category goes with --question"),
        (["--question", "Q", "--category", "design"], "--category: 'design' is not one of"),
    ],
)
def test_wrong_options_get_one_line_saying_what_to_fix(args, message, answer_file):
    assert error_of(feedback(*args, "--answer-file", str(answer_file))).startswith(message)


def test_an_unreadable_empty_or_binary_answer_file_is_named(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("  \n")
    binary = tmp_path / "answer.bin"
    binary.write_bytes(b"\xff\xfe\x00bad")
    base = ["--question", "Q", "--category", "strategy", "--answer-file"]
    assert error_of(feedback(*base, str(tmp_path / "missing.md"))) == (
        f"--answer-file: {tmp_path / 'missing.md'}: cannot read (No such file or directory)"
    )
    assert error_of(feedback(*base, str(empty))).endswith("is empty: write the answer first")
    assert error_of(feedback(*base, str(binary))).endswith("answer.bin is not UTF-8 text")


def test_the_answer_can_come_from_standard_input():
    result = runner.invoke(
        app,
        ["interview", "feedback", "--question", "Q", "--category", "behavioural",
         "--answer-file", "-", "--json"],
        input="I decided to rewrite it. As a result errors fell 40%.",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["category"] == "behavioural"


def test_a_configured_language_model_adds_its_critique(settings, stub_server, answer_file):
    settings.LLM_BASE_URL, settings.LLM_MODEL = stub_server, "tiny"
    base = ["--question", "Q", "--category", "strategy", "--answer-file", str(answer_file)]
    result = feedback(*base)
    assert result.exit_code == 0, result.output
    assert "Written critique (tiny):\nName a segment." in result.stdout
    data = json.loads(feedback(*base, "--json").stdout)
    assert data["llm_critique"] == {"ok": True, "text": "Name a segment.", "model": "tiny"}
    assert "llm_critique" not in json.loads(feedback(*base, "--json", "--no-llm").stdout)
    assert len(StubChat.received) == 2


def test_a_language_model_that_cannot_be_reached_is_one_line_beside_the_feedback(
    settings, answer_file
):
    port = closed_port()
    settings.LLM_BASE_URL, settings.LLM_MODEL = f"http://127.0.0.1:{port}/v1", "tiny"
    base = ["--question", "Q", "--category", "strategy", "--answer-file", str(answer_file)]
    result = feedback(*base)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Score ")
    said = " ".join(result.stdout.split())
    assert f"No written critique: could not reach the language model at 127.0.0.1:{port}" in said
    assert json.loads(feedback(*base, "--json").stdout)["llm_critique"]["ok"] is False
