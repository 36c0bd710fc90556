"""The shipped evaluation development set (pmpath/matching/data/devset.yaml) is complete and well
formed: enough postings and profiles, every resume valid JSON Resume, a grade for every pair.
These tests check the structure only, never what the grades are."""

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

import pmpath.matching

ROOT = Path(__file__).resolve().parents[2]
PATH = Path(pmpath.matching.__file__).resolve().parent / "data" / "devset.yaml"
SCHEMA = ROOT / "node_modules" / "@jsonresume" / "schema" / "schema.json"
LEVELS = {"apm", "pm", "senior_pm", "lead_pm", "director"}
WORKPLACES = {"remote", "hybrid", "onsite", ""}


@pytest.fixture(scope="module")
def devset():
    data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    assert data["version"] == 1
    return data


def test_it_fixes_the_date_the_grades_assume(devset):
    assert date.fromisoformat(devset["as_of"]) <= date.today()


def test_it_points_at_a_rubric_that_exists(devset):
    rubric = ROOT / devset["rubric"]
    assert rubric.is_file()
    assert "## The rubric" in rubric.read_text(encoding="utf-8")


def test_it_has_at_least_60_postings_with_unique_ids_and_every_field(devset):
    postings = devset["postings"]
    assert len(postings) >= 60
    ids = [p["id"] for p in postings]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    for p in postings:
        assert set(p) == {"id", "title", "company", "location", "workplace", "salary_min",
                          "salary_max", "text"}, p["id"]  # fmt: skip
        assert re.fullmatch(r"p\d+", p["id"])
        assert p["title"].strip() and p["company"].strip() and p["location"].strip(), p["id"]
        assert p["workplace"] in WORKPLACES, p["id"]
        low, high = p["salary_min"], p["salary_max"]
        assert low is None or isinstance(low, int | float), p["id"]
        assert high is None or isinstance(high, int | float), p["id"]
        if low is not None and high is not None:
            assert low <= high, p["id"]


def test_every_posting_is_120_to_250_words_with_requirements_and_extras(devset):
    for p in devset["postings"]:
        text = p["text"]
        assert 120 <= len(text.split()) <= 250, (p["id"], len(text.split()))
        assert re.search(r"^(Requirements|What you bring)$", text, re.M), p["id"]
        assert re.search(r"^(Nice to have|Bonus)$", text, re.M), p["id"]
        assert re.search(r"\d+\+? years", text), p["id"]


def test_the_postings_mix_pm_levels_with_other_families(devset):
    titles = [p["title"].lower() for p in devset["postings"]]
    for word in ("associate product manager", "senior product manager", "group product manager",
                 "lead product manager", "director of product", "product marketing manager",
                 "program manager", "product designer", "product analyst", "product owner",
                 "engineering manager", "product specialist"):  # fmt: skip
        assert any(word in t for t in titles), word


def test_it_has_at_least_10_profiles_with_a_valid_target_level(devset):
    profiles = devset["profiles"]
    assert len(profiles) >= 10
    ids = [r["id"] for r in profiles]
    assert len(set(ids)) == len(ids)
    for r in profiles:
        assert set(r) == {"id", "target_level", "resume"}, r["id"]
        assert r["target_level"] in LEVELS, r["id"]
    assert {r["target_level"] for r in profiles} >= {"apm", "pm", "senior_pm", "director"}


def test_every_profile_resume_is_valid_json_resume(devset):
    assert SCHEMA.is_file(), "run make install: node_modules/@jsonresume/schema is missing"
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    for r in devset["profiles"]:
        errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(r["resume"])]
        assert errors == [], (r["id"], errors)


def test_every_profile_resume_has_the_sections_the_engine_reads(devset):
    for r in devset["profiles"]:
        resume = r["resume"]
        basics = resume["basics"]
        for key in ("name", "label", "summary"):
            assert basics[key].strip(), (r["id"], key)
        assert basics["location"]["city"] and basics["location"]["countryCode"], r["id"]
        assert resume["work"] and resume["education"] and resume["skills"], r["id"]
        for job in resume["work"]:
            assert job["name"] and job["position"] and job["startDate"], r["id"]
            assert job["highlights"], (r["id"], job["position"])


def test_every_profile_has_a_grade_from_0_to_3_for_every_posting(devset):
    posting_ids = {p["id"] for p in devset["postings"]}
    profile_ids = {r["id"] for r in devset["profiles"]}
    judgements = devset["judgements"]
    assert set(judgements) == profile_ids
    for rid, grades in judgements.items():
        assert set(grades) == posting_ids, rid
        assert all(g in (0, 1, 2, 3) for g in grades.values()), rid
