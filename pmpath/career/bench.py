"""Career: heavy-user data and pages for the benchmark."""

import random
from typing import Any

from pmpath.bench.registry import Page, first_id, generator, not_pages, object_ids, page
from pmpath.career.services import save_profile


@generator("career.profile", order=10)
def profile(user: Any, rng: random.Random, scale: float) -> str:
    companies = ["Stripe", "Figma", "Notion", "Shopify", "Atlassian", "Linear", "Datadog"]
    save_profile(
        user,
        display_name="Heavy User",
        background=rng.choice(["engineering", "design", "marketing", "data"]),
        current_role="Senior Software Engineer",
        years_experience=rng.randint(3, 12),
        target_level=rng.choice(["pm", "senior_pm"]),
        target_companies=rng.sample(companies, 5),
    )
    return "candidate profile"


page(Page("career", "career:overview", lambda u: "/career/"))
page(Page("the PM role", "career:role", lambda u: "/career/role/"))
page(Page("level: senior PM", "career:level", lambda u: "/career/levels/senior_pm/"))
page(Page("background: design", "career:background", lambda u: "/career/backgrounds/design/"))
page(Page("profile", "career:onboarding", lambda u: "/career/profile/"))
not_pages("career:load_demo")


# --- self-assessment, readiness, experience log, weekly goals ---------------------------------


@generator("career.growth", order=60)
def growth(user: Any, rng: random.Random, scale: float) -> str:
    """Two hundred experience-log entries, six assessments a month apart that improve over time
    with evidence pointing at the user's own stories, entries and practice scores, and twelve
    weeks of goals."""
    from datetime import timedelta

    from django.utils import timezone

    from pmpath.career import assessment_queries as aq
    from pmpath.career.goal_queries import week_of
    from pmpath.career.models import (
        Assessment,
        BehaviourRating,
        Evidence,
        Experience,
        WeeklyGoal,
    )
    from pmpath.interview.models import Attempt, Story

    skills = [s.key for s in aq.engine_ladder().skills]
    today = timezone.localdate()
    count = max(10, round(200 * scale))
    statuses = ["done"] * 6 + ["doing"] * 2 + ["planned"]
    Experience.objects.bulk_create(
        Experience(
            user=user,
            title=f"Stretch project {i + 1}: {rng.choice(['ran', 'led', 'wrote', 'shipped'])} "
            f"{rng.choice(['customer interviews', 'a PRD', 'an A/B test', 'a pricing test'])}",
            status=rng.choice(statuses),
            done_on=today - timedelta(days=rng.randint(0, 720)),
            what="Planned the work, brought engineering and design along, and ran the reviews.",
            outcome=f"Activation up {rng.randint(2, 30)}% over {rng.randint(2, 12)} weeks.",
            skills=rng.sample(skills, rng.randint(1, 3)),
        )
        for i in range(count)
    )
    proof = [("experience", pk) for pk in _ids(Experience, user, 40)]
    proof += [("story", pk) for pk in _ids(Story, user, 40)]
    proof += [
        ("practice", pk)
        for pk in _ids(
            Attempt.objects.filter(score__isnull=False, submitted_at__isnull=False), user, 40
        )
    ]
    target = aq.target_level(user)
    window = {lv.key for lv in aq.window(target)}
    behaviours = [b.id for b in aq.engine_ladder().behaviours if b.level in window]
    ratings = 0
    for n in range(6):
        assessment = Assessment.objects.create(user=user, target_level=target)
        Assessment.objects.filter(pk=assessment.pk).update(
            created_at=timezone.now() - timedelta(days=30 * (5 - n))
        )
        weights = [6 - n, 3, 1 + n]  # not yet, sometimes, consistently: better each month
        rows = BehaviourRating.objects.bulk_create(
            BehaviourRating(
                user=user,
                assessment=assessment,
                behaviour_id=b,
                status=rng.choices(["not_yet", "sometimes", "consistently"], weights)[0],
            )
            for b in behaviours
        )
        ratings += len(rows)
        rated = list(
            BehaviourRating.objects.filter(assessment=assessment)
            .exclude(status="not_yet")
            .values_list("id", flat=True)
        )
        Evidence.objects.bulk_create(
            Evidence(user=user, rating_id=r, kind=kind, object_id=pk, label=f"{kind} {pk}")
            for r in rated
            if proof and rng.random() < 0.5
            for kind, pk in [rng.choice(proof)]
        )
    monday = week_of(today)
    WeeklyGoal.objects.bulk_create(
        WeeklyGoal(
            user=user,
            week_start=monday - timedelta(weeks=i),
            applications=rng.randint(3, 10),
            outreach=rng.randint(3, 15),
            practice_sessions=rng.randint(2, 8),
            learning_hours=rng.randint(1, 6),
        )
        for i in range(12)
    )
    return f"{count} experience entries, 6 assessments ({ratings} ratings), 12 weekly goals"


def _ids(model: Any, user: Any, limit: int) -> list[int]:
    rows = model if hasattr(model, "owned_by") else model.objects
    return list(rows.owned_by(user).order_by("-id").values_list("id", flat=True)[:limit])


def _latest_assessment(user: Any) -> int:
    from pmpath.career.models import Assessment

    return (
        Assessment.objects.owned_by(user)
        .order_by("-created_at", "-id")
        .values_list("id", flat=True)
        .first()
        or 0
    )


def _first_behaviour(user: Any) -> int:
    from pmpath.career import assessment_queries as aq

    target = aq.target_level(user)
    return next(b.id for b in aq.engine_ladder().behaviours if b.level == target)


page(Page("career: self-assessment", "career:assessment", lambda u: "/career/assessment/"))
page(
    Page(
        "career: an assessment",
        "career:assessment_detail",
        lambda u: f"/career/assessment/{_latest_assessment(u)}/",
    )
)
page(
    Page(
        "career: a behaviour's proof",
        "career:evidence",
        lambda u: f"/career/assessment/{_latest_assessment(u)}/behaviours/{_first_behaviour(u)}/",
    )
)
page(Page("career: readiness", "career:readiness", lambda u: "/career/readiness/"))
page(Page("career: experience", "career:experience", lambda u: "/career/experience/"))
page(
    Page(
        "career: experience, done", "career:experience", lambda u: "/career/experience/?status=done"
    )
)
page(Page("career: new experience", "career:experience_new", lambda u: "/career/experience/new/"))
page(
    Page(
        "career: an experience",
        "career:experience_edit",
        lambda u: f"/career/experience/{first_id('career.Experience', u)}/",
    )
)
page(Page("career: weekly goals", "career:goals", lambda u: "/career/goals/"))
not_pages("career:assessment_new", "career:evidence_delete", "career:experience_plan")
not_pages("career:experience_delete")


# --- resources and the learning plan -----------------------------------------------------------


@generator("career.learning", order=65)
def learning(user: Any, rng: random.Random, scale: float) -> str:
    """Twenty resources of the user's own and thirty enrolments across their own and the
    shipped catalogue, in every state."""
    from datetime import timedelta

    from django.utils import timezone

    from pmpath.career.models import RESOURCE_KINDS, Enrolment, Resource

    skills = [
        "communication",
        "strategic_thinking",
        "technical_knowledge",
        "project_management",
        "customer_focus",
        "leadership",
    ]
    levels = ["apm", "pm", "senior_pm", "lead_pm", "director"]
    kinds = [key for key, _ in RESOURCE_KINDS]
    own = []
    for i in range(20):
        cost = rng.choice([None, 0, 25, 199])
        own.append(
            Resource(
                owner=user,
                name=f"My {rng.choice(['team', 'company', 'mentor'])}'s pick {i + 1}",
                provider=rng.choice(["Internal wiki", "A mentor", "Coursera", ""]),
                kind=rng.choice(kinds),
                url=f"https://example.com/resources/{i + 1}",
                cost=cost,
                currency="USD" if cost else "",
                hours=rng.randint(1, 40),
                levels=rng.sample(levels, rng.randint(1, 3)),
                skills=rng.sample(skills, rng.randint(1, 3)),
                description="Recommended by a colleague; the basics and a few worked cases.",
            )
        )
    Resource.objects.bulk_create(own)
    pool = list(Resource.objects.visible_to(user).order_by("id").values_list("id", flat=True))
    chosen = rng.sample(pool, min(30, len(pool)))
    today = timezone.localdate()
    rows = []
    for resource_id in chosen:
        status = rng.choice(["planned", "active", "active", "done", "done", "dropped"])
        started = today - timedelta(days=rng.randint(10, 300)) if status != "planned" else None
        rows.append(
            Enrolment(
                user=user,
                resource_id=resource_id,
                status=status,
                progress=100 if status == "done" else rng.choice([0, 10, 40, 75]),
                started_on=started,
                completed_on=started + timedelta(days=rng.randint(5, 60))
                if status == "done" and started
                else None,
                certificate_url="https://example.com/certificates/abc" if status == "done" else "",
                applied_notes="Used its interview template for our onboarding research."
                if status == "done"
                else "",
            )
        )
    Enrolment.objects.bulk_create(rows)
    return f"20 own resources, {len(rows)} enrolments"


def _first_own_resource(user: Any) -> int:
    from pmpath.career.models import Resource

    return (
        Resource.objects.filter(owner=user).order_by("id").values_list("id", flat=True).first() or 0
    )


page(Page("career: resources", "career:resources", lambda u: "/career/resources/"))
page(
    Page(
        "career: resources, filtered",
        "career:resources",
        lambda u: "/career/resources/?skill=strategic_thinking&level=senior_pm&cost=free&q=a",
    )
)
page(
    Page(
        "career: a resource",
        "career:resource",
        lambda u: f"/career/resources/{_first_own_resource(u)}/",
    )
)
page(Page("career: new resource", "career:resource_new", lambda u: "/career/resources/new/"))
page(
    Page(
        "career: edit a resource",
        "career:resource_edit",
        lambda u: f"/career/resources/{_first_own_resource(u)}/edit/",
    )
)
page(
    Page(
        "career: import resources", "career:resources_import", lambda u: "/career/resources/import/"
    )
)
page(
    Page(
        "career: export resources",
        "career:resources_export",
        lambda u: "/career/resources/export/?format=csv",
    )
)
page(Page("career: learning plan", "career:plan", lambda u: "/career/plan/"))
page(
    Page(
        "career: an enrolment",
        "career:enrolment",
        lambda u: f"/career/plan/{first_id('career.Enrolment', u)}/",
    )
)
not_pages("career:resource_delete", "career:resource_enrol", "career:enrolment_delete")

# Routes that act on one object but are not pages (tests/core/test_isolation.py).
object_ids("career:evidence_delete", lambda u: {"pk": first_id("career.Evidence", u)})
