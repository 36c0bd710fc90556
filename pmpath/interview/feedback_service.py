"""Feedback for an answer, from a question in the bank or from any question text. Builds the
engine's input from the question's framework (its own, else its category's default, as in
knowledge.framework_for) and the framework's timer, then runs the pure engine."""

from __future__ import annotations

from typing import Any

from pmpath.interview import knowledge
from pmpath.interview.feedback import AnswerInput, Feedback, Step, evaluate

# Longer answers are refused rather than truncated: a practice answer is at most a few thousand
# words, and the limit keeps a pasted book from tying up a web worker.
MAX_ANSWER_CHARACTERS = 60_000


class FeedbackError(ValueError):
    """The input cannot be scored. The message says which field to fix."""


def steps_of(framework: knowledge.Framework | None) -> tuple[Step, ...]:
    if framework is None:
        return ()
    return tuple(Step(s.key, s.name, tuple(s.cues), s.guidance) for s in framework.steps)


def build_input(
    *,
    category: str,
    question_text: str,
    answer: str,
    framework: knowledge.Framework | None,
    time_limit_seconds: int | None = None,
) -> AnswerInput:
    if category not in knowledge.CATEGORIES:
        raise FeedbackError(
            f"category: {category!r} is not one of {', '.join(knowledge.CATEGORIES)}"
        )
    if len(answer) > MAX_ANSWER_CHARACTERS:
        raise FeedbackError(
            f"answer: {len(answer):,} characters is more than the {MAX_ANSWER_CHARACTERS:,} "
            "a practice answer may have"
        )
    return AnswerInput(
        question=question_text,
        category=category,
        answer=answer,
        steps=steps_of(framework),
        framework_name=framework.name if framework else "",
        time_limit_seconds=time_limit_seconds
        or (framework.time_limit_seconds if framework else None),
    )


def question_for_feedback(user: Any, question_id: int) -> Any:
    """A shipped question, or one of the user's own (user None: the shipped bank only)."""
    from pmpath.interview.models import Question

    found = Question.objects.visible_to(user).filter(pk=question_id).first()
    if found is None:
        mine = f" nor among {user.get_username()}'s own questions" if user is not None else ""
        raise FeedbackError(f"question-id: there is no question {question_id} in the bank{mine}")
    return found


def feedback_for(question: Any, answer_text: str) -> Feedback:
    """Feedback on an answer to a Question row (or anything with its fields)."""
    framework = knowledge.framework_for(question)
    return evaluate(
        build_input(
            category=question.category,
            question_text=question.text,
            answer=answer_text,
            framework=framework,
            time_limit_seconds=question.time_limit_seconds,
        )
    )


def feedback_for_text(category: str, question_text: str, answer: str) -> Feedback:
    """Feedback for a question that is not in the bank, scored with its category's framework."""
    if category not in knowledge.CATEGORIES:
        raise FeedbackError(
            f"category: {category!r} is not one of {', '.join(knowledge.CATEGORIES)}"
        )
    framework = knowledge.default_framework(category)
    return evaluate(
        build_input(
            category=category, question_text=question_text, answer=answer, framework=framework
        )
    )
