"""The first half of the shipped question bank (questions_product.yaml): product sense,
strategy, estimation and execution. Read with plain PyYAML so the file is checked on its own,
independently of the loader that validates the combined bank."""

from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz

import pmpath.interview

BANK = Path(pmpath.interview.__file__).parent / "data" / "questions_product.yaml"

MINIMUMS = {"product_sense": 80, "strategy": 50, "estimation": 45, "execution": 65}
PREFIXES = {"product_sense": "ps-", "strategy": "st-", "estimation": "es-", "execution": "ex-"}
FRAMEWORKS = {
    "product_sense": {"product_design"},
    "strategy": {"strategy"},
    "estimation": {"estimation"},
    "execution": {"metrics", "root_cause", "prioritisation"},
}
LEVELS = ["apm", "pm", "senior_pm", "lead_pm", "director"]
SKILLS = {
    "communication",
    "strategic_thinking",
    "technical_knowledge",
    "project_management",
    "customer_focus",
    "leadership",
}
FIELDS = [
    "key",
    "text",
    "category",
    "difficulty",
    "levels",
    "skills",
    "themes",
    "framework",
    "follow_ups",
    "strong_answer",
    "pitfalls",
    "company",
    "time_limit_seconds",
]
# (fewest, most) entries for each list of prose points.
POINTS = {"follow_ups": (2, 4), "strong_answer": (3, 6), "pitfalls": (2, 4)}


@pytest.fixture(scope="module")
def questions() -> list[dict]:
    data = yaml.safe_load(BANK.read_text(encoding="utf-8"))
    assert isinstance(data, list), "the file must be a top-level list of questions"
    return data


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def test_each_category_meets_its_minimum_count(questions):
    counts = Counter(q["category"] for q in questions)
    assert set(counts) == set(MINIMUMS), f"unexpected categories: {counts}"
    short = {c: (counts[c], least) for c, least in MINIMUMS.items() if counts[c] < least}
    assert not short, f"below the minimum (have, need): {short}"


def test_every_question_has_exactly_the_agreed_fields(questions):
    wrong = [
        (q.get("key"), sorted(set(q) ^ set(FIELDS))) for q in questions if set(q) != set(FIELDS)
    ]
    assert not wrong, f"missing or extra fields: {wrong}"


def test_keys_are_unique_stable_slugs_prefixed_by_category(questions):
    keys = [q["key"] for q in questions]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    for q in questions:
        key = q["key"]
        assert isinstance(key, str) and len(key) <= 80, key
        assert key.startswith(PREFIXES[q["category"]]), key
        assert key == key.lower() and all(part.isalnum() for part in key.split("-")), key


def test_every_field_has_the_right_type_and_allowed_values(questions):
    for q in questions:
        key = q["key"]
        assert isinstance(q["text"], str) and len(q["text"]) >= 20, key
        assert q["text"].rstrip().endswith(("?", ".")), key
        assert q["difficulty"] in (1, 2, 3) and type(q["difficulty"]) is int, key
        assert q["levels"] and set(q["levels"]) <= set(LEVELS), key
        assert q["levels"] == sorted(set(q["levels"]), key=LEVELS.index), key
        assert q["skills"] and set(q["skills"]) <= SKILLS, key
        assert len(set(q["skills"])) == len(q["skills"]), key
        assert q["themes"] == [], key  # themes are for behavioural questions
        assert q["framework"] in FRAMEWORKS[q["category"]], key
        assert isinstance(q["company"], str), key
        assert q["time_limit_seconds"] is None, key  # the category's default timer applies


def test_follow_ups_model_points_and_pitfalls_are_within_their_ranges(questions):
    for q in questions:
        for field, (fewest, most) in POINTS.items():
            points = q[field]
            assert isinstance(points, list), (q["key"], field)
            assert fewest <= len(points) <= most, (q["key"], field, len(points))
            assert all(isinstance(p, str) and len(p.split()) >= 3 for p in points), (
                q["key"],
                field,
            )
            assert len(set(points)) == len(points), (q["key"], field)


def test_every_level_has_questions_in_every_category(questions):
    missing = [
        (category, level)
        for category in MINIMUMS
        for level in LEVELS
        if not any(q["category"] == category and level in q["levels"] for q in questions)
    ]
    assert not missing, f"no questions for {missing}"


def test_every_category_spreads_across_all_three_difficulties(questions):
    for category in MINIMUMS:
        spread = Counter(q["difficulty"] for q in questions if q["category"] == category)
        assert set(spread) == {1, 2, 3}, (category, spread)


def test_no_two_questions_share_the_same_text(questions):
    texts = Counter(fold(q["text"]) for q in questions)
    assert [t for t, n in texts.items() if n > 1] == []


def test_no_two_questions_are_near_duplicates(questions):
    texts = [(q["key"], fold(q["text"])) for q in questions]
    close = [
        (a, b, round(score))
        for (a, ta), (b, tb) in combinations(texts, 2)
        if (score := fuzz.ratio(ta, tb)) > 90
    ]
    assert not close, f"near-duplicate questions: {close}"


def test_probes_model_points_and_pitfalls_are_written_per_question(questions):
    # Generic lines copied between questions ("What would you measure?") make the bank weaker.
    lines = Counter(p for q in questions for field in POINTS for p in q[field])
    assert [p for p, n in lines.items() if n > 1] == []
