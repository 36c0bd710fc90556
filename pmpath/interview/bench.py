"""The interview area's pages for the page benchmark (pmpath.bench.registry)."""

import random
from typing import Any

from pmpath.bench.registry import Page, first_id, generator, not_pages, object_ids, page

page(Page("interview: overview", "interview:index", lambda u: "/interview/"))

# --- the question bank (bank_views) ---------------------------------------------------------
from pmpath.interview import bank_bench  # noqa: E402

generator("interview.bank", order=50)(bank_bench.bank_history)
page(Page("interview: question bank", "interview:questions", lambda u: "/interview/questions/"))
page(
    Page(
        "interview: question bank, filtered",
        "interview:questions",
        lambda u: "/interview/questions/?category=behavioural&level=pm&q=team&page=2",
    )
)
page(
    Page(
        "interview: question",
        "interview:question",
        lambda u: f"/interview/questions/{bank_bench.first_practised(u)}/",
    )
)
page(
    Page(
        "interview: add a question", "interview:question_new", lambda u: "/interview/questions/new/"
    )
)
page(
    Page(
        "interview: edit a question",
        "interview:question_edit",
        lambda u: f"/interview/questions/{bank_bench.first_own(u)}/edit/",
    )
)
page(
    Page(
        "interview: category hint",
        "interview:question_suggest",
        lambda u: "/interview/questions/suggest/?text=Tell+me+about+a+time+you+disagreed",
        htmx=True,
    )
)
page(
    Page(
        "interview: import questions",
        "interview:questions_import",
        lambda u: "/interview/questions/import/",
    )
)
page(
    Page(
        "interview: export questions",
        "interview:questions_export",
        lambda u: "/interview/questions/export/?format=csv",
    )
)
page(
    Page(
        "interview: questions template",
        "interview:questions_template",
        lambda u: "/interview/questions/template.csv",
    )
)
not_pages("interview:question_delete")


# --- practice, stories, mocks and prep (practice_views, story_views, mock_views, prep_views) ---


@generator("interview.practice", order=52)
def practice_history(user: Any, rng: random.Random, scale: float) -> str:
    """Stories with uses, prep notes and mock interviews (done ones with answers), on top of
    the answers and review cards that interview.bank made."""
    from django.utils import timezone

    from pmpath.interview.models import (
        Attempt,
        Mock,
        MockItem,
        PrepNote,
        Question,
        Story,
        StoryUse,
    )
    from pmpath.jobs.models import Application

    questions = list(Question.objects.visible_to(user).values_list("id", flat=True))
    if not questions:
        return "interview practice: no questions (run `pmpath setup` first)"
    sample = Attempt.objects.owned_by(user).exclude(feedback={}).values_list("feedback", flat=True)
    feedback = sample.first() or {}
    now = timezone.now()
    skills = ["communication", "strategic_thinking", "technical_knowledge"]
    skills += ["project_management", "customer_focus", "leadership"]
    themes = ["conflict", "failure", "feedback", "influence", "ambiguity", "prioritisation"]
    Story.objects.bulk_create(
        [
            Story(
                user=user,
                title=f"Story {i:03d}",
                situation="The team faced a hard deadline on a launch. " * 6,
                task="I owned the launch plan and its trade-offs. " * 3,
                action="I interviewed customers and rebuilt the plan with the team. " * 12,
                result="Activation rose from 31% to 44% in six weeks. " * 2,
                reflection="I learned to bring finance in early. " * 3,
                skills=rng.sample(skills, 2),
                themes=rng.sample(themes, 2),
                metrics="activation 31% to 44%",
            )
            for i in range(max(5, round(60 * scale)))
        ]
    )
    stories = list(Story.objects.owned_by(user).values_list("id", flat=True))
    applications = list(Application.objects.owned_by(user).values_list("id", flat=True)[:200])
    StoryUse.objects.bulk_create(
        [StoryUse(user=user, story_id=rng.choice(stories), application_id=a) for a in applications]
    )
    PrepNote.objects.bulk_create(
        [
            PrepNote(user=user, application_id=a, why_company="Their customers and data. " * 12)
            for a in applications[:50]
        ],
        ignore_conflicts=True,
    )
    mocks = max(3, round(40 * scale))
    for i in range(mocks):
        status = "ready" if i == 0 else "done"
        mock = Mock.objects.create(user=user, title=f"Mock {i}", level="pm", status=status)
        chosen = rng.sample(questions, 4)
        MockItem.objects.bulk_create(
            [MockItem(mock=mock, question_id=q, order=n + 1) for n, q in enumerate(chosen)]
        )
        if status == "done":
            Attempt.objects.bulk_create(
                [
                    Attempt(
                        user=user,
                        question_id=q,
                        mock=mock,
                        answer="A mock answer.",
                        started_at=now,
                        submitted_at=now,
                        score=feedback.get("score", 60),
                        feedback=feedback,
                        duration_seconds=rng.randrange(200, 900),
                    )
                    for q in chosen
                ]
            )
    return f"interview practice: {len(stories)} stories, {mocks} mocks"


def _first_question(user: Any) -> int:
    from pmpath.interview.models import Question

    rows = Question.objects.visible_to(user).order_by("id")
    return rows.values_list("id", flat=True).first() or 0


def _interviewing_application(user: Any) -> int:
    """An application with interview rounds, else any: the prep page at its fullest."""
    from pmpath.jobs.models import Application, Interview

    found = Interview.objects.owned_by(user).order_by("id").values_list("application_id", flat=True)
    return (
        found.first()
        or Application.objects.owned_by(user).values_list("id", flat=True).first()
        or 0
    )


page(
    Page(
        "interview: today's queue",
        "interview:practice_pick",
        lambda u: "/interview/practice/?due=1",
    )
)
page(
    Page(
        "interview: practice picker",
        "interview:practice_pick",
        lambda u: "/interview/practice/?category=product_sense&level=pm",
    )
)
page(
    Page(
        "interview: practise a question",
        "interview:practice",
        lambda u: f"/interview/practice/{_first_question(u)}/",
    )
)
page(
    Page(
        "interview: feedback on an answer",
        "interview:attempt",
        lambda u: (
            f"/interview/attempts/{first_id('interview.Attempt', u, submitted_at__isnull=False)}/"
        ),
    )
)
page(Page("interview: story bank", "interview:stories", lambda u: "/interview/stories/"))
page(Page("interview: new story", "interview:story_new", lambda u: "/interview/stories/new/"))
page(
    Page(
        "interview: story",
        "interview:story",
        lambda u: f"/interview/stories/{first_id('interview.Story', u)}/",
    )
)
page(Page("interview: mocks", "interview:mocks", lambda u: "/interview/mocks/"))
page(
    Page(
        "interview: mock report",
        "interview:mock",
        lambda u: f"/interview/mocks/{first_id('interview.Mock', u, status='done')}/",
    )
)
page(
    Page(
        "interview: mock question",
        "interview:mock_run",
        lambda u: f"/interview/mocks/{first_id('interview.Mock', u, status='ready')}/run/",
    )
)
page(
    Page(
        "interview: company prep",
        "interview:prep",
        lambda u: f"/interview/prep/{_interviewing_application(u)}/",
    )
)
not_pages(
    "interview:practice_draft",
    "interview:story_delete",
    "interview:story_use_add",
    "interview:story_use_delete",
    "interview:mock_start",
    "interview:mock_delete",
    "interview:prep_story",
)

# Routes that act on one object but are not pages (tests/core/test_isolation.py).
object_ids("interview:story_use_delete", lambda u: {"pk": first_id("interview.StoryUse", u)})
