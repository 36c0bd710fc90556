"""The readiness engine over the shipped ladder data (no database)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pmpath.career import knowledge as kn
from pmpath.career import readiness as rd
from pmpath.core.knowledge import read_yaml


def shipped_ladder() -> rd.Ladder:
    data, _ = read_yaml(kn.DATA / "ladder.yaml", kn.Ladder)
    behaviours = []
    next_id = 1
    for lv in data.levels:
        for skill, texts in lv.behaviours.items():
            for text in texts:
                behaviours.append(rd.BehaviourSpec(next_id, lv.key, skill, text))
                next_id += 1
    return rd.Ladder(
        levels=tuple(rd.LevelSpec(lv.key, lv.name, lv.order) for lv in data.levels),
        skills=tuple(rd.Skill(c.key, c.name, c.core) for c in data.competencies),
        behaviours=tuple(behaviours),
    )


LADDER = shipped_ladder()
IDS = [b.id for b in LADDER.behaviours]


def up_to(level: str, status: str = "consistently", evidenced: bool = True) -> dict:
    last = LADDER.level_index(level)
    keys = {lv.key for lv in LADDER.levels[: last + 1]}
    return {b.id: rd.Rating(status, evidenced) for b in LADDER.behaviours if b.level in keys}


@pytest.mark.parametrize("level", ["apm", "pm", "senior_pm", "lead_pm", "director"])
def test_a_profile_that_matches_a_levels_behaviours_is_placed_at_that_level(level):
    report = rd.assess(LADDER, up_to(level), "pm")
    assert report.operates_at is not None and report.operates_at.key == level
    assert report.levels[LADDER.level_index(level)].overall == 1.0


def test_nothing_rated_places_the_candidate_below_the_first_level():
    report = rd.assess(LADDER, {}, "apm")
    assert report.operates_at is None
    assert report.at_target.overall == 0.0
    assert [g.skill.key for g in report.gaps][:4] == [
        "communication",
        "strategic_thinking",
        "technical_knowledge",
        "project_management",
    ]


def test_the_same_ratings_without_evidence_place_lower():
    evidenced = rd.assess(LADDER, up_to("senior_pm"), "senior_pm")
    claimed = rd.assess(LADDER, up_to("senior_pm", evidenced=False), "senior_pm")
    assert evidenced.operates_at.key == "senior_pm"
    assert claimed.operates_at is None
    # A claim counts half: consistently without evidence is 0.5 per behaviour.
    assert claimed.at_target.overall == pytest.approx(0.5)
    assert claimed.at_target.skill("communication").claimed == 3
    assert claimed.at_target.skill("communication").evidenced == 0


def test_sometimes_with_evidence_counts_half_and_as_a_claim_a_quarter():
    ladder_pm = LADDER.behaviours_of("pm", "communication")
    ratings = {
        ladder_pm[0].id: rd.Rating("sometimes", True),
        ladder_pm[1].id: rd.Rating("sometimes", False),
        ladder_pm[2].id: rd.Rating("consistently", True),
    }
    skill = rd.skill_readiness(LADDER, ratings, "pm", LADDER.skills[0])
    assert skill.readiness == pytest.approx((0.5 + 0.25 + 1.0) / 3)
    assert [g.status for g in skill.missing] == ["sometimes", "claimed"]


def test_evidence_on_a_not_yet_rating_earns_nothing():
    b = LADDER.behaviours_of("apm", "leadership")[0]
    assert rd.credit(rd.Rating("not_yet", True)) == 0.0
    skill = rd.skill_readiness(LADDER, {b.id: rd.Rating("not_yet", True)}, "apm", LADDER.skills[5])
    assert skill.readiness == 0.0 and skill.assessed


def test_core_skills_weigh_twice_as_much_as_the_others():
    core_only = {
        b.id: rd.Rating("consistently", True)
        for b in LADDER.behaviours
        if b.level == "pm" and b.skill in {"communication", "strategic_thinking"}
    }
    other_only = {
        b.id: rd.Rating("consistently", True)
        for b in LADDER.behaviours
        if b.level == "pm" and b.skill in {"customer_focus", "leadership"}
    }
    assert rd.overall_at(LADDER, core_only, "pm") == pytest.approx(4 / 10)
    assert rd.overall_at(LADDER, other_only, "pm") == pytest.approx(2 / 10)


def test_the_report_has_the_levels_below_and_above_the_target():
    middle = rd.assess(LADDER, {}, "senior_pm")
    assert (middle.below.level.key, middle.at_target.level.key, middle.above.level.key) == (
        "pm",
        "senior_pm",
        "lead_pm",
    )
    assert [r.level.key for r in middle.window] == ["pm", "senior_pm", "lead_pm"]
    bottom = rd.assess(LADDER, {}, "apm")
    assert bottom.below is None and bottom.above.level.key == "pm"
    top = rd.assess(LADDER, {}, "director")
    assert top.above is None and top.below.level.key == "lead_pm"
    assert len(top.window) == 2


def test_an_unassessed_lower_level_does_not_hold_a_senior_candidate_back():
    # A senior PM candidate rates the PM, senior PM and lead PM levels only.
    ratings = {
        b.id: rd.Rating("consistently", True)
        for b in LADDER.behaviours
        if b.level in {"pm", "senior_pm"}
    }
    report = rd.assess(LADDER, ratings, "senior_pm")
    assert report.operates_at.key == "senior_pm"
    assert report.ready_for_target


def test_an_assessed_lower_level_that_falls_short_does_hold_the_candidate_back():
    ratings = up_to("senior_pm")
    for b in LADDER.behaviours_of("pm", "communication") + LADDER.behaviours_of(
        "pm", "strategic_thinking"
    ):
        ratings[b.id] = rd.Rating("not_yet", False)
    report = rd.assess(LADDER, ratings, "senior_pm")
    assert report.levels[1].overall == pytest.approx(0.6)
    assert report.operates_at.key == "apm"
    assert not report.ready_for_target


def test_the_largest_gaps_list_the_behaviours_not_yet_shown():
    ratings = up_to("pm")
    missing = LADDER.behaviours_of("pm", "technical_knowledge")
    ratings[missing[0].id] = rd.Rating("not_yet", False)
    ratings[missing[1].id] = rd.Rating("consistently", False)
    del ratings[missing[2].id]
    report = rd.assess(LADDER, ratings, "pm")
    first = report.gaps[0]
    assert first.skill.key == "technical_knowledge"
    assert [(g.behaviour.id, g.status) for g in first.missing] == [
        (missing[0].id, "not_yet"),
        (missing[1].id, "claimed"),
        (missing[2].id, "not_rated"),
    ]
    assert len(report.gaps) == 1  # every other skill is fully met at PM


def test_a_skills_position_is_the_level_it_meets_plus_progress_to_the_next():
    ratings = up_to("pm")
    senior = LADDER.behaviours_of("senior_pm", "communication")
    ratings[senior[0].id] = rd.Rating("consistently", True)
    report = rd.assess(LADDER, ratings, "senior_pm")
    assert report.positions["communication"] == pytest.approx(2 + 1 / 3, abs=0.01)
    assert report.positions["leadership"] == 2.0


ratings_strategy = st.dictionaries(
    st.sampled_from(IDS),
    st.builds(rd.Rating, st.sampled_from(rd.STATUSES), st.booleans()),
    max_size=len(IDS),
)
level_keys = st.sampled_from([lv.key for lv in LADDER.levels])


@settings(max_examples=150, deadline=None)
@given(ratings=ratings_strategy, target=level_keys)
def test_readiness_is_always_between_zero_and_one(ratings, target):
    report = rd.assess(LADDER, ratings, target)
    for level in report.levels:
        assert 0.0 <= level.overall <= 1.0
        for skill in level.skills:
            assert 0.0 <= skill.readiness <= 1.0
    assert all(0.0 <= p <= len(LADDER.levels) for p in report.positions.values())


@settings(max_examples=150, deadline=None)
@given(
    ratings=ratings_strategy,
    extra=st.sampled_from(IDS),
    rating=st.builds(rd.Rating, st.sampled_from(rd.STATUSES), st.booleans()),
    target=level_keys,
)
def test_adding_a_rating_never_lowers_readiness(ratings, extra, rating, target):
    assume(extra not in ratings)
    before = rd.assess(LADDER, ratings, target)
    after = rd.assess(LADDER, {**ratings, extra: rating}, target)
    for old, new in zip(before.levels, after.levels, strict=True):
        assert new.overall >= old.overall - 1e-9
        for a, b in zip(old.skills, new.skills, strict=True):
            assert b.readiness >= a.readiness - 1e-9


@settings(max_examples=150, deadline=None)
@given(ratings=ratings_strategy, which=st.sampled_from(IDS), target=level_keys)
def test_attaching_evidence_or_raising_a_rating_never_lowers_readiness(ratings, which, target):
    current = ratings.get(which, rd.Rating("not_yet", False))
    better_status = rd.STATUSES[min(rd.STATUSES.index(current.status) + 1, 2)]
    for improved in (rd.Rating(current.status, True), rd.Rating(better_status, current.evidenced)):
        before = rd.overall_at(LADDER, ratings, target)
        after = rd.overall_at(LADDER, {**ratings, which: improved}, target)
        assert after >= before - 1e-9
