"""The shipped skill taxonomy file (pmpath/matching/data/taxonomy.yaml) is complete and
consistent, read with plain PyYAML so a broken file fails here before any engine loads it."""

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

import pmpath.matching

PATH = Path(pmpath.matching.__file__).resolve().parent / "data" / "taxonomy.yaml"
KINDS = {"hard", "tool", "method", "domain", "soft"}
EVIDENCES = {"communication", "strategic_thinking", "technical_knowledge", "project_management"}
KEYS = {"id", "name", "kind", "evidences", "synonyms", "abbreviations", "related"}

# Words that turn up in almost any posting or resume: a skill matched on one of them alone would
# be "found" everywhere. Names count too, because the engine matches a skill's name as well.
STOP_WORDS = set(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "our",
        "the",
        "this",
        "to",
        "we",
        "with",
        "you",
        "your",
        "ai",
        "analysis",
        "analytics",
        "app",
        "apps",
        "build",
        "built",
        "business",
        "c",
        "claims",
        "clients",
        "cloud",
        "collaboration",
        "communication",
        "communications",
        "consumer",
        "content",
        "creative",
        "customer",
        "customers",
        "data",
        "delivery",
        "design",
        "development",
        "digital",
        "documentation",
        "education",
        "energy",
        "engineering",
        "enterprise",
        "ethics",
        "excel",
        "experience",
        "feeds",
        "finance",
        "financial",
        "flexible",
        "go",
        "growth",
        "health",
        "heart",
        "heap",
        "hex",
        "hiring",
        "ice",
        "impact",
        "insurance",
        "integration",
        "launch",
        "launched",
        "lead",
        "leader",
        "leadership",
        "learning",
        "linear",
        "logging",
        "manage",
        "managed",
        "management",
        "manager",
        "market",
        "marketing",
        "markets",
        "media",
        "messaging",
        "metrics",
        "milestones",
        "mobile",
        "model",
        "models",
        "monitoring",
        "moscow",
        "new",
        "notion",
        "office",
        "online",
        "operations",
        "ops",
        "people",
        "performance",
        "platform",
        "platforms",
        "players",
        "privacy",
        "process",
        "product",
        "products",
        "program",
        "programme",
        "programs",
        "project",
        "projects",
        "quality",
        "r",
        "react",
        "recommendations",
        "recruiting",
        "referrals",
        "reporting",
        "research",
        "results",
        "rice",
        "safe",
        "sales",
        "security",
        "segment",
        "service",
        "services",
        "shipping",
        "skills",
        "social",
        "software",
        "solution",
        "solutions",
        "spark",
        "strategic",
        "strategy",
        "streaming",
        "success",
        "support",
        "swift",
        "system",
        "systems",
        "team",
        "teams",
        "tech",
        "technology",
        "test",
        "testing",
        "tests",
        "timelines",
        "tool",
        "tools",
        "training",
        "transparency",
        "travel",
        "user",
        "users",
        "utilities",
        "value",
        "vision",
        "web",
        "work",
    ]
)


@pytest.fixture(scope="module")
def skills():
    data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    assert data["version"] == 1
    return data["skills"]


def test_it_has_at_least_350_entries_across_every_kind(skills):
    assert len(skills) >= 350
    kinds = Counter(s["kind"] for s in skills)
    assert set(kinds) == KINDS
    assert all(count >= 30 for count in kinds.values()), kinds


def test_every_entry_has_exactly_the_documented_fields(skills):
    for s in skills:
        assert set(s) == KEYS, s.get("id")
        assert isinstance(s["name"], str) and s["name"].strip(), s["id"]
        for key in ("evidences", "synonyms", "abbreviations", "related"):
            assert isinstance(s[key], list), (s["id"], key)


def test_ids_are_unique_kebab_case(skills):
    ids = [s["id"] for s in skills]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    for i in ids:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i), i


def test_every_kind_and_evidence_is_valid(skills):
    for s in skills:
        assert s["kind"] in KINDS, s["id"]
        assert s["evidences"], s["id"]
        assert set(s["evidences"]) <= EVIDENCES, s["id"]
        assert len(set(s["evidences"])) == len(s["evidences"]), s["id"]


def test_every_related_id_exists_and_is_not_the_entry_itself(skills):
    ids = {s["id"] for s in skills}
    for s in skills:
        for r in s["related"]:
            assert r in ids, (s["id"], r)
            assert r != s["id"]


def test_synonyms_are_lower_case_and_no_two_entries_share_one(skills):
    owner: dict[str, str] = {}
    for s in skills:
        assert s["synonyms"], s["id"]
        for syn in s["synonyms"]:
            assert isinstance(syn, str) and syn == syn.lower() == syn.strip() and syn, (
                s["id"],
                syn,
            )
            assert owner.setdefault(syn, s["id"]) == s["id"], f"{syn!r}: {owner[syn]} and {s['id']}"


def test_no_two_entries_share_an_abbreviation(skills):
    owner: dict[str, str] = {}
    for s in skills:
        for abbr in s["abbreviations"]:
            assert isinstance(abbr, str) and abbr.strip() == abbr and abbr, s["id"]
            assert owner.setdefault(abbr, s["id"]) == s["id"], (
                f"{abbr!r}: {owner[abbr]} and {s['id']}"
            )


def test_no_synonym_or_name_is_a_lone_common_word(skills):
    for s in skills:
        for phrase in [*s["synonyms"], s["name"].lower()]:
            if " " not in phrase:
                assert phrase not in STOP_WORDS, (s["id"], phrase)


def test_the_skills_the_issue_names_are_there(skills):
    ids = {s["id"] for s in skills}
    for must in (
        "ab-testing", "experimentation", "sql", "roadmapping", "prioritisation", "pricing",
        "data-analysis", "user-research", "prd-writing", "api-design", "jira", "amplitude",
        "figma", "mixpanel", "looker", "okrs", "jobs-to-be-done", "rice-framework", "kano-model",
        "agile", "scrum", "payments", "b2b-saas", "marketplaces", "ai-ml",
        "stakeholder-management",
    ):  # fmt: skip
        assert must in ids, must


def test_each_of_the_four_core_skills_is_evidenced_by_many_entries(skills):
    counts = Counter(e for s in skills for e in s["evidences"])
    assert all(counts[e] >= 40 for e in EVIDENCES), counts
