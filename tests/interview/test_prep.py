"""Company prep for an application: research, stories, likely questions, questions to ask,
the "why this company" answer and the rounds coming up."""

from datetime import datetime, timedelta

from django.urls import reverse

from pmpath.interview import prep
from pmpath.interview.models import PrepNote, StoryUse
from pmpath.jobs.research_services import save_brief
from tests.interview.practice_factories import make_question, make_story
from tests.jobs.factories import make_application, make_interview
from tests.perf import assert_constant_queries


def test_prep_gathers_the_brief_questions_to_ask_and_company_questions(alice):
    application = make_application(alice, company_name="Northwind")
    save_brief(
        alice,
        company_id=application.company_id,
        mission="Help small shops sell online.",
        questions_to_ask="- How is success measured in the first year?\n"
        "2. What did the team ship last?",
    )
    asked = make_question(text="How would you grow Northwind's seller base?", company="Northwind")
    found = prep.prep_for(alice, application.pk)
    assert found.brief.completeness == 22
    assert found.to_ask == [
        "How is success measured in the first year?",
        "What did the team ship last?",
    ]
    assert found.company_questions == [asked]


def test_likely_questions_follow_the_upcoming_rounds_kinds(alice):
    application = make_application(alice)
    make_interview(alice, application, kind="technical")
    make_question(category="technical", text="Explain how an API rate limit protects a service.")
    found = prep.prep_for(alice, application.pk)
    assert found.categories == ["technical"]
    assert found.likely and {q.category for q in found.likely} == {"technical"}
    assert len(found.upcoming) == 1


def test_with_no_rounds_booked_prep_covers_a_typical_loop(alice):
    found = prep.prep_for(alice, make_application(alice).pk)
    assert found.categories == prep.DEFAULT_CATEGORIES and not found.upcoming


def test_past_rounds_are_listed_but_only_upcoming_ones_count_as_upcoming(alice):
    application = make_application(alice)
    past = datetime.now().replace(second=0, microsecond=0) - timedelta(days=3)
    make_interview(alice, application, local_start=past, kind="recruiter")
    make_interview(alice, application, kind="behavioural")
    found = prep.prep_for(alice, application.pk)
    assert len(found.interviews) == 2 and [i.kind for i in found.upcoming] == ["behavioural"]
    assert found.categories == ["behavioural"]


def test_the_why_company_answer_is_saved_once_per_application(alice):
    application = make_application(alice)
    prep.save_note(alice, application_id=application.pk, why_company="Their sellers.")
    prep.save_note(alice, application_id=application.pk, why_company="Their sellers and data.")
    assert PrepNote.objects.get(user=alice).why_company == "Their sellers and data."


def test_choosing_a_story_records_a_planned_use_for_the_application(alice):
    application = make_application(alice, company_name="Northwind")
    story = make_story(alice)
    prep.choose_story(alice, application_id=application.pk, story_id=story.pk)
    use = StoryUse.objects.get(user=alice)
    assert use.application == application and use.company == application.company
    assert use.used_on is None
    assert story not in prep.prep_for(alice, application.pk).story_choices


# --- pages ----------------------------------------------------------------------------


def test_the_prep_page_shows_each_section(alice, alice_client):
    application = make_application(alice, company_name="Northwind", role_title="Growth PM")
    make_interview(alice, application, kind="product_sense")
    make_story(alice)
    body = alice_client.get(reverse("interview:prep", args=[application.pk])).content.decode()
    sections = ["Prepare for Northwind", "Company research", "Questions to ask them"]
    sections += ["Stories to tell", "Likely questions", "Why this company?", "Product sense"]
    for text in sections:
        assert text in body


def test_the_application_page_links_to_its_prep(alice, alice_client):
    application = make_application(alice)
    body = alice_client.get(reverse("jobs:application", args=[application.pk])).content.decode()
    assert reverse("interview:prep", args=[application.pk]) in body


def test_the_note_and_a_story_are_saved_from_the_page(alice, alice_client):
    application = make_application(alice)
    story = make_story(alice)
    url = reverse("interview:prep", args=[application.pk])
    assert alice_client.post(url, {"why_company": "Their mission.", "notes": ""}).url == url
    assert PrepNote.objects.get(user=alice).why_company == "Their mission."
    alice_client.post(reverse("interview:prep_story", args=[application.pk]), {"story": story.pk})
    assert StoryUse.objects.filter(application=application, story=story).exists()


def test_removing_a_story_from_prep_returns_to_prep(alice, alice_client):
    application = make_application(alice)
    use = prep.choose_story(alice, application_id=application.pk, story_id=make_story(alice).pk)
    url = reverse("interview:prep", args=[application.pk])
    response = alice_client.post(
        reverse("interview:story_use_delete", args=[use.pk]), {"next": url}
    )
    assert response.url == url and not StoryUse.objects.exists()


def test_bob_gets_404_for_alices_prep_on_read_and_write(alice, bob, bob_client):
    application = make_application(alice)
    url = reverse("interview:prep", args=[application.pk])
    assert bob_client.get(url).status_code == 404
    assert bob_client.post(url, {"why_company": "mine"}).status_code == 404
    bobs_story = make_story(bob)
    stories = reverse("interview:prep_story", args=[application.pk])
    assert bob_client.post(stories, {"story": bobs_story.pk}).status_code == 404
    assert not PrepNote.objects.exists() and not StoryUse.objects.exists()


def test_alice_cannot_add_bobs_story_to_her_prep(alice, bob, alice_client):
    application = make_application(alice)
    stories = reverse("interview:prep_story", args=[application.pk])
    assert alice_client.post(stories, {"story": make_story(bob).pk}).status_code == 404
    assert not StoryUse.objects.exists()


def test_charlie_gets_404_for_prep(alice, charlie_client):
    application = make_application(alice)
    url = reverse("interview:prep", args=[application.pk])
    assert charlie_client.get(url).status_code == 404
    assert charlie_client.post(url, {"why_company": "x"}).status_code == 404
    stories = reverse("interview:prep_story", args=[application.pk])
    assert charlie_client.post(stories, {"story": "1"}).status_code == 404


def test_the_prep_page_runs_constant_queries(alice, alice_client):
    application = make_application(alice, company_name="Northwind")
    story = make_story(alice)

    def grow(n: int) -> None:
        have = StoryUse.objects.filter(user=alice).count()
        StoryUse.objects.bulk_create(
            [StoryUse(user=alice, story=story, application=application) for _ in range(have, n)]
        )
        for i in range(application.interviews.count(), min(n, 12)):
            make_interview(alice, application, kind=["execution", "technical", "panel"][i % 3])

    assert_constant_queries(alice_client, f"/interview/prep/{application.pk}/", grow, large=200)
