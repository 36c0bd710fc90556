"""The category suggestion for a question someone adds: a pure keyword classifier."""

import pytest

from pmpath.interview.categorise import suggest
from pmpath.interview.knowledge import read_bank


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Tell me about a time you disagreed with your product director.", "behavioural"),
        ("Describe a situation where you had to win over a sceptical sales team.", "behavioural"),
        ("Why do you want to move from consulting into product?", "motivation"),
        ("Tell me about yourself.", "motivation"),
        ("How many dentists work in Germany?", "estimation"),
        ("Estimate the market size for electric bike insurance.", "estimation"),
        ("Weekly active users dropped 8% on Android yesterday. What happened?", "execution"),
        ("How would you measure the success of saved searches?", "execution"),
        ("Should a food-delivery company enter the grocery market?", "strategy"),
        ("How does a content delivery network work?", "technical"),
        ("Design the API for a shared shopping list.", "technical"),
        ("Design a museum guide for children.", "product_sense"),
        ("What would you change about our onboarding if you joined?", "company"),
    ],
)
def test_it_suggests_the_category_interviewers_mean(text, category):
    assert suggest(text).category == category


def test_it_explains_itself_with_the_phrases_it_matched():
    hint = suggest("Tell me about a time you failed.")
    assert hint.category == "behavioural"
    assert "tell me about a" in hint.matched
    assert 0 < hint.confidence <= 1


def test_text_with_nothing_to_go_on_falls_back_to_product_sense_with_no_confidence():
    hint = suggest("Bananas?")
    assert (hint.category, hint.confidence, hint.matched) == ("product_sense", 0.0, ())


def test_it_agrees_with_the_shipped_bank_on_most_questions():
    bank = read_bank()[0]
    right = sum(1 for q in bank if suggest(q.text).category == q.category)
    accuracy = right / len(bank)
    print(f"category suggestion accuracy on the shipped bank: {accuracy:.1%} of {len(bank)}")
    assert accuracy >= 0.85
