"""feedback_for and feedback_for_text: the engine's input built from the bank."""

# ruff: noqa: RUF001 - answers use the multiplication sign as candidates type it

import pytest

from pmpath.interview import knowledge
from pmpath.interview.feedback_service import (
    MAX_ANSWER_CHARACTERS,
    FeedbackError,
    feedback_for,
    feedback_for_text,
)
from tests.interview.practice_factories import GOOD_ANSWER, make_question


@pytest.mark.django_db
def test_a_question_without_a_framework_is_scored_with_its_category_default():
    question = make_question(framework="", time_limit_seconds=None)
    result = feedback_for(question, GOOD_ANSWER)
    default = knowledge.default_framework("product_sense")
    assert [s.key for s in result.steps] == [s.key for s in default.steps]
    assert result.time_limit_seconds == default.time_limit_seconds
    assert "Product design" in result.part("framework").explanation


@pytest.mark.django_db
def test_a_question_uses_its_own_framework_and_its_own_timer():
    question = make_question(
        category="execution", framework="root_cause", time_limit_seconds=240, text="WAU fell 10%."
    )
    result = feedback_for(question, "I'd segment by platform: iOS, Android and web.")
    assert [s.key for s in result.steps] == [s.key for s in knowledge.framework("root_cause").steps]
    assert result.time_limit_seconds == 240
    assert any(s.key == "segment" and s.covered for s in result.steps)


@pytest.mark.django_db
def test_an_unknown_framework_key_falls_back_to_the_category_default():
    question = make_question(category="estimation", framework="no-such-framework")
    result = feedback_for(question, "330M × 60% = 200M.")
    assert [s.key for s in result.steps] == [
        s.key for s in knowledge.default_framework("estimation").steps
    ]


def test_a_question_not_in_the_bank_is_scored_with_its_categorys_framework():
    result = feedback_for_text("behavioural", "Tell me about a conflict.", "I decided to act.")
    assert [s.key for s in result.steps] == [
        s.key for s in knowledge.default_framework("behavioural").steps
    ]
    assert result.category == "behavioural"
    assert result.part("ownership") is not None


def test_an_unknown_category_is_refused_with_the_field_named():
    with pytest.raises(FeedbackError, match=r"^category: 'design' is not one of product_sense"):
        feedback_for_text("design", "Q", "A")


def test_an_answer_past_the_size_limit_is_refused_not_truncated():
    with pytest.raises(FeedbackError, match=r"^answer: .* is more than the 60,000"):
        feedback_for_text("strategy", "Q", "x" * (MAX_ANSWER_CHARACTERS + 1))
