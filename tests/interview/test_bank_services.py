"""Adding, editing and deleting one's own questions, and importing and exporting the bank."""

import json

import pytest
from django.http import Http404

from pmpath.interview import bank_services as services
from pmpath.interview.models import Question
from pmpath.interview.transfer import format_as

CSV = (
    "text,category,levels,skills,follow_ups\n"
    '"Tell me about a time you shipped something you were unsure of.",behavioural,"pm, senior_pm",'
    'leadership,"What did you watch after launch?"\n'
    '"How many bicycles are sold in the Netherlands each year?",estimation,pm,,\n'
)


def own(user):
    return Question.objects.filter(owner=user)


def test_it_imports_rows_as_the_users_own_questions(alice):
    report = services.import_questions(alice, "mine.csv", CSV)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    shipped = own(alice).get(category="behavioural")
    assert shipped.levels == ["pm", "senior_pm"] and shipped.key == ""
    assert shipped.follow_ups == ["What did you watch after launch?"]


def test_importing_the_same_file_twice_changes_nothing(alice):
    services.import_questions(alice, "mine.csv", CSV)
    before = list(own(alice).order_by("id").values())
    report = services.import_questions(alice, "mine.csv", CSV)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert list(own(alice).order_by("id").values()) == before


def test_a_row_matching_by_text_updates_only_the_fields_the_file_has(alice):
    services.import_questions(alice, "mine.csv", CSV)
    question = own(alice).get(category="estimation")
    changed = 'text,difficulty\n"how many  BICYCLES are sold in the Netherlands each year?",3\n'
    report = services.import_questions(alice, "again.csv", changed)
    assert (report.created, report.updated) == (0, 1)
    question.refresh_from_db()
    assert question.difficulty == 3 and question.levels == ["pm"]


def test_rows_matching_the_shipped_bank_are_left_alone(alice):
    shipped = Question.objects.filter(owner__isnull=True).exclude(category="strategy").first()
    body = format_as("json", [{"text": shipped.text.upper(), "category": "strategy"}])
    report = services.import_questions(alice, "copy.json", body)
    assert (report.created, report.shipped) == (0, 1)
    assert "1 already in the shipped bank" in report.headline
    shipped.refresh_from_db()
    assert shipped.category != "strategy"
    assert not own(alice).exists()


def test_re_importing_a_full_export_copies_nothing(alice):
    services.create_question(alice, text="Design a kettle for a shared office.")
    body = services.export_questions(alice, fmt="md")
    report = services.import_questions(alice, "export.md", body)
    assert report.created == 0 and report.unchanged == 1
    assert report.shipped == Question.objects.filter(owner__isnull=True).count()
    assert report.problems == []


def test_a_repeated_row_is_reported_once_and_skipped(alice):
    body = CSV + '"Tell me about a time you shipped something you were unsure of.",behavioural,,,\n'
    report = services.import_questions(alice, "dup.csv", body)
    assert report.created == 2
    assert [(p.position, p.field) for p in report.problems] == [("row 4", "text")]


def test_an_import_that_fails_midway_stores_nothing(alice, monkeypatch):
    services.import_questions(alice, "mine.csv", CSV)
    changed = CSV.replace("pm, senior_pm", "director") + '"Design a tent for festivals.",,,,\n'

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Question.objects, "bulk_create", boom)
    with pytest.raises(RuntimeError):
        services.import_questions(alice, "mine.csv", changed)
    assert own(alice).get(category="behavioural").levels == ["pm", "senior_pm"]
    assert own(alice).count() == 2


def test_another_users_questions_do_not_count_as_duplicates(alice, bob):
    services.import_questions(bob, "bob.csv", CSV)
    assert services.import_questions(alice, "alice.csv", CSV).created == 2


def test_export_holds_what_the_user_can_see_and_own_only_holds_theirs(alice, bob):
    services.create_question(alice, text="Alice's question about onboarding?")
    services.create_question(bob, text="Bob's question about pricing?")
    everything = json.loads(services.export_questions(alice, fmt="json"))["questions"]
    texts = [q["text"] for q in everything]
    assert "Alice's question about onboarding?" in texts
    assert "Bob's question about pricing?" not in texts
    assert len(texts) == Question.objects.filter(owner__isnull=True).count() + 1
    mine = json.loads(services.export_questions(alice, fmt="json", own_only=True))["questions"]
    assert [q["text"] for q in mine] == ["Alice's question about onboarding?"]
    assert services.export_questions(None, fmt="csv", own_only=True).count("\n") == 1


def test_an_export_shows_a_question_edited_since_the_last_export(alice):
    question = services.create_question(alice, text="What would you measure for a zebra app?")
    assert "zebra app" in services.export_questions(alice, fmt="csv")
    services.update_question(
        alice, question_id=question.pk, text="What would you measure for a quokka app?"
    )
    body = services.export_questions(alice, fmt="csv")
    assert "quokka app" in body and "zebra app" not in body


def test_an_export_shows_questions_written_where_no_signal_reached_this_process(alice):
    """Another process's bulk import moves neither this process's generations nor sends
    signals: the export still holds its rows, and loses a row deleted the same way."""
    before = services.export_questions(alice, fmt="csv", own_only=True)
    Question.objects.bulk_create(
        [Question(owner=alice, text="How would you price a new tier?", category="strategy")]
    )
    assert "price a new tier" in services.export_questions(alice, fmt="csv", own_only=True)
    Question.objects.filter(owner=alice)._raw_delete(Question.objects.db)
    assert services.export_questions(alice, fmt="csv", own_only=True) == before


def test_a_new_question_without_a_category_gets_the_suggested_one(alice):
    question = services.create_question(
        alice, text="Tell me about a time you led without authority."
    )
    assert question.category == "behavioural" and question.owner == alice


def test_a_question_already_in_the_bank_is_refused_with_its_field(alice):
    shipped = Question.objects.filter(owner__isnull=True).first()
    with pytest.raises(
        services.QuestionError, match="^text: this question is already in the shipped"
    ):
        services.create_question(alice, text=f"  {shipped.text.lower()} ")
    services.create_question(alice, text="Design a kettle for a shared office.")
    with pytest.raises(services.QuestionError, match="one of your questions"):
        services.create_question(alice, text="Design a kettle for a shared  office.")


def test_bad_values_are_refused_naming_the_field(alice):
    with pytest.raises(services.QuestionError, match="^levels:"):
        services.create_question(alice, text="Design a kettle.", levels=["intern"])
    with pytest.raises(services.QuestionError, match="^framework:"):
        services.create_question(alice, text="Design a kettle.", framework="nope")


def test_only_the_owner_can_edit_or_delete_and_shipped_questions_are_read_only(alice, bob):
    mine = services.create_question(alice, text="Design a kettle for a shared office.")
    shipped = Question.objects.filter(owner__isnull=True).first()
    for target in (mine, shipped):
        with pytest.raises(Http404):
            services.update_question(bob, question_id=target.pk, text="Hijacked question text")
        with pytest.raises(Http404):
            services.delete_question(bob, question_id=target.pk)
    with pytest.raises(Http404):
        services.update_question(alice, question_id=shipped.pk, text="Rewriting the shipped one")
    updated = services.update_question(
        alice,
        question_id=mine.pk,
        text="Design a kettle for a busy office.",
        category="product_sense",
    )
    assert updated.text == "Design a kettle for a busy office."
    services.delete_question(alice, question_id=mine.pk)
    assert not own(alice).exists()
