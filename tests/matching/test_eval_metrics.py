"""The evaluation harness: metrics on hand-computed examples, the set's format, the command."""

import json
import math
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from pmpath.cli.main import app
from pmpath.matching import evaluation
from pmpath.matching.evaluation import (
    DevsetError,
    average_precision,
    devset_from_data,
    evaluate,
    load_devset,
    ndcg,
    order,
    recall,
)
from pmpath.matching.taxonomy import DEFAULT_PATH as TAXONOMY_PATH
from pmpath.matching.taxonomy import load_taxonomy
from tests.matching.engine_factories import DATA, PAYMENTS_PM, TAXONOMY

runner = CliRunner()
SHIPPED = Path(evaluation.__file__).parent / "data" / "devset.yaml"


def test_ndcg_at_10_by_hand():
    # Grades in ranked order 3, 2, 0, 1; ideal 3, 2, 1, 0.
    dcg = 7 + 3 / math.log2(3) + 0 + 1 / math.log2(5)
    ideal = 7 + 3 / math.log2(3) + 1 / math.log2(4)
    assert ndcg([3, 2, 0, 1], 10) == pytest.approx(dcg / ideal)
    assert ndcg([3, 2, 1, 0]) == 1.0
    assert ndcg([0, 0, 0]) is None  # nothing to find: undefined, left out of the mean


def test_ndcg_only_looks_at_the_first_k():
    assert ndcg([0, 3], 1) == 0.0 and ndcg([3, 0], 1) == 1.0


def test_average_precision_counts_grades_two_and_up_as_relevant():
    # Relevant at ranks 1 and 3 (grade 1 is not relevant): (1/1 + 2/3) / 2.
    assert average_precision([3, 1, 2, 0]) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision([1, 1, 0]) is None


def test_recall_at_k():
    ranked = [0] * 50 + [2]
    assert recall(ranked, 50) == 0.0 and recall(ranked, 51) == 1.0
    assert recall([2, 0, 3], 2) == 0.5


def test_ties_break_by_a_fixed_hash_not_by_file_order():
    keys = [f"p{i:02d}" for i in range(20)]
    tied = order([1.0] * 20, keys)
    assert tied != list(range(20)) and sorted(tied) == list(range(20))
    assert tied == order([1.0] * 20, keys)  # deterministic
    assert order([0.1, 0.9, 0.5], ["a", "b", "c"]) == [1, 2, 0]


def tiny_set():
    postings = [
        {
            "id": "p1",
            "title": "Senior Product Manager, Payments",
            "text": "Requirements:\n- SQL\n- A/B testing\n- 5+ years of product management",
        },
        {"id": "p2", "title": "Software Engineer", "text": "Python, SQL, REST API design"},
        {
            "id": "p3",
            "title": "Product Manager, Checkout",
            "text": "You have: SQL, roadmap ownership, card payments",
        },
    ]
    return {
        "version": 1,
        "as_of": "2025-01-01",
        "postings": postings,
        "profiles": [{"id": "r1", "target_level": "senior_pm", "resume": PAYMENTS_PM}],
        "judgements": {"r1": {"p1": 3, "p2": 0, "p3": 2}},
    }


def test_it_evaluates_every_method_on_a_small_set():
    report = evaluate(devset_from_data(tiny_set()), TAXONOMY)
    assert set(report.methods) == {"engine", "bm25", "keyword_overlap"}
    engine = report.methods["engine"]
    assert engine.map == 1.0 and engine.ndcg10 > 0.8  # both PM jobs before the engineering one
    assert report.profiles == 1 and report.postings == 3
    data = report.as_dict()
    assert data["relevant_grade"] == 2 and set(data["margin"]) == {"ndcg@10", "map", "recall@50"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("postings"), "devset.postings: expected list"),
        (lambda d: d["postings"][0].pop("title"), "postings[0].title"),
        (lambda d: d["postings"].append(dict(d["postings"][0])), "'p1' appears twice"),
        (lambda d: d["profiles"][0].update(target_level="cto"), "profiles[0].target_level"),
        (lambda d: d["judgements"]["r1"].update(p2=7), "judgements.r1.p2"),
        (lambda d: d["judgements"]["r1"].pop("p3"), "judgements.r1.p3"),
        (lambda d: d["judgements"].pop("r1"), "judgements.r1: missing"),
        (lambda d: d.update(as_of="soon"), "as_of"),
    ],
)
def test_a_bad_set_names_the_field(change, message):
    data = tiny_set()
    change(data)
    with pytest.raises(DevsetError, match=__import__("re").escape(message)):
        devset_from_data(data)


def test_a_file_that_is_not_yaml_says_so(tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text("postings: [unclosed", encoding="utf-8")
    with pytest.raises(DevsetError, match="not valid YAML"):
        load_devset(path)


def test_the_command_prints_the_table_and_json(tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text(yaml.safe_dump(tiny_set()), encoding="utf-8")
    taxonomy = str(DATA / "taxonomy.yaml")
    result = runner.invoke(app, ["match", "eval", str(path), "--taxonomy", taxonomy])
    assert result.exit_code == 0, result.output
    assert "nDCG@10" in result.output and "Keyword overlap" in result.output
    assert "relevant = grade ≥ 2" in result.output
    result = runner.invoke(app, ["match", "eval", str(path), "--json", "--taxonomy", taxonomy])
    data = json.loads(result.stdout)
    assert data["methods"]["engine"]["map"] == 1.0


def test_the_command_takes_the_date_open_jobs_run_to(tmp_path):
    data = tiny_set()
    del data["as_of"]
    path = tmp_path / "set.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    taxonomy = str(DATA / "taxonomy.yaml")
    args = ["match", "eval", str(path), "--json", "--taxonomy", taxonomy]
    result = runner.invoke(app, [*args, "--as-of", "2021-06-01"])
    assert json.loads(result.stdout)["as_of"] == "2021-06-01"
    result = runner.invoke(app, [*args, "--as-of", "June"])
    assert result.exit_code != 0 and "--as-of" in str(result.exception)


def test_the_command_reports_a_bad_file_in_one_line(tmp_path):
    from pmpath.cli._django import CLIError

    path = tmp_path / "set.yaml"
    path.write_text("version: 1\n", encoding="utf-8")
    result = runner.invoke(app, ["match", "eval", str(path)])
    assert result.exit_code != 0
    assert isinstance(result.exception, CLIError) and "postings" in str(result.exception)


@pytest.mark.skipif(not SHIPPED.exists(), reason="the dev set is not written yet")
def test_the_engine_beats_both_baselines_on_the_shipped_dev_set():
    devset = load_devset(SHIPPED)
    assert len(devset.profiles) >= 10 and len(devset.postings) >= 60
    report = evaluate(devset, load_taxonomy(TAXONOMY_PATH))
    margin = report.margin
    assert margin["ndcg@10"] > 0 and margin["map"] > 0, report.as_dict()["methods"]
