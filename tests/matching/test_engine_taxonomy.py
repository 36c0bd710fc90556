"""The taxonomy loader and its one-pattern skill finder."""

import pytest

from pmpath.matching.taxonomy import TaxonomyError, load_taxonomy, taxonomy_from_data
from tests.matching.engine_factories import DATA, TAXONOMY


def found(text):
    return [(f.skill, f.text) for f in TAXONOMY.find(text)]


def test_it_finds_synonyms_in_any_case_on_word_boundaries():
    assert found("Ran A/B Tests and Split-Testing") == [
        ("ab-testing", "A/B Tests"),
        ("ab-testing", "Split-Testing"),
    ]
    assert found("kanbanize jirafe") == []  # inside longer words: no match


def test_it_matches_abbreviations_only_in_their_own_case():
    assert found("SQL and OKRs") == [("sql", "SQL"), ("okrs", "OKRs")]
    assert found("sql okr") == []


def test_it_reads_plurals_and_spaces_or_hyphens_alike():
    assert found("PRDs, product roadmaps, road-mapping") == [
        ("prd", "PRDs"),
        ("roadmapping", "product roadmaps"),
        ("roadmapping", "road-mapping"),
    ]


def test_the_longest_phrase_wins_at_one_place():
    assert found("two-sided marketplace") == [("marketplaces", "two-sided marketplace")]
    assert found("enterprise saas") == [("b2b-saas", "enterprise saas")]


def test_each_match_keeps_its_span():
    text = "We use Jira daily"
    (hit,) = TAXONOMY.find(text)
    assert text[hit.start : hit.end] == "Jira" == hit.text


def test_related_is_one_way():
    assert TAXONOMY.related("ab-testing") == ("experimentation",)
    assert TAXONOMY.related("experimentation") == ()


def test_loading_is_cached_while_the_file_is_unchanged():
    assert load_taxonomy(DATA / "taxonomy.yaml") is TAXONOMY


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"skills": [{"id": "Bad Id", "name": "x", "kind": "hard"}]}, "skills[0].id"),
        ({"skills": [{"id": "a", "name": "A", "kind": "magic"}]}, "skills[0] (a).kind"),
        ({"skills": [{"id": "a", "name": "A", "kind": "hard", "synonyms": "a"}]}, ".synonyms"),
        ({"skills": [{"id": "a", "name": "A", "kind": "hard", "related": ["b"]}]}, "unknown"),
        ({"skills": [{"id": "a", "name": "A", "kind": "hard"}] * 2}, "appears twice"),
        ([], "expected a mapping"),
    ],
)
def test_a_malformed_taxonomy_names_the_entry_and_field(data, message):
    with pytest.raises(TaxonomyError, match=__import__("re").escape(message)):
        taxonomy_from_data(data)


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(TaxonomyError, match="cannot read"):
        load_taxonomy(tmp_path / "nope.yaml")


def test_the_shipped_taxonomy_loads_and_finds_pm_skills():
    shipped = load_taxonomy()
    assert len(shipped.skills) >= 200
    skills = {f.skill for f in shipped.find("Ran A/B tests, wrote SQL and owned the roadmap")}
    assert {"ab-testing", "sql", "roadmapping"} <= skills
