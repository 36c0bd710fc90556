"""`pmpath interview practice`: a terminal session, driven through CliRunner with typed input."""

from typer.testing import CliRunner

from pmpath.cli._django import CLIError
from pmpath.cli.main import app
from pmpath.interview.models import Attempt, ReviewCard
from tests.interview.practice_factories import GOOD_ANSWER, early_today, make_card, make_question

runner = CliRunner()


def typed(answer: str, *more: str) -> str:
    return "\n".join([*answer.strip().splitlines(), ".", *more]) + "\n"


def test_a_session_scores_the_answer_and_schedules_it_from_the_rating(alice):
    question = make_question()
    result = runner.invoke(
        app,
        ["interview", "practice", "--question-id", str(question.pk), "--user", "alice"],
        input=typed(GOOD_ANSWER, "3"),
    )
    assert result.exit_code == 0, result.output
    attempt = Attempt.objects.get(user=alice, submitted_at__isnull=False)
    assert f"Score: {attempt.score}/100" in result.output
    assert "Framework coverage" in result.output and "A strong answer" in result.output
    assert "Rated Good: next practice in 2 days" in result.output
    card = ReviewCard.objects.get(user=alice, question=question)
    assert card.last_rating == 3 and attempt.rating == 3
    assert attempt.answer.startswith("## Clarify") and "." not in attempt.answer.splitlines()


def test_the_session_starts_with_what_is_due_in_the_category(alice):
    make_question(category="estimation", text="How many dog walkers work in Madrid?")
    due = make_question(category="estimation", text="How many taxis are there in Oslo?")
    make_card(alice, due, early_today())
    result = runner.invoke(
        app,
        ["interview", "practice", "--category", "estimation", "--user", "alice"],
        input=typed("About 1,500 taxis: 700,000 people, one taxi per 470.", "easy", "n"),
    )
    assert result.exit_code == 0, result.output
    assert "How many taxis are there in Oslo?" in result.output
    assert "Review due today" in result.output
    assert ReviewCard.objects.get(user=alice, question=due).last_rating == 4


def test_a_wrong_rating_is_asked_again(alice):
    question = make_question()
    result = runner.invoke(
        app,
        ["interview", "practice", "--question-id", str(question.pk), "--user", "alice"],
        input=typed("A short answer.", "7", "again"),
    )
    assert result.exit_code == 0, result.output
    assert "Type 1, 2, 3 or 4" in result.output
    assert ReviewCard.objects.get(user=alice).last_rating == 1


def test_ending_without_a_rating_leaves_the_answer_unrated(alice):
    question = make_question()
    result = runner.invoke(
        app,
        ["interview", "practice", "--question-id", str(question.pk), "--user", "alice"],
        input=typed("A short answer."),
    )
    assert result.exit_code == 0, result.output
    assert "Not rated" in result.output
    assert Attempt.objects.get(user=alice).rating is None and not ReviewCard.objects.exists()


def test_an_empty_answer_is_an_error_and_stores_nothing(alice):
    question = make_question()
    result = runner.invoke(
        app,
        ["interview", "practice", "--question-id", str(question.pk), "--user", "alice"],
        input=".\n",
    )
    assert isinstance(result.exception, CLIError)
    assert str(result.exception) == "answer: nothing was written, so nothing was scored"
    assert not Attempt.objects.exists()


def test_another_users_question_is_not_in_your_bank(alice, bob):
    bobs = make_question(owner=bob, text="Bob's question?")
    result = runner.invoke(
        app,
        ["interview", "practice", "--question-id", str(bobs.pk), "--user", "alice"],
        input="x\n.\n",
    )
    assert isinstance(result.exception, CLIError)
    assert "no question" in str(result.exception)


def test_an_unknown_category_is_refused(alice):
    result = runner.invoke(
        app, ["interview", "practice", "--category", "trivia", "--user", "alice"]
    )
    assert isinstance(result.exception, CLIError)
    assert str(result.exception).startswith("--category: choose one of product_sense")
