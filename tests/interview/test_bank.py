"""The shipped question bank and frameworks: size, coverage, references, and the seed."""

from collections import Counter

import pytest

from pmpath.core.knowledge import KnowledgeError, run_seeds
from pmpath.interview import knowledge, seed
from pmpath.interview.knowledge import CATEGORIES, LEVELS, read_bank, read_frameworks
from pmpath.interview.models import Attempt, Question
from tests.interview.practice_factories import make_attempt

# The issue asks for at least 400 questions; each helper's file has its own minimums.
MINIMUMS = {
    "technical": 40,
    "behavioural": 80,
    "motivation": 25,
    "company": 20,
    "product_sense": 60,
    "strategy": 40,
    "estimation": 40,
    "execution": 60,
}


@pytest.fixture(scope="module")
def bank():
    return read_bank()[0]


def test_the_combined_bank_has_at_least_400_questions(bank):
    assert len(bank) >= 400, f"only {len(bank)} questions"


def test_every_category_meets_its_minimum(bank):
    counts = Counter(q.category for q in bank)
    short = {c: (counts[c], least) for c, least in MINIMUMS.items() if counts[c] < least}
    assert not short, f"categories below their minimum (have, need): {short}"


def test_every_category_has_questions_for_every_level_and_difficulty(bank):
    missing = [
        (category, level)
        for category in CATEGORIES
        for level in LEVELS
        if not any(q.category == category and level in q.levels for q in bank)
    ]
    assert not missing, f"no questions for {missing}"
    for category in CATEGORIES:
        assert {q.difficulty for q in bank if q.category == category} >= {1, 2, 3} - (
            {3} if category == "motivation" else set()
        ), category


def test_behavioural_questions_cover_every_skill_and_theme(bank):
    behavioural = [q for q in bank if q.category == "behavioural"]
    assert {s for q in behavioural for s in q.skills} == set(knowledge.SKILLS)
    themes = Counter(t for q in behavioural for t in q.themes)
    assert all(themes[t] >= 5 for t in knowledge.THEMES), themes


def test_every_framework_a_question_names_exists(bank):
    keys = {f.key for f in read_frameworks()[0]}
    assert {q.framework for q in bank} <= keys


def test_company_questions_include_generic_templates_and_named_companies(bank):
    company = [q for q in bank if q.category == "company"]
    assert sum(1 for q in company if not q.company) >= 10
    assert len({q.company for q in company if q.company}) >= 8


def test_questions_are_distinct_and_carry_their_own_points(bank):
    texts = Counter(knowledge.fold(q.text) for q in bank)
    assert [t for t, n in texts.items() if n > 1] == []
    points = Counter(p for q in bank for p in q.strong_answer)
    # Model points are written per question; a few short generic ones may repeat, no more.
    assert sum(n for n in points.values() if n > 1) <= len(bank) // 10


def test_the_frameworks_cover_every_category_with_cues_and_a_rubric():
    frameworks = read_frameworks()[0]
    keys = {f.key for f in frameworks}
    assert {
        "product_design",
        "estimation",
        "metrics",
        "root_cause",
        "strategy",
        "prioritisation",
        "technical",
        "behavioural",
        "motivation",
    } <= keys
    for f in frameworks:
        assert 3 <= len(f.rubric) <= 5, f.key
        for step in f.steps:
            assert 8 <= len(step.cues) <= 20, (f.key, step.key)
            assert all(c == c.lower() for c in step.cues)
    steps = {f.key: [s.key for s in f.steps] for f in frameworks}
    assert steps["product_design"] == [
        "clarify", "users", "needs", "prioritise", "solutions", "trade_offs", "metrics", "summary",
    ]  # fmt: skip
    assert steps["behavioural"] == ["situation", "task", "action", "result", "reflection"]
    credits = " ".join(f.credit for f in frameworks)
    assert "CIRCLES" in credits and "Lewis Lin" in credits
    assert "RICE" in credits and "Intercom" in credits and "STAR" in credits


def test_framework_and_time_limit_fall_back_to_the_category_default():
    q = Question(category="estimation", framework="", time_limit_seconds=None)
    assert knowledge.framework_for(q).key == "estimation"
    assert knowledge.time_limit(q) == knowledge.framework("estimation").time_limit_seconds
    assert knowledge.time_limit(Question(category="estimation", time_limit_seconds=120)) == 120


def test_the_seed_loaded_every_shipped_question(db, bank):
    shipped = Question.objects.filter(owner__isnull=True)
    assert shipped.count() == len(bank)
    assert set(shipped.values_list("key", flat=True)) == {q.key for q in bank}


def test_running_the_seed_again_changes_nothing(db):
    before = list(Question.objects.order_by("id").values_list("id", "text", "updated_at"))
    assert seed.seed_questions(False) is None
    assert seed.seed_questions(True).endswith("(0 new, 0 updated)")
    run_seeds()
    after = list(Question.objects.order_by("id").values_list("id", "text", "updated_at"))
    assert after == before


def test_a_changed_shipped_question_is_updated_in_place(db, alice, monkeypatch):
    entries, _checksum = read_bank()
    target = entries[0]
    stored = Question.objects.get(key=target.key)
    make_attempt(alice, stored)
    changed = target.model_copy(update={"text": target.text + " (reworded)", "difficulty": 3})
    monkeypatch.setattr(
        knowledge, "read_bank", lambda: ([changed, *entries[1:]], "a different checksum")
    )
    line = seed.seed_questions(False)
    assert "(0 new, 1 updated)" in line
    stored.refresh_from_db()
    assert stored.text.endswith("(reworded)") and stored.difficulty == 3
    assert Attempt.objects.filter(question=stored).count() == 1


def test_the_seed_never_touches_users_own_questions(db, alice):
    own = Question.objects.create(
        owner=alice, text="My own question about pricing?", category="strategy"
    )
    seed.seed_questions(True)
    own.refresh_from_db()
    assert own.owner == alice and own.key == "" and own.text == "My own question about pricing?"


def test_a_retired_question_is_deleted_unless_someone_practised_it(db, alice, monkeypatch):
    entries, _ = read_bank()
    practised = Question.objects.get(key=entries[0].key)
    unused = Question.objects.get(key=entries[1].key)
    make_attempt(alice, practised)
    monkeypatch.setattr(knowledge, "read_bank", lambda: (entries[2:], "retired two"))
    line = seed.seed_questions(False)
    assert "1 retired questions kept" in line
    assert Question.objects.filter(pk=practised.pk).exists()
    assert not Question.objects.filter(pk=unused.pk).exists()


def test_a_malformed_question_file_is_named_with_its_field(tmp_path, monkeypatch):
    bad = tmp_path / "questions_bad.yaml"
    bad.write_text(
        "- key: te-bad\n  text: 'A question with a bad level in it?'\n  category: technical\n"
        "  difficulty: 2\n  levels: [intern]\n  skills: [communication]\n  framework: technical\n"
        "  follow_ups: [a probe]\n  strong_answer: [one point, another point]\n"
        "  pitfalls: [a pitfall]\n"
    )
    monkeypatch.setattr(knowledge, "question_files", lambda: [bad])
    with pytest.raises(KnowledgeError, match=r"questions_bad.yaml: 0.levels.0"):
        read_bank()


def test_a_question_naming_an_unknown_framework_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "questions_bad.yaml"
    bad.write_text(
        "- key: te-bad\n  text: 'A question with a bad framework?'\n  category: technical\n"
        "  difficulty: 2\n  levels: [pm]\n  skills: [communication]\n  framework: nonsense\n"
        "  follow_ups: [a probe]\n  strong_answer: [one point, another point]\n"
        "  pitfalls: [a pitfall]\n"
    )
    monkeypatch.setattr(knowledge, "question_files", lambda: [bad])
    with pytest.raises(KnowledgeError, match="te-bad: framework: unknown 'nonsense'"):
        read_bank()
