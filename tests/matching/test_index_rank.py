"""PostingIndex: the same scores as engine.score for every posting, filters, incremental
changes, files, and a 1,000-posting scale check."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmpath.matching import engine, synthetic
from pmpath.matching.index import IndexFileError, PostingIndex
from pmpath.matching.taxonomy import taxonomy_from_data
from pmpath.matching.types import Filters
from tests.matching.engine_factories import TAXONOMY, posting, profile

EVERY = Filters(family=None)

TITLES = [
    "Product Manager",
    "Senior Product Manager, Payments",
    "Associate Product Manager",
    "Director of Product",
    "Group Product Manager",
    "Product Owner",
    "Data Scientist",
    "Lead PM, Growth",
    "Software Engineer",
]
TEXT_LINES = [
    "Requirements:",
    "Nice to have:",
    "What you'll do",
    "Benefits",
    "About us",
    "- A/B testing and SQL",
    "- Amplitude or Mixpanel",
    "- 5+ years of product management",
    "- at least three years of experience",
    "- Looker is a plus",
    "- user research",
    "- fintech or payments",
    "- B2B SaaS",
    "- roadmap",
    "- machine learning",
    "- JTBD and RICE",
    "- Jira, Figma",
    "Our checkout serves millions of people.",
]
RESUME_LINES = [
    "Ran split testing",
    "Designed controlled experiments",
    "Wrote SQL",
    "Owned the roadmap",
    "Used Mixpanel",
    "Led customer interviews",
    "Baked bread",
    "Built a two-sided marketplace",
    "Card payments at scale",
    "Python",
]

postings_st = st.lists(
    st.tuples(
        st.sampled_from(TITLES),
        st.lists(st.sampled_from(TEXT_LINES), max_size=10),
        st.sampled_from(["", "remote", "hybrid", "onsite"]),
    ),
    min_size=1,
    max_size=12,
)
profile_st = st.tuples(
    st.lists(st.sampled_from(RESUME_LINES), max_size=6),
    st.sampled_from([None, "apm", "pm", "senior_pm", "lead_pm", "director"]),
    st.sampled_from(["Product Manager", "Software Engineer", "Senior PM", "Designer"]),
    st.integers(2005, 2024),
)


def build(specs):
    docs = [
        posting(i + 1, title, "\n".join(lines), workplace=wp)
        for i, (title, lines, wp) in enumerate(specs)
    ]
    index = PostingIndex(TAXONOMY)
    index.add(docs)
    return docs, index


def make_profile(spec):
    lines, level, title, start = spec
    doc = {"work": [{"position": title, "startDate": str(start), "highlights": lines}]}
    return profile(doc, level)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(postings_st, profile_st)
def test_rank_scores_equal_engine_scores(specs, profile_spec):
    docs, index = build(specs)
    p = make_profile(profile_spec)
    ranked = index.rank(p, filters=EVERY, top=len(docs))
    assert sorted(r.posting_id for r in ranked) == [d.id for d in docs]
    for r in ranked:
        match = engine.score(p, docs[r.posting_id - 1], TAXONOMY, stats=index.stats)
        assert r.parts == match.parts
        assert r.score == match.score
    scores = [r.score for r in ranked]
    assert scores == sorted(scores, reverse=True)


def test_reasons_are_two_or_three_short_phrases_from_the_strongest_parts():
    _, index = build([(t, TEXT_LINES[:8], "") for t in TITLES])
    for r in index.rank(profile(), filters=EVERY, top=20):
        assert 2 <= len(r.reasons) <= 3
        assert all(0 < len(reason) <= 60 for reason in r.reasons)
    best = index.rank(profile(), top=1)[0]
    assert "PM role at your level" in best.reasons


def test_filters_by_family_level_workplace_location_and_salary():
    docs = [
        posting(1, "Product Manager", "SQL", workplace="remote", location="Remote"),
        posting(
            2,
            "Senior Product Manager",
            "SQL",
            workplace="onsite",
            location="Berlin",
            salary_min=90_000,
            salary_max=110_000,
        ),
        posting(
            3,
            "Senior Product Manager",
            "SQL",
            workplace="hybrid",
            location="London",
            salary_min=130_000,
        ),
        posting(4, "Software Engineer", "SQL", location="London"),
        posting(5, "Director of Product", "SQL", location="london, UK"),
    ]
    index = PostingIndex(TAXONOMY)
    index.add(docs)
    p = profile()

    def ids(**kw):
        return sorted(r.posting_id for r in index.rank(p, filters=Filters(**kw), top=10))

    assert ids() == [1, 2, 3, 5]  # PM family by default
    assert ids(family=None) == [1, 2, 3, 4, 5]
    assert ids(levels=("senior_pm",)) == [2, 3]
    assert ids(remote_only=True) == [1]
    assert ids(location="LONDON") == [1, 3, 5]  # remote postings always pass
    assert ids(salary_floor=120_000) == [1, 3, 5]  # unknown salaries pass; 2 tops at 110k
    assert ids(family="adjacent") == []
    assert index.rank(p, top=0) == []


def test_add_remove_and_update_match_a_fresh_build():
    docs = [d for d in synthetic.postings(TAXONOMY, 60, seed=3)]
    index = PostingIndex(TAXONOMY)
    index.add(docs[:40])
    index.add(docs[40:])
    index.remove([d.id for d in docs[:10]])
    changed = engine.posting_doc(docs[20].id, "Director of Product", "Requirements\n- SQL\n")
    index.update([changed])
    final = [*docs[10:20], changed, *docs[21:]]
    fresh = PostingIndex(TAXONOMY)
    fresh.add(final)
    p = profile()
    got = [(r.posting_id, r.score, r.parts) for r in index.rank(p, filters=EVERY, top=100)]
    want = [(r.posting_id, r.score, r.parts) for r in fresh.rank(p, filters=EVERY, top=100)]
    assert got == want and len(got) == 50
    assert docs[0].id not in index and len(index) == 50
    assert index.stats == fresh.stats


def test_removing_a_quarter_compacts_the_rows():
    docs = list(synthetic.postings(TAXONOMY, 20, seed=4))
    index = PostingIndex(TAXONOMY)
    index.add(docs)
    index.remove([docs[5].id])  # 1 of 20: kept as a dead row
    assert index.rows == 20 and len(index) == 19
    index.remove([d.id for d in docs[6:10]])  # 5 of 20 dead: compacted
    assert index.rows == 15 == len(index)
    assert sorted(index.ids) == sorted(d.id for d in [*docs[:5], *docs[10:]])


def test_adding_the_same_id_twice_keeps_the_last():
    index = PostingIndex(TAXONOMY)
    index.add([posting(1, "Product Manager", "SQL"), posting(1, "Data Scientist", "SQL")])
    assert len(index) == 1
    assert index.rank(profile(), top=5) == []  # the data scientist replaced the PM job


def test_save_and_load_round_trip(tmp_path):
    docs = list(synthetic.postings(TAXONOMY, 30, seed=5))
    index = PostingIndex(TAXONOMY)
    index.add(docs)
    index.remove([docs[0].id])
    path = tmp_path / "index.npz"
    index.save(path)
    loaded = PostingIndex.load(path, TAXONOMY)
    p = profile()
    assert loaded.rank(p, filters=EVERY, top=50) == index.rank(p, filters=EVERY, top=50)
    loaded.add([posting(999, "Product Manager", "SQL and A/B testing")])
    assert 999 in loaded and len(loaded) == 30


def test_loading_refuses_another_taxonomy_version_or_a_foreign_file(tmp_path):
    index = PostingIndex(TAXONOMY)
    index.add([posting()])
    path = tmp_path / "index.npz"
    index.save(path)
    other = taxonomy_from_data({"skills": [{"id": "sql", "name": "SQL", "kind": "hard"}]})
    with pytest.raises(IndexFileError, match="another taxonomy"):
        PostingIndex.load(path, other)
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip")
    with pytest.raises(IndexFileError, match="not a saved posting index"):
        PostingIndex.load(junk, TAXONOMY)
    cut = tmp_path / "cut.npz"
    cut.write_bytes(path.read_bytes()[:200])  # a file cut short mid-write by a crash
    with pytest.raises(IndexFileError, match="not a saved posting index"):
        PostingIndex.load(cut, TAXONOMY)
    old = tmp_path / "old.npz"
    np.savez(
        old,
        header=np.frombuffer(b'{"format": "pmpath-posting-index", "version": 0}', dtype=np.uint8),
        strings=np.zeros(0, np.uint8),
    )
    with pytest.raises(IndexFileError, match="version 0"):
        PostingIndex.load(old, TAXONOMY)


def test_an_empty_index_ranks_nothing():
    index = PostingIndex(TAXONOMY)
    assert index.rank(profile(), top=10) == [] and len(index) == 0


def test_a_thousand_synthetic_postings_rank_as_scoring_each_one_would():
    docs = list(synthetic.postings(TAXONOMY, 1000, seed=11))
    index = PostingIndex(TAXONOMY)
    index.add(docs)
    p = profile(level="senior_pm")
    ranked = index.rank(p, filters=EVERY, top=25)
    by_id = {d.id: d for d in docs}
    brute = sorted(
        (engine.score(p, d, TAXONOMY, stats=index.stats) for d in docs),
        key=lambda m: (-m.score, -sum(x.points for x in m.parts), -m.posting_id),
    )
    assert [(r.posting_id, r.score) for r in ranked] == [
        (m.posting_id, m.score) for m in brute[:25]
    ]
    for r in ranked:
        assert r.parts == engine.score(p, by_id[r.posting_id], TAXONOMY, stats=index.stats).parts
    assert ranked[0].score >= 70  # the generator makes good fits for a senior payments PM
    assert index.nbytes() > 0


def test_rank_can_be_limited_to_some_postings_and_return_them_all():
    docs = list(synthetic.postings(TAXONOMY, 40, seed=8))
    index = PostingIndex(TAXONOMY)
    index.add(docs)
    some = [d.id for d in docs[::3]] + [12345]  # an unknown id is ignored
    ranked = index.rank(profile(), filters=EVERY, top=None, ids=some)
    assert sorted(r.posting_id for r in ranked) == sorted(some[:-1])
    everyone = index.rank(profile(), filters=EVERY, top=None)
    assert [r for r in everyone if r.posting_id in some] == ranked
