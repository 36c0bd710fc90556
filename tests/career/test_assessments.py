"""The self-assessment's services and reads, against the real database and ladder."""

from __future__ import annotations

import pytest

from pmpath.career import assessment_queries as aq
from pmpath.career import assessments as services
from pmpath.career.assessments import AssessmentError
from pmpath.career.models import Assessment, BehaviourRating, Evidence
from tests.career.growth_factories import (
    behaviours,
    make_attempt,
    make_case_study,
    make_experience,
    make_story,
    rated_assessment,
)
from tests.conftest import onboard


@pytest.fixture
def alice_onboarded(alice):
    onboard(alice, target_level="pm")
    return alice


def test_the_engine_ladder_has_every_behaviour_with_its_database_id(db):
    ladder = aq.engine_ladder()
    assert [lv.key for lv in ladder.levels] == ["apm", "pm", "senior_pm", "lead_pm", "director"]
    assert len(ladder.behaviours) == 90
    assert [s.key for s in ladder.skills if s.core] == [
        "communication",
        "strategic_thinking",
        "technical_knowledge",
        "project_management",
    ]


def test_the_window_is_the_level_below_the_target_and_the_one_above(db):
    assert [lv.key for lv in aq.window("pm")] == ["apm", "pm", "senior_pm"]
    assert [lv.key for lv in aq.window("apm")] == ["apm", "pm"]
    assert [lv.key for lv in aq.window("director")] == ["lead_pm", "director"]


def test_a_first_assessment_starts_empty_and_takes_the_profiles_target(alice):
    onboard(alice, target_level="senior_pm")
    assessment = services.new_assessment(alice)
    assert assessment.target_level == "senior_pm"
    assert not assessment.ratings.exists()


def test_re_assessing_copies_the_last_ratings_and_evidence_and_keeps_the_old_one(alice_onboarded):
    pm = behaviours("pm")
    first = rated_assessment(
        alice_onboarded, {pm[0]: "consistently", pm[1]: "sometimes"}, evidence_for=(pm[0],)
    )
    second = services.new_assessment(alice_onboarded)
    assert second.pk != first.pk
    assert dict(second.ratings.values_list("behaviour_id", "status")) == {
        pm[0]: "consistently",
        pm[1]: "sometimes",
    }
    copied = Evidence.objects.get(rating__assessment=second)
    assert copied.label == "Launch note" and copied.rating.behaviour_id == pm[0]
    # The old assessment still has its own rows.
    assert first.ratings.count() == 2
    assert Evidence.objects.filter(rating__assessment=first).count() == 1


def test_rating_creates_and_changes_ratings(alice_onboarded):
    assessment = services.new_assessment(alice_onboarded)
    pm = behaviours("pm")
    assert services.rate(alice_onboarded, assessment=assessment, statuses={pm[0]: "sometimes"}) == 1
    changed = services.rate(
        alice_onboarded,
        assessment=assessment,
        statuses={pm[0]: "consistently", pm[1]: "not_yet"},
    )
    assert changed == 2
    assert dict(assessment.ratings.values_list("behaviour_id", "status")) == {
        pm[0]: "consistently",
        pm[1]: "not_yet",
    }
    assert services.rate(alice_onboarded, assessment=assessment, statuses={pm[1]: "not_yet"}) == 0


def test_a_bad_status_or_behaviour_is_refused_with_its_name_and_nothing_changes(alice_onboarded):
    assessment = services.new_assessment(alice_onboarded)
    pm = behaviours("pm")
    with pytest.raises(AssessmentError, match=f"behaviour {pm[0]}: 'always'"):
        services.rate(
            alice_onboarded, assessment=assessment, statuses={pm[1]: "sometimes", pm[0]: "always"}
        )
    with pytest.raises(AssessmentError, match="behaviour 999999: not a behaviour"):
        services.rate(alice_onboarded, assessment=assessment, statuses={999999: "sometimes"})
    assert not assessment.ratings.exists()


def test_an_older_assessment_is_history_and_cannot_change(alice_onboarded):
    old = services.new_assessment(alice_onboarded)
    services.new_assessment(alice_onboarded)
    with pytest.raises(AssessmentError, match="kept as history"):
        services.rate(alice_onboarded, assessment=old, statuses={behaviours("pm")[0]: "sometimes"})
    with pytest.raises(AssessmentError, match="kept as history"):
        services.attach_evidence(
            alice_onboarded,
            assessment=old,
            behaviour_id=behaviours("pm")[0],
            kind="link",
            label="A doc",
        )


@pytest.mark.parametrize("kind", ["story", "case_study", "experience", "practice"])
def test_alice_attaches_her_own_things_as_evidence(alice_onboarded, kind):
    makers = {
        "story": make_story,
        "case_study": make_case_study,
        "experience": make_experience,
        "practice": make_attempt,
    }
    thing = makers[kind](alice_onboarded)
    assessment = services.new_assessment(alice_onboarded)
    behaviour = behaviours("pm", "customer_focus")[0]
    evidence = services.attach_evidence(
        alice_onboarded,
        assessment=assessment,
        behaviour_id=behaviour,
        kind=kind,
        object_id=str(thing.pk),
    )
    assert evidence.object_id == thing.pk and evidence.user == alice_onboarded
    assert evidence.rating.behaviour_id == behaviour and evidence.rating.status == "not_yet"
    assert evidence.label.split(": ")[0] in {"Story", "Case study", "Experience", "Practice"}


@pytest.mark.parametrize("kind", ["story", "case_study", "experience", "practice"])
def test_bob_cannot_attach_alices_things_as_his_evidence(alice, bob, kind):
    onboard(bob)
    makers = {
        "story": make_story,
        "case_study": make_case_study,
        "experience": make_experience,
        "practice": make_attempt,
    }
    alices = makers[kind](alice)
    assessment = services.new_assessment(bob)
    with pytest.raises(AssessmentError, match=f"evidence: no .* {alices.pk} of yours"):
        services.attach_evidence(
            bob,
            assessment=assessment,
            behaviour_id=behaviours("pm")[0],
            kind=kind,
            object_id=alices.pk,
        )
    assert not Evidence.objects.exists()
    assert not BehaviourRating.objects.exists()


def test_a_practice_attempt_without_a_score_is_not_evidence(alice_onboarded):
    draft = make_attempt(alice_onboarded, score=None, submitted_at=None)
    assessment = services.new_assessment(alice_onboarded)
    with pytest.raises(AssessmentError, match="no practice"):
        services.attach_evidence(
            alice_onboarded,
            assessment=assessment,
            behaviour_id=behaviours("pm")[0],
            kind="practice",
            object_id=draft.pk,
        )


def test_a_link_needs_a_label_and_a_web_address(alice_onboarded):
    assessment = services.new_assessment(alice_onboarded)
    b = behaviours("pm")[0]
    with pytest.raises(AssessmentError, match="label: say what the link shows"):
        services.attach_evidence(
            alice_onboarded, assessment=assessment, behaviour_id=b, kind="link", url="https://a.b"
        )
    with pytest.raises(AssessmentError, match="url: give a full web address"):
        services.attach_evidence(
            alice_onboarded,
            assessment=assessment,
            behaviour_id=b,
            kind="link",
            label="Doc",
            url="javascript:alert(1)",
        )
    link = services.attach_evidence(
        alice_onboarded,
        assessment=assessment,
        behaviour_id=b,
        kind="link",
        label="  Spec   I wrote ",
        url="https://docs.example/spec",
    )
    assert link.label == "Spec I wrote" and link.object_id is None


def test_the_same_thing_cannot_be_attached_twice_to_one_behaviour(alice_onboarded):
    story = make_story(alice_onboarded)
    assessment = services.new_assessment(alice_onboarded)
    b = behaviours("pm")[0]
    services.attach_evidence(
        alice_onboarded, assessment=assessment, behaviour_id=b, kind="story", object_id=story.pk
    )
    with pytest.raises(AssessmentError, match="already attached"):
        services.attach_evidence(
            alice_onboarded, assessment=assessment, behaviour_id=b, kind="story", object_id=story.pk
        )


def test_evidence_changes_readiness_from_the_database(alice_onboarded):
    pm = behaviours("pm")
    apm = behaviours("apm")
    everything = dict.fromkeys(apm + pm, "consistently")
    rated_assessment(alice_onboarded, everything)
    _, claimed = aq.report(alice_onboarded)
    assert claimed.at_target.overall == pytest.approx(0.5)
    assert claimed.operates_at is None

    Assessment.objects.all().delete()
    rated_assessment(alice_onboarded, everything, evidence_for=tuple(apm + pm))
    _, backed = aq.report(alice_onboarded)
    assert backed.at_target.overall == 1.0
    assert backed.operates_at.key == "pm"
    assert backed.ready_for_target


def test_removing_evidence_turns_the_rating_back_into_a_claim(alice_onboarded):
    b = behaviours("pm", "communication")[0]
    assessment = rated_assessment(alice_onboarded, {b: "consistently"}, evidence_for=(b,))
    assert aq.ratings_of(assessment)[b].evidenced
    services.remove_evidence(alice_onboarded, evidence=Evidence.objects.get())
    assert not aq.ratings_of(assessment)[b].evidenced


def test_deleting_an_experience_entry_removes_the_evidence_that_pointed_at_it(alice_onboarded):
    from pmpath.career.experiences import delete_experience

    entry = make_experience(alice_onboarded)
    assessment = services.new_assessment(alice_onboarded)
    services.attach_evidence(
        alice_onboarded,
        assessment=assessment,
        behaviour_id=behaviours("pm")[0],
        kind="experience",
        object_id=entry.pk,
    )
    delete_experience(alice_onboarded, experience=entry)
    assert not Evidence.objects.exists()


def test_history_scores_each_assessment_against_the_same_level(alice_onboarded):
    pm = behaviours("pm")
    rated_assessment(alice_onboarded, dict.fromkeys(pm[:9], "consistently"), evidence_for=tuple(pm))
    rated_assessment(alice_onboarded, dict.fromkeys(pm, "consistently"), evidence_for=tuple(pm))
    points = aq.history(alice_onboarded, "pm")
    assert [round(p.overall, 2) for p in points] == [0.6, 1.0]
    assert points[-1].evidenced == 18 and points[-1].claimed == 0


def test_the_evidence_choices_are_only_the_users_own(alice, bob):
    make_story(alice, title="Alice's story")
    make_story(bob, title="Bob's story")
    make_attempt(bob, score=None, submitted_at=None)
    choices = aq.evidence_choices(bob)
    assert [c.label for c in choices["story"]] == ["Bob's story"]
    assert choices["practice"] == []
