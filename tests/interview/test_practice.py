"""Practice services: drafts, submitting with feedback, rating and scheduling, the daily queue
and the picker."""

from datetime import UTC, datetime, timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from pmpath.interview import practice, practice_queries
from pmpath.interview.models import Attempt, ReviewCard
from pmpath.interview.practice import PracticeError
from tests.interview.practice_factories import (
    GOOD_ANSWER,
    make_attempt,
    make_card,
    make_question,
)
from tests.jobs.factories import make_application, make_interview

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def test_saving_a_draft_twice_keeps_one_draft_with_the_latest_text(alice):
    question = make_question()
    practice.save_draft(alice, question_id=question.pk, answer="First line")
    practice.save_draft(
        alice, question_id=question.pk, answer="First line\nSecond", duration_seconds=95
    )
    drafts = Attempt.objects.filter(user=alice, submitted_at__isnull=True)
    assert drafts.count() == 1
    assert drafts.get().answer == "First line\nSecond"
    assert drafts.get().duration_seconds == 95


def test_submitting_scores_the_draft_with_the_feedback_engine(alice):
    question = make_question()
    draft = practice.save_draft(alice, question_id=question.pk, answer="Draft")
    attempt = practice.submit_attempt(
        alice, question_id=question.pk, answer=GOOD_ANSWER, duration_seconds=540
    )
    assert attempt.pk == draft.pk
    assert attempt.submitted_at is not None and attempt.duration_seconds == 540
    assert 0 < attempt.score <= 100
    assert attempt.feedback["score"] == attempt.score
    assert {p["key"] for p in attempt.feedback["parts"]} >= {"framework", "structure"}
    assert [s["key"] for s in attempt.feedback["steps"]["covered"]][:2] == ["clarify", "users"]


def test_a_better_answer_scores_higher_than_a_thin_one(alice):
    question = make_question()
    strong = practice.submit_attempt(alice, question_id=question.pk, answer=GOOD_ANSWER)
    thin = practice.submit_attempt(alice, question_id=question.pk, answer="I would build an app.")
    assert strong.score > thin.score


def test_an_empty_answer_cannot_be_submitted_and_nothing_is_stored(alice):
    question = make_question()
    with pytest.raises(PracticeError, match="^answer: write your answer"):
        practice.submit_attempt(alice, question_id=question.pk, answer="   ")
    assert not Attempt.objects.filter(user=alice).exists()


def test_an_answer_over_the_limit_is_refused_naming_the_field(alice):
    question = make_question()
    with pytest.raises(PracticeError, match="^answer: keep it under 30,000"):
        practice.save_draft(alice, question_id=question.pk, answer="x" * 30_001)


def test_the_duration_without_javascript_comes_from_the_page_load_time(alice):
    now = timezone.now()
    assert practice.elapsed_seconds(now.timestamp() - 300, 60, now) == 360
    assert practice.elapsed_seconds(None, 60, now) == 60
    # A page loaded "in the future" or days ago is not trusted.
    assert practice.elapsed_seconds(now.timestamp() + 50, 60, now) == 60
    assert practice.elapsed_seconds(now.timestamp() - 10 * 86400, 0, now) == 0


def test_an_autosave_arriving_after_the_submit_makes_no_new_draft(alice):
    question = make_question()
    practice.submit_attempt(alice, question_id=question.pk, answer=GOOD_ANSWER)
    late = practice.save_draft(alice, question_id=question.pk, answer=GOOD_ANSWER.strip())
    assert late.submitted_at is not None
    assert not Attempt.objects.filter(user=alice, submitted_at__isnull=True).exists()


def test_another_users_own_question_cannot_be_practised(alice, bob):
    hers = make_question(owner=alice, text="Alice's private question about her team?")
    with pytest.raises(Http404):
        practice.save_draft(bob, question_id=hers.pk, answer="mine now")
    with pytest.raises(Http404):
        practice.submit_attempt(bob, question_id=hers.pk, answer="mine now")


def test_rating_creates_the_card_and_schedules_it_from_the_rating_time(alice):
    question = make_question()
    attempt = make_attempt(alice, question)
    attempt, card = practice.rate_attempt(
        alice, attempt_id=attempt.pk, rating=3, rubric={"structure": 4}, now=NOON
    )
    assert card.reviews == 1 and card.last_rating == 3
    assert card.due_at == NOON + timedelta(days=2)
    assert card.state["last_review"] == NOON.isoformat()
    assert attempt.rating == 3 and attempt.rubric == {"structure": 4}


def test_again_brings_the_question_back_sooner_than_easy(alice, bob):
    question = make_question()
    _, again = practice.rate_attempt(
        alice, attempt_id=make_attempt(alice, question).pk, rating=1, now=NOON
    )
    _, easy = practice.rate_attempt(
        bob, attempt_id=make_attempt(bob, question).pk, rating=4, now=NOON
    )
    assert again.due_at == NOON + timedelta(days=1)
    assert easy.due_at > again.due_at + timedelta(days=5)


def test_rating_again_later_reschedules_the_same_card(alice):
    question = make_question()
    _, first = practice.rate_attempt(
        alice, attempt_id=make_attempt(alice, question).pk, rating=3, now=NOON
    )
    _, second = practice.rate_attempt(
        alice, attempt_id=make_attempt(alice, question).pk, rating=3, now=first.due_at
    )
    assert ReviewCard.objects.filter(user=alice).count() == 1
    assert second.reviews == 2
    assert second.due_at - first.due_at > first.due_at - NOON


def test_an_answer_is_rated_once_but_its_review_can_be_edited(alice):
    question = make_question()
    attempt = make_attempt(alice, question)
    practice.rate_attempt(alice, attempt_id=attempt.pk, rating=2, now=NOON)
    with pytest.raises(PracticeError, match="already rated Hard"):
        practice.rate_attempt(alice, attempt_id=attempt.pk, rating=4, now=NOON)
    edited, card = practice.rate_attempt(
        alice, attempt_id=attempt.pk, rating=None, self_review="Lead with the user.", now=NOON
    )
    assert card is None and edited.self_review == "Lead with the user."
    assert ReviewCard.objects.get(user=alice).reviews == 1


def test_a_draft_cannot_be_rated(alice):
    draft = practice.save_draft(alice, question_id=make_question().pk, answer="half")
    with pytest.raises(PracticeError, match="^rating: submit the answer"):
        practice.rate_attempt(alice, attempt_id=draft.pk, rating=3)


def test_a_rubric_score_outside_one_to_five_or_an_unknown_dimension_is_refused(alice):
    attempt = make_attempt(alice, make_question())
    with pytest.raises(PracticeError, match="score from 1 to 5"):
        practice.rate_attempt(
            alice,
            attempt_id=attempt.pk,
            rating=3,
            rubric={"structure": 9},
            rubric_keys=["structure"],
        )
    with pytest.raises(PracticeError, match="not a dimension"):
        practice.rate_attempt(
            alice, attempt_id=attempt.pk, rating=3, rubric={"charm": 3}, rubric_keys=["structure"]
        )
    assert not ReviewCard.objects.filter(user=alice).exists()


def test_bob_cannot_rate_alices_answer(alice, bob):
    attempt = make_attempt(alice, make_question())
    with pytest.raises(Http404):
        practice.rate_attempt(bob, attempt_id=attempt.pk, rating=4)


# --- the queue ----------------------------------------------------------------------------


def test_the_queue_holds_cards_due_today_and_not_those_due_later(alice):
    now = timezone.now()
    due = make_question(text="Due question?")
    later = make_question(text="Later question?")
    make_card(alice, due, now - timedelta(days=2), last_rating=2)
    make_card(alice, later, now + timedelta(days=3))
    queue = practice_queries.due_queue(alice, now=now)
    due_items = [i for i in queue.items if i.kind == "due"]
    assert [i.question for i in due_items] == [due]
    assert "overdue since" in due_items[0].reason and "last rated Hard" in due_items[0].reason
    assert queue.due_total == 1
    assert later not in [i.question for i in queue.items]


def test_the_queue_adds_the_weakest_recent_category(alice):
    strong = make_question(category="estimation", text="How many pianos are in Paris?")
    weak = make_question(category="strategy", text="Should a bank launch a phone plan?")
    make_question(category="strategy", text="Should a bakery sell online?")
    make_attempt(alice, strong, score=90)
    make_attempt(alice, weak, score=30)
    make_card(alice, strong, timezone.now() + timedelta(days=9))
    make_card(alice, weak, timezone.now() + timedelta(days=9))
    queue = practice_queries.due_queue(alice)
    assert [c for c, _avg, _n in queue.weak] == ["strategy", "estimation"]
    weak_items = [i for i in queue.items if i.kind == "weak"]
    strategy = [i for i in weak_items if i.question.category == "strategy"]
    assert len(strategy) == practice_queries.PER_CATEGORY
    assert weak not in [i.question for i in weak_items]  # already in the schedule
    assert strategy[0].reason == "A weak area lately: Product strategy averages 30"


def test_the_queue_prepares_for_interviews_in_the_next_fortnight(alice):
    company_question = make_question(
        text="How would you grow Northwind's marketplace?", company="Northwind"
    )
    make_question(category="execution", text="Sign-ups dropped 10%: why?")
    application = make_application(alice, company_name="Northwind")
    make_interview(alice, application, kind="execution")
    queue = practice_queries.due_queue(alice)
    found = [i for i in queue.items if i.kind == "interview"]
    reasons = {i.question: i.reason for i in found}
    assert reasons[company_question].startswith("Asked at Northwind; you interview there on")
    rounds = [i for i in found if i.question.category == "execution"]
    assert len(rounds) == practice_queries.PER_CATEGORY
    assert rounds[0].reason.startswith("Execution and metrics round at Northwind on")


def test_an_interview_further_away_than_a_fortnight_adds_nothing(alice):
    make_question(text="How would you grow Northwind's marketplace?", company="Northwind")
    application = make_application(alice, company_name="Northwind")
    far = datetime.now().replace(second=0, microsecond=0) + timedelta(days=30)
    make_interview(alice, application, local_start=far)
    assert not [i for i in practice_queries.due_queue(alice).items if i.kind == "interview"]


def test_a_rated_question_leaves_todays_queue(alice):
    question = make_question()
    make_card(alice, question, timezone.now() - timedelta(hours=1))
    assert question in [i.question for i in practice_queries.due_queue(alice).items]
    practice.rate_attempt(alice, attempt_id=make_attempt(alice, question).pk, rating=1)
    assert question not in [i.question for i in practice_queries.due_queue(alice).items]


def test_a_new_user_gets_a_first_question_from_up_to_three_untried_categories(alice):
    make_question(
        category="behavioural", difficulty=1, text="Tell me about a conflict you resolved."
    )
    news = [i for i in practice_queries.due_queue(alice).items if i.kind == "new"]
    assert 1 <= len(news) <= 3
    assert len({i.question.category for i in news}) == len(news)
    assert all(i.reason.startswith("New to you: start on ") for i in news)


def test_the_queue_never_shows_another_users_cards_or_questions(alice, bob):
    bobs = make_question(owner=bob, text="Bob's own question?")
    make_card(bob, bobs, timezone.now() - timedelta(days=1))
    queue = practice_queries.due_queue(alice)
    assert bobs not in [i.question for i in queue.items]
    assert queue.due_total == 0


# --- the picker ---------------------------------------------------------------------------


def test_the_picker_filters_by_category_skill_level_and_company(alice):
    match = make_question(
        category="strategy", skills=["strategic_thinking"], levels=["senior_pm"], company="Acme"
    )
    make_question(category="strategy", skills=["strategic_thinking"], levels=["pm"], company="Acme")
    make_question(
        category="strategy", skills=["communication"], levels=["senior_pm"], company="Acme"
    )
    make_question(category="execution", skills=["strategic_thinking"], levels=["senior_pm"])
    page = practice_queries.picker(
        alice, category="strategy", skill="strategic_thinking", level="senior_pm", company="acm"
    )
    assert list(page.object_list) == [match]


def test_the_pm_level_does_not_match_senior_pm_or_apm_questions(alice):
    make_question(levels=["senior_pm", "apm"], text="Only for APMs and senior PMs?", company="Zeta")
    pm = make_question(levels=["pm"], text="For PMs?", company="Zeta")
    assert list(practice_queries.picker(alice, level="pm", company="Zeta").object_list) == [pm]


def test_the_picker_lists_unpractised_questions_first_and_counts_answers(alice):
    done = make_question(category="estimation", text="How many dentists?", company="Lisbon")
    fresh = make_question(category="estimation", text="How many bikes?", company="Lisbon")
    make_attempt(alice, done)
    make_attempt(alice, done)
    mine = list(practice_queries.picker(alice, category="estimation", company="Lisbon").object_list)
    assert mine == [fresh, done]
    assert mine[1].times == 2 and mine[0].times is None
