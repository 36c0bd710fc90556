"""The engine ranks answers the way an interviewer would: on the development set
(tests/interview/data/devset.yaml, answers written by us at three quality levels) it must score
strong > mediocre > weak for at least 90% of the questions. Scored with the shipped frameworks."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

from pmpath.interview import knowledge
from pmpath.interview.feedback import evaluate
from pmpath.interview.feedback_service import build_input

DEVSET = Path(__file__).parent / "data" / "devset.yaml"
LEVELS = ("strong", "mediocre", "weak")
GROUPS = {
    "product_sense",
    "strategy",
    "estimation",
    "execution",
    "root_cause",
    "technical",
    "behavioural",
    "motivation",
}


@pytest.fixture(scope="module")
def devset():
    return yaml.safe_load(DEVSET.read_text())


@pytest.fixture(scope="module")
def scores(devset):
    frameworks = {f.key: f for f in knowledge.read_frameworks()[0]}
    found = {}
    for question in devset:
        found[question["key"]] = {
            level: evaluate(
                build_input(
                    category=question["category"],
                    question_text=question["question"],
                    answer=question["answers"][level],
                    framework=frameworks[question["framework"]],
                )
            ).score
            for level in LEVELS
        }
    return found


def ordered(score):
    return score["strong"] > score["mediocre"] > score["weak"]


def test_the_devset_has_20_questions_and_60_answers_across_every_category(devset):
    assert len(devset) >= 20
    assert sum(len(q["answers"]) for q in devset) >= 60
    assert all(set(q["answers"]) == set(LEVELS) for q in devset)
    per_group = Counter(q["group"] for q in devset)
    assert set(per_group) == GROUPS
    assert min(per_group.values()) >= 2
    assert len({q["key"] for q in devset}) == len(devset)


def test_every_devset_question_names_a_shipped_framework_for_its_category(devset):
    frameworks = {f.key: f for f in knowledge.read_frameworks()[0]}
    for question in devset:
        assert question["category"] in frameworks[question["framework"]].categories


def test_the_engine_orders_strong_over_mediocre_over_weak_for_90_percent_of_questions(scores):
    misses = {key: score for key, score in scores.items() if not ordered(score)}
    accuracy = 1 - len(misses) / len(scores)
    assert accuracy >= 0.9, f"{accuracy:.0%} ordered; out of order: {misses}"


def test_every_category_orders_most_of_its_questions(devset, scores):
    by_group = Counter()
    right = Counter()
    for question in devset:
        by_group[question["group"]] += 1
        right[question["group"]] += ordered(scores[question["key"]])
    weak_groups = {g: f"{right[g]}/{n}" for g, n in by_group.items() if right[g] / n < 0.6}
    assert not weak_groups, weak_groups


def test_strong_answers_score_well_clear_of_weak_ones(scores):
    gaps = [score["strong"] - score["weak"] for score in scores.values()]
    assert min(gaps) >= 30
    assert sum(gaps) / len(gaps) >= 50


def test_length_alone_does_not_decide_the_order(devset, scores):
    longer_mediocre = [
        q["key"]
        for q in devset
        if len(q["answers"]["mediocre"].split()) > len(q["answers"]["strong"].split())
    ]
    assert len(longer_mediocre) >= 3  # the set includes concise strong answers on purpose
    for key in longer_mediocre:
        assert scores[key]["strong"] > scores[key]["mediocre"], key
