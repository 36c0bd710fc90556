"""Practice pages: the queue and picker, the practice page with its draft, the feedback page
with rating; alice owns, bob is another user, charlie is anonymous."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pmpath.interview.models import Attempt, ReviewCard
from tests.interview.practice_factories import (
    GOOD_ANSWER,
    bulk_attempts,
    early_today,
    make_attempt,
    make_card,
    make_question,
)
from tests.perf import assert_constant_queries


def test_the_practice_page_shows_the_question_framework_and_timer(alice_client):
    question = make_question()
    body = alice_client.get(reverse("interview:practice", args=[question.pk])).content.decode()
    assert question.text in body
    assert "Product design" in body and "Clarify the goal" in body  # the category's framework
    assert 'data-limit="900"' in body  # the framework's 15 minutes
    assert "How would you handle people who work nights?" in body


def test_a_question_with_its_own_limit_uses_it(alice_client):
    question = make_question(time_limit_seconds=420)
    body = alice_client.get(reverse("interview:practice", args=[question.pk])).content.decode()
    assert 'data-limit="420"' in body


def test_autosave_stores_a_draft_and_the_page_restores_it(alice, alice_client):
    question = make_question()
    url = reverse("interview:practice_draft", args=[question.pk])
    started = (timezone.now() - timedelta(seconds=75)).timestamp()
    response = alice_client.post(
        url,
        {"answer": "My half answer", "started": started, "elapsed_before": 30},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Draft saved at" in response.content.decode()
    draft = Attempt.objects.get(user=alice, submitted_at__isnull=True)
    assert 100 <= draft.duration_seconds <= 115
    page = alice_client.get(reverse("interview:practice", args=[question.pk])).content.decode()
    assert "My half answer" in page and 'data-elapsed="1' in page


def test_the_save_draft_button_works_without_javascript(alice, alice_client):
    question = make_question()
    response = alice_client.post(
        reverse("interview:practice_draft", args=[question.pk]), {"answer": "Plain form"}
    )
    assert response.status_code == 302
    assert response.url == reverse("interview:practice", args=[question.pk])
    assert Attempt.objects.get(user=alice).answer == "Plain form"


def test_an_autosave_that_fails_says_why_in_the_status(alice_client):
    question = make_question()
    response = alice_client.post(
        reverse("interview:practice_draft", args=[question.pk]),
        {"answer": "x" * 30_001},
        headers={"HX-Request": "true"},
    )
    assert "Not saved:" in response.content.decode()


def test_submitting_goes_to_the_feedback_page(alice, alice_client):
    question = make_question()
    response = alice_client.post(
        reverse("interview:practice", args=[question.pk]), {"answer": GOOD_ANSWER}
    )
    attempt = Attempt.objects.get(user=alice)
    assert response.status_code == 302
    assert response.url == reverse("interview:attempt", args=[attempt.pk])
    body = alice_client.get(response.url).content.decode()
    assert "Feedback" in body and f"<strong>{attempt.score}</strong>" in body
    assert "Picks one commuter segment and says why." in body  # the model points
    assert "Jumps to features before users." in body  # the pitfalls
    assert "Rate and schedule" in body and "Next: tomorrow" in body


def test_submitting_an_empty_answer_shows_the_error_on_the_field(alice_client):
    question = make_question()
    response = alice_client.post(reverse("interview:practice", args=[question.pk]), {"answer": ""})
    assert response.status_code == 200
    assert "write your answer before submitting it" in response.content.decode()


def test_rating_from_the_feedback_page_schedules_the_question(alice, alice_client):
    attempt = make_attempt(alice, make_question())
    url = reverse("interview:attempt", args=[attempt.pk])
    response = alice_client.post(
        url, {"rating": "4", "rubric_structure": "5", "self_review": "Lead with metrics."}
    )
    assert response.status_code == 302
    card = ReviewCard.objects.get(user=alice)
    assert card.last_rating == 4 and card.due_at > timezone.now() + timedelta(days=3)
    attempt.refresh_from_db()
    assert attempt.rubric == {"structure": 5} and attempt.self_review == "Lead with metrics."
    body = alice_client.get(url).content.decode()
    assert "Rated Easy: next practice in" in body
    assert "You rated this answer <strong>Easy</strong>" in body


def test_rating_without_a_choice_asks_for_one(alice, alice_client):
    attempt = make_attempt(alice, make_question())
    response = alice_client.post(reverse("interview:attempt", args=[attempt.pk]), {})
    assert "choose Again, Hard, Good or Easy" in response.content.decode()
    assert not ReviewCard.objects.exists()


def test_a_drafts_feedback_page_sends_you_back_to_the_editor(alice, alice_client):
    question = make_question()
    draft = make_attempt(alice, question, submitted_at=None, score=None)
    response = alice_client.get(reverse("interview:attempt", args=[draft.pk]))
    assert response.url == reverse("interview:practice", args=[question.pk])


def test_an_answer_with_html_is_shown_as_text(alice, alice_client):
    attempt = make_attempt(alice, make_question(), answer="**Bold** <script>alert(1)</script>")
    body = alice_client.get(reverse("interview:attempt", args=[attempt.pk])).content.decode()
    assert "<strong>Bold</strong>" in body
    assert "<script>alert(1)</script>" not in body


def test_the_queue_page_lists_what_is_due(alice, alice_client):
    question = make_question(text="Which metric would you watch for a ride-sharing launch?")
    make_card(alice, question, early_today())
    body = alice_client.get(reverse("interview:practice_pick") + "?due=1").content.decode()
    assert question.text in body and "Review due today" in body


def test_the_picker_page_lists_matching_questions(alice_client):
    make_question(category="estimation", text="How many umbrellas are sold in Dublin a year?")
    make_question(category="strategy", text="Should Rainco sell umbrellas by subscription?")
    url = reverse("interview:practice_pick") + "?category=estimation&company=Rainco"
    make_question(
        category="estimation", text="How many umbrellas does Rainco sell?", company="Rainco"
    )
    body = alice_client.get(url).content
    assert "How many umbrellas does Rainco sell?" in body.decode()
    assert "Dublin" not in body.decode() and "by subscription" not in body.decode()


# --- access: bob gets 404 for alice's things, charlie is anonymous ---------------------


def test_bob_cannot_see_or_rate_alices_answer(alice, bob_client):
    attempt = make_attempt(alice, make_question())
    url = reverse("interview:attempt", args=[attempt.pk])
    assert bob_client.get(url).status_code == 404
    assert bob_client.post(url, {"rating": "4"}).status_code == 404
    assert not ReviewCard.objects.exists()


def test_bob_cannot_practise_or_draft_alices_own_question(alice, bob, bob_client):
    hers = make_question(owner=alice, text="Alice's private question?")
    assert bob_client.get(reverse("interview:practice", args=[hers.pk])).status_code == 404
    url = reverse("interview:practice", args=[hers.pk])
    assert bob_client.post(url, {"answer": GOOD_ANSWER}).status_code == 404
    draft = reverse("interview:practice_draft", args=[hers.pk])
    assert bob_client.post(draft, {"answer": "x"}).status_code == 404
    assert not Attempt.objects.filter(user=bob).exists()


def test_alices_draft_is_not_restored_for_bob(alice, bob_client):
    question = make_question()
    make_attempt(alice, question, submitted_at=None, answer="Alice's secret draft")
    body = bob_client.get(reverse("interview:practice", args=[question.pk])).content.decode()
    assert "Alice's secret draft" not in body


@pytest.mark.parametrize("name", ["practice", "practice_draft", "attempt"])
def test_charlie_gets_404_on_object_routes(alice, charlie_client, name):
    question = make_question()
    pk = make_attempt(alice, question).pk if name == "attempt" else question.pk
    url = reverse(f"interview:{name}", args=[pk])
    assert charlie_client.get(url).status_code in (404, 405)
    assert charlie_client.post(url, {"answer": "x", "rating": "3"}).status_code == 404


def test_charlie_is_sent_to_log_in_from_the_picker(charlie_client):
    response = charlie_client.get(reverse("interview:practice_pick"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


# --- constant queries -----------------------------------------------------------------


def test_the_queue_runs_constant_queries_as_cards_and_answers_grow(alice, alice_client):
    questions = [make_question(text=f"Question {i}?") for i in range(12)]

    def grow(n: int) -> None:
        bulk_attempts(alice, questions[0], n)
        have = ReviewCard.objects.filter(user=alice).count()
        for question in questions[have : min(len(questions), max(have, n // 100 + 2))]:
            make_card(alice, question, timezone.now() - timedelta(hours=1))

    assert_constant_queries(alice_client, "/interview/practice/?due=1", grow)


def test_the_practice_and_feedback_pages_run_constant_queries(alice, alice_client):
    question = make_question()
    attempt = make_attempt(alice, question)
    assert_constant_queries(
        alice_client,
        f"/interview/practice/{question.pk}/",
        lambda n: bulk_attempts(alice, question, n),
    )
    assert_constant_queries(
        alice_client,
        f"/interview/attempts/{attempt.pk}/",
        lambda n: bulk_attempts(alice, question, n),
    )


def test_the_picker_runs_constant_queries(alice, alice_client):
    question = make_question(category="estimation")
    assert_constant_queries(
        alice_client,
        "/interview/practice/?category=estimation",
        lambda n: bulk_attempts(alice, question, n),
    )
