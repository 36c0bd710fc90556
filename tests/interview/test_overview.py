from django.urls import reverse

from pmpath.interview.models import Question


def test_the_overview_counts_the_bank_and_hides_other_users_questions(alice, bob, alice_client):
    Question.objects.create(owner=bob, text="Bob's own question?", category="strategy")
    Question.objects.create(owner=alice, text="Alice's own question?", category="strategy")
    body = alice_client.get(reverse("interview:index")).content.decode()
    assert "Product strategy" in body
    assert (
        Question.objects.visible_to(alice).filter(category="strategy", owner__isnull=False).count()
        == 1
    )


def test_charlie_is_sent_to_log_in(charlie_client):
    assert charlie_client.get(reverse("interview:index")).status_code == 302
