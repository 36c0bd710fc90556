"""The question bank pages, with alice (owner), bob (another user) and charlie (anonymous)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pmpath.interview.models import Attempt, Question
from tests.interview.practice_factories import make_attempt, make_question
from tests.perf import assert_constant_queries


@pytest.fixture
def alices(alice):
    return make_question(alice, text="Alice's own question about a museum app?")


@pytest.fixture
def shipped(db):
    return Question.objects.filter(owner__isnull=True, category="behavioural").first()


def grow_bank(user):
    """Bring the user to n own questions and ten submitted answers per question."""

    def grow(n):
        have = Question.objects.filter(owner=user).count()
        Question.objects.bulk_create(
            [
                Question(owner=user, text=f"Own question number {i}?", category="strategy")
                for i in range(have, n)
            ]
        )
        ids = list(Question.objects.filter(owner=user).values_list("id", flat=True))
        now = timezone.now()
        Attempt.objects.filter(user=user).delete()
        Attempt.objects.bulk_create(
            [
                Attempt(
                    user=user,
                    question_id=qid,
                    started_at=now,
                    submitted_at=now - timedelta(days=k),
                    score=40 + k,
                    feedback={"score": 40 + k, "parts": []},
                )
                for qid in ids
                for k in range(10)
            ],
            batch_size=2000,
        )

    return grow


# --- the list ---------------------------------------------------------------------------------


def test_the_bank_lists_shipped_and_own_questions_but_not_other_peoples(alice_client, alices, bob):
    make_question(bob, text="Bob's secret question about trains?")
    body = alice_client.get(reverse("interview:questions") + "?source=mine").content.decode()
    assert "Alice&#39;s own question about a museum app?" in body
    assert "Bob&#39;s secret question" not in body
    everything = alice_client.get(reverse("interview:questions")).content.decode()
    assert "Page 1 of" in everything
    assert everything.count("<tr>") == 51  # the header and a page of 50


def test_the_bank_filters_by_category_level_skill_difficulty_company_and_words(alice_client):
    url = reverse("interview:questions")
    body = alice_client.get(
        url + "?category=technical&level=director&difficulty=3"
    ).content.decode()
    for q in Question.objects.filter(category="technical", difficulty=3, owner__isnull=True):
        if "director" in q.levels:
            assert q.text.replace("'", "&#39;") in body
    assert "Product strategy" not in body.split("<tbody>")[1]
    body = alice_client.get(url + "?company=Spotify").content.decode()
    spotify = Question.objects.filter(company__iexact="spotify").count()
    assert spotify >= 1 and body.count("<tr>") == spotify + 1
    body = alice_client.get(url + "?q=disagreed+MANAGER&category=behavioural").content.decode()
    assert "Describe a time you disagreed with your manager&#39;s decision." in body
    assert "Tell me about your biggest professional failure." not in body
    body = alice_client.get(url + "?skill=technical_knowledge&category=motivation").content.decode()
    assert "You are a strong engineer. Why move into product management?" in body
    assert "Tell me about yourself." not in body
    body = alice_client.get(url + "?q=zebra+crossings+nowhere").content.decode()
    assert "No questions match these filters" in body


def test_the_bank_shows_the_users_own_practice_numbers(alice, alice_client, shipped):
    make_attempt(alice, shipped, score=55, submitted_at=timezone.now() - timedelta(days=2))
    make_attempt(alice, shipped, score=81)
    body = alice_client.get(reverse("interview:questions") + "?category=behavioural").content
    assert "2\u00d7 · last 81" in body.decode()


def test_the_bank_page_reads_in_constant_queries_at_1000_questions_and_10000_answers(
    alice, alice_client
):
    url = reverse("interview:questions")
    assert_constant_queries(alice_client, url, grow_bank(alice), small=10, large=1000)
    assert_constant_queries(
        alice_client, url + "?source=mine&q=number&level=pm&page=3", grow_bank(alice), large=1000
    )


def test_charlie_is_sent_to_log_in_from_the_bank(charlie_client):
    for name in ["questions", "question_new", "questions_import", "questions_export"]:
        response = charlie_client.get(reverse(f"interview:{name}"))
        assert response.status_code == 302 and "/login" in response["Location"]


# --- one question -----------------------------------------------------------------------------


def test_a_question_page_shows_probes_pitfalls_framework_and_a_practise_link(alice_client, shipped):
    body = alice_client.get(reverse("interview:question", args=[shipped.pk])).content.decode()
    assert shipped.follow_ups[0].replace("'", "&#39;") in body
    assert shipped.pitfalls[0].replace("'", "&#39;") in body
    assert "Situation" in body and "STAR" in body
    assert reverse("interview:practice", args=[shipped.pk]) in body
    assert "A shipped question: read-only" in body


def test_model_points_stay_folded_until_the_question_is_practised(alice, alice_client, shipped):
    url = reverse("interview:question", args=[shipped.pk])
    before = alice_client.get(url).content.decode()
    assert '<details class="model-points">' in before and "Answer it first" in before
    make_attempt(alice, shipped, score=70)
    after = alice_client.get(url).content.decode()
    assert '<details class="model-points" open>' in after
    assert "You have answered this 1 time; the last scored <strong>70</strong>" in after


def test_anyone_signed_in_sees_shipped_questions_but_only_alice_sees_hers(
    alice_client, bob_client, charlie_client, alices, shipped
):
    own = reverse("interview:question", args=[alices.pk])
    assert alice_client.get(own).status_code == 200
    assert bob_client.get(own).status_code == 404
    assert charlie_client.get(own).status_code == 404
    assert bob_client.get(reverse("interview:question", args=[shipped.pk])).status_code == 200
    assert charlie_client.get(reverse("interview:question", args=[shipped.pk])).status_code == 404


def test_the_question_page_reads_in_constant_queries(alice, alice_client, shipped):
    def grow(n):
        for _ in range(n - Attempt.objects.filter(user=alice).count()):
            make_attempt(alice, shipped)

    url = reverse("interview:question", args=[shipped.pk])
    assert_constant_queries(alice_client, url, grow, small=2, large=30)


# --- adding, editing, deleting ----------------------------------------------------------------


def test_alice_adds_a_question_and_gets_a_suggested_category(alice, alice_client):
    response = alice_client.post(
        reverse("interview:question_new"),
        {"text": "Tell me about a time you rescued a failing launch.", "difficulty": "2",
         "levels": ["pm"], "strong_answer": "Owns the rescue.\nGives a number."},
    )  # fmt: skip
    question = Question.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("interview:question", args=[question.pk])
    assert question.category == "behavioural"
    assert question.strong_answer == ["Owns the rescue.", "Gives a number."]
    page = alice_client.get(response["Location"]).content.decode()
    assert "Added, as Behavioural (suggested)" in page


def test_adding_a_shipped_question_again_shows_the_problem_on_the_text_field(alice_client, shipped):
    response = alice_client.post(
        reverse("interview:question_new"), {"text": shipped.text, "difficulty": "2"}
    )
    assert response.status_code == 200
    assert "this question is already in the shipped bank" in response.content.decode()


def test_the_category_hint_follows_the_text(alice_client):
    url = reverse("interview:question_suggest") + "?text=How+many+taxis+are+in+Paris"
    body = alice_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Suggested category: <strong>Estimation</strong>" in body
    assert (
        alice_client.get(reverse("interview:question_suggest") + "?text=Hi").content.strip() == b""
    )


def test_only_alice_edits_her_question(alice_client, bob_client, charlie_client, alices):
    url = reverse("interview:question_edit", args=[alices.pk])
    assert bob_client.get(url).status_code == 404
    assert charlie_client.get(url).status_code == 404
    data = {
        "text": "Design a museum app for teenagers.",
        "category": "product_sense",
        "difficulty": "3",
    }
    assert bob_client.post(url, data).status_code == 404
    assert charlie_client.post(url, data).status_code == 404
    alices.refresh_from_db()
    assert alices.text == "Alice's own question about a museum app?"
    assert alice_client.get(url).status_code == 200
    assert alice_client.post(url, data).status_code == 302
    alices.refresh_from_db()
    assert (alices.text, alices.difficulty) == ("Design a museum app for teenagers.", 3)


def test_shipped_questions_cannot_be_edited_or_deleted(alice_client, shipped):
    assert (
        alice_client.get(reverse("interview:question_edit", args=[shipped.pk])).status_code == 404
    )
    response = alice_client.post(reverse("interview:question_delete", args=[shipped.pk]))
    assert response.status_code == 404
    assert Question.objects.filter(pk=shipped.pk).exists()


def test_only_alice_deletes_her_question(alice_client, bob_client, charlie_client, alices):
    url = reverse("interview:question_delete", args=[alices.pk])
    assert bob_client.post(url).status_code == 404
    assert charlie_client.post(url).status_code == 404
    assert alice_client.get(url).status_code == 405
    assert Question.objects.filter(pk=alices.pk).exists()
    assert alice_client.post(url)["Location"] == reverse("interview:questions")
    assert not Question.objects.filter(pk=alices.pk).exists()


# --- import and export ------------------------------------------------------------------------


def test_the_import_page_imports_a_file_and_names_bad_rows(alice, alice_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = b"text,levels\nDesign a kettle for an office.,pm\nWhy product?,intern\n"
    upload = SimpleUploadedFile("mine.csv", body, content_type="text/csv")
    page = alice_client.post(
        reverse("interview:questions_import"), {"file": upload}
    ).content.decode()
    assert "Imported from mine.csv: 1 new, 0 updated, 0 unchanged." in page
    assert "row 3 · levels:" in page
    assert Question.objects.filter(owner=alice).count() == 1


def test_the_export_downloads_each_format_and_refuses_others(alice_client, alices):
    url = reverse("interview:questions_export")
    csv = alice_client.get(url + "?format=csv&own=1")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Alice's own question about a museum app?" in csv.content.decode()
    assert 'filename="pmpath-my-questions-' in csv["Content-Disposition"]
    md = alice_client.get(url + "?format=md").content.decode()
    assert md.startswith("# Interview questions") and "## Alice's own question" in md
    assert alice_client.get(url + "?format=json")["Content-Type"] == "application/json"
    bad = alice_client.get(url + "?format=xml")
    assert bad.status_code == 400 and b"format: choose csv, json or md" in bad.content


def test_bob_exports_never_include_alices_questions(bob_client, alices):
    body = bob_client.get(reverse("interview:questions_export") + "?format=csv").content.decode()
    assert "museum app" not in body
    own = bob_client.get(reverse("interview:questions_export") + "?format=csv&own=1")
    assert own.content.decode().count("\n") == 1
