"""The learning plan: proposals for the largest gaps, enrolling, and recording progress."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from pmpath.career import learning_queries
from pmpath.career.models import Enrolment, Resource
from tests.career.growth_factories import behaviours, rated_assessment
from tests.career.learning_factories import make_enrolment, make_resource
from tests.conftest import onboard
from tests.perf import assert_constant_queries

URL = "/career/plan/"


def consistently(level, *, except_skill=None, evidence=False):
    ids = behaviours(level)
    gap = set(behaviours(level, except_skill)) if except_skill else set()
    statuses = {b: "not_yet" if b in gap else "consistently" for b in ids}
    return statuses, tuple(ids) if evidence else ()


def test_without_an_assessment_the_plan_starts_from_the_backgrounds_gaps(alice, alice_client):
    plan = learning_queries.plan(alice)
    assert plan.basis == "background"
    assert [np.need.skill for np in plan.needs] == [
        "customer_focus",
        "strategic_thinking",
        "communication",
    ]
    assert all(len(np.proposals) == 3 for np in plan.needs)
    body = alice_client.get(URL).content.decode()
    assert "You have not rated your skills yet" in body
    assert "Why: for your gap in customer focus at Product Manager" in body
    assert "A typical gap for people from software engineering" in body


def test_the_plan_follows_the_target_level(alice, alice_client):
    onboard(alice, background="design", target_level="director")
    plan = learning_queries.plan(alice)
    assert [np.need.level for np in plan.needs] == ["director"] * 3
    proposed = [p.item for np in plan.needs for p in np.proposals]
    assert proposed and all(
        not i.levels or {"lead_pm", "director"} & set(i.levels) for i in proposed
    )
    assert (
        "for your gap in strategic thinking at Director of Product"
        in alice_client.get(URL).content.decode()
    )


def test_with_an_assessment_the_plan_targets_the_weakest_skills(alice, alice_client):
    statuses, proof = consistently("pm", except_skill="leadership", evidence=True)
    rated_assessment(alice, statuses, evidence_for=proof)
    plan = learning_queries.plan(alice)
    assert plan.basis == "assessment"
    assert [np.need.skill for np in plan.needs] == ["leadership"]
    assert plan.needs[0].need.detail == "0% ready: 3 not shown yet of 3 behaviours"
    body = alice_client.get(URL).content.decode()
    assert "Proposed from your latest" in body
    assert "Why: for your gap in leadership at Product Manager" in body


def test_claims_without_evidence_still_leave_a_gap(alice):
    statuses, _ = consistently("pm", except_skill="leadership")
    rated_assessment(alice, statuses)
    needs = [np.need for np in learning_queries.plan(alice).needs]
    assert [n.skill for n in needs] == ["leadership", "communication", "strategic_thinking"]
    assert needs[1].detail == "50% ready: 3 claimed without evidence of 3 behaviours"


def test_with_nothing_missing_at_the_target_the_plan_stretches_to_the_next_level(
    alice, alice_client
):
    statuses, proof = consistently("pm", evidence=True)
    rated_assessment(alice, statuses, evidence_for=proof)
    plan = learning_queries.plan(alice)
    assert {np.need.level for np in plan.needs} == {"senior_pm"}
    assert {np.need.source for np in plan.needs} == {"stretch"}
    assert "stretch" in alice_client.get(URL).content.decode()


def test_without_a_background_or_assessment_the_page_asks_for_one(alice, alice_client):
    onboard(alice, background="")
    body = alice_client.get(URL).content.decode()
    assert "fill in your profile" in body and "Proposed for your largest gaps" not in body


def test_enrolling_from_the_plan_moves_the_item_to_my_enrolments(alice, alice_client):
    first = learning_queries.plan(alice).needs[0].proposals[0].item
    response = alice_client.post(
        reverse("career:resource_enrol", args=[first.id]), {"status": "active", "next": URL}
    )
    assert response["Location"] == URL
    enrolment = Enrolment.objects.get(user=alice)
    assert (enrolment.status, enrolment.started_on) == ("active", timezone.localdate())
    plan = learning_queries.plan(alice)
    assert first.id not in [p.item.id for np in plan.needs for p in np.proposals]
    assert plan.needs[0].on_plan == (first.id,)
    assert "Already on your plan for this gap: <a" in alice_client.get(URL).content.decode()


def test_enrolling_twice_keeps_the_progress_and_revives_a_dropped_one(alice, alice_client):
    resource = Resource.objects.get(key="shape-up")
    make_enrolment(alice, resource, status="dropped", progress=40)
    alice_client.post(reverse("career:resource_enrol", args=[resource.pk]))
    enrolment = Enrolment.objects.get(user=alice)
    assert (enrolment.status, enrolment.progress) == ("planned", 40)


def test_marking_it_done_fills_the_completion_and_shows_it_on_the_plan(alice, alice_client):
    enrolment = make_enrolment(alice, status="active", started_on=date(2025, 1, 6), progress=60)
    response = alice_client.post(
        reverse("career:enrolment", args=[enrolment.pk]),
        {
            "status": "done",
            "progress": "60",
            "started_on": "2025-01-06",
            "certificate_url": "https://certs.example.com/42",
            "applied_notes": "Rewrote our discovery kick-off with its opportunity tree.",
        },
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert (enrolment.progress, enrolment.completed_on) == (100, timezone.localdate())
    body = alice_client.get(URL).content.decode()
    assert "Rewrote our discovery kick-off" in body and "Certificate" in body
    assert "can back your" in body


def test_a_completion_before_the_start_is_refused_with_the_field_named(alice, alice_client):
    enrolment = make_enrolment(alice, status="active", started_on=date(2025, 3, 1))
    response = alice_client.post(
        reverse("career:enrolment", args=[enrolment.pk]),
        {
            "status": "done",
            "progress": "100",
            "started_on": "2025-03-01",
            "completed_on": "2025-02-01",
        },
    )
    assert "is before the start date" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == "active"


def test_progress_over_100_is_refused(alice, alice_client):
    enrolment = make_enrolment(alice)
    response = alice_client.post(
        reverse("career:enrolment", args=[enrolment.pk]), {"status": "active", "progress": "150"}
    )
    assert response.status_code == 200
    enrolment.refresh_from_db()
    assert enrolment.progress == 0


def test_removing_an_enrolment_takes_it_off_the_plan(alice, alice_client):
    enrolment = make_enrolment(alice)
    alice_client.post(reverse("career:enrolment_delete", args=[enrolment.pk]))
    assert not Enrolment.objects.filter(pk=enrolment.pk).exists()


def test_completed_resources_are_offered_as_evidence_for_their_skills(alice):
    done = make_enrolment(
        alice,
        Resource.objects.get(key="radical-candor"),
        status="done",
        completed_on=date(2025, 2, 3),
        certificate_url="",
    )
    make_enrolment(alice, Resource.objects.get(key="the-mom-test"), status="active")
    [offer] = learning_queries.evidence_candidates(alice, skills=["leadership"])
    assert offer["enrolment_id"] == done.pk
    assert offer["label"] == "Radical Candor (book, completed 03 Feb 2025)"
    assert offer["url"] == "https://www.radicalcandor.com/"
    assert learning_queries.evidence_candidates(alice, skills=["technical_knowledge"]) == []


def test_the_plan_page_runs_a_constant_number_of_queries(alice, alice_client):
    statuses, _ = consistently("pm", except_skill="leadership")
    rated_assessment(alice, statuses)

    def grow(n):
        have = Enrolment.objects.filter(user=alice).count()
        for i in range(have, n):
            resource = make_resource(alice, name=f"Own {i}", skills=["leadership"])
            make_enrolment(
                alice,
                resource,
                status=["planned", "active", "done", "dropped"][i % 4],
                progress=i % 100,
                started_on=timezone.localdate() - timedelta(days=i),
            )

    assert_constant_queries(alice_client, URL, grow, small=5, large=60)
