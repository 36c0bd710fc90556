"""The story bank: services, the coverage grid, the pages, uses, and access for alice, bob and
charlie."""

import pytest
from django.http import Http404
from django.urls import reverse

from pmpath.interview import stories, story_queries
from pmpath.interview.models import Story, StoryUse
from pmpath.interview.stories import StoryError
from tests.interview.practice_factories import STORY, make_question, make_story
from tests.jobs.factories import make_application
from tests.perf import assert_constant_queries


def test_a_story_is_saved_with_its_tags_in_canonical_order(alice):
    story = stories.save_story(alice, **{**STORY, "skills": ["leadership", "communication"]})
    assert story.skills == ["communication", "leadership"]
    assert story.themes == ["ambiguity", "stakeholder"]


def test_a_story_needs_a_title(alice):
    with pytest.raises(StoryError, match="^title: give the story"):
        stories.save_story(alice, **{**STORY, "title": "  "})


def test_an_unknown_skill_is_refused_naming_the_field(alice):
    with pytest.raises(StoryError, match="^skills: 'charisma' is not one of"):
        stories.save_story(alice, **{**STORY, "skills": ["charisma"]})


def test_bob_cannot_edit_or_delete_alices_story(alice, bob):
    story = make_story(alice)
    with pytest.raises(Http404):
        stories.save_story(bob, story_id=story.pk, title="Mine")
    with pytest.raises(Http404):
        stories.delete_story(bob, story_id=story.pk)
    assert Story.objects.get(pk=story.pk).title == STORY["title"]


def test_a_use_on_an_application_takes_its_company(alice):
    application = make_application(alice, company_name="Northwind")
    use = stories.add_use(alice, story_id=make_story(alice).pk, application_id=application.pk)
    assert use.company == application.company


def test_the_same_use_twice_is_one_use(alice):
    story = make_story(alice)
    question = make_question(category="behavioural")
    first = stories.add_use(alice, story_id=story.pk, question_id=question.pk)
    again = stories.add_use(alice, story_id=story.pk, question_id=question.pk)
    assert first.pk == again.pk and StoryUse.objects.count() == 1


def test_a_use_needs_something_to_point_at(alice):
    with pytest.raises(StoryError, match="^question: choose a question, a company"):
        stories.add_use(alice, story_id=make_story(alice).pk)


def test_a_use_cannot_point_at_another_users_application_or_question(alice, bob):
    story = make_story(alice)
    with pytest.raises(StoryError, match="^application: that application is not yours"):
        stories.add_use(alice, story_id=story.pk, application_id=make_application(bob).pk)
    bobs = make_question(owner=bob, text="Bob's question?")
    with pytest.raises(StoryError, match="^question: that question is not in your bank"):
        stories.add_use(alice, story_id=story.pk, question_id=bobs.pk)


def test_the_grid_lists_stories_per_skill_and_theme_and_the_gaps(alice, bob):
    make_story(alice, title="Checkout", skills=["leadership"], themes=["conflict"])
    make_story(alice, title="Pricing", skills=["leadership"], themes=[])
    make_story(bob, title="Bob's", skills=["communication"], themes=["failure"])
    cells = {(c.kind, c.key): c for c in story_queries.coverage(alice)}
    assert [t for _pk, t in cells["skill", "leadership"].stories] == ["Checkout", "Pricing"]
    assert [t for _pk, t in cells["theme", "conflict"].stories] == ["Checkout"]
    assert cells["skill", "communication"].gap and cells["theme", "failure"].gap
    assert len(cells) == 6 + 10


def test_a_crowded_cell_names_a_few_stories_and_counts_the_rest(alice):
    for i in range(7):
        make_story(alice, title=f"Story {i}", skills=["communication"])
    cell = next(c for c in story_queries.coverage(alice) if c.key == "communication")
    assert (
        len(cell.stories) == story_queries.CELL_SHOWN and cell.more == 7 - story_queries.CELL_SHOWN
    )


# --- pages ----------------------------------------------------------------------------


def test_the_story_bank_shows_the_grid_gaps_and_checks(alice, alice_client):
    make_story(alice)
    body = alice_client.get(reverse("interview:stories")).content.decode()
    assert "Rescued the checkout redesign" in body
    assert "gaps:" in body and "strategic thinking" in body
    assert "3 of 4 checks" in body


def test_a_new_story_is_created_from_the_form(alice, alice_client):
    data = {**STORY, "skills": ["leadership"], "themes": ["conflict"]}
    response = alice_client.post(reverse("interview:story_new"), data)
    story = Story.objects.get(user=alice)
    assert response.url == reverse("interview:story", args=[story.pk])
    body = alice_client.get(response.url).content.decode()
    assert "A measured result" in body and "Two minutes long" in body


def test_editing_a_story_saves_it(alice, alice_client):
    story = make_story(alice)
    url = reverse("interview:story", args=[story.pk])
    response = alice_client.post(url, {**STORY, "title": "Checkout, retold", "skills": []})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Checkout, retold" and story.skills == []


def test_a_use_is_added_and_removed_from_the_story_page(alice, alice_client):
    story = make_story(alice)
    application = make_application(alice, company_name="Northwind", role_title="Growth PM")
    response = alice_client.post(
        reverse("interview:story_use_add", args=[story.pk]),
        {"application": application.pk, "used_on": "2026-03-02"},
    )
    assert response.url.endswith("#uses")
    use = StoryUse.objects.get(user=alice)
    assert (
        "Growth PM"
        in alice_client.get(reverse("interview:story", args=[story.pk])).content.decode()
    )
    alice_client.post(reverse("interview:story_use_delete", args=[use.pk]))
    assert not StoryUse.objects.exists()


def test_deleting_a_story_returns_to_the_bank(alice, alice_client):
    story = make_story(alice)
    response = alice_client.post(reverse("interview:story_delete", args=[story.pk]))
    assert response.url == reverse("interview:stories")
    assert not Story.objects.exists()


def test_bob_gets_404_for_alices_story_on_read_and_write(alice, bob_client):
    story = make_story(alice)
    use = StoryUse.objects.create(user=alice, story=story, company=make_application(alice).company)
    assert bob_client.get(reverse("interview:story", args=[story.pk])).status_code == 404
    assert bob_client.post(reverse("interview:story", args=[story.pk]), STORY).status_code == 404
    assert bob_client.post(reverse("interview:story_delete", args=[story.pk])).status_code == 404
    add = reverse("interview:story_use_add", args=[story.pk])
    assert bob_client.post(add, {"company": use.company_id}).status_code == 404
    assert bob_client.post(reverse("interview:story_use_delete", args=[use.pk])).status_code == 404
    assert Story.objects.filter(pk=story.pk, title=STORY["title"]).exists()
    assert StoryUse.objects.count() == 1


def test_charlie_is_refused_everywhere(alice, charlie_client):
    story = make_story(alice)
    use = StoryUse.objects.create(user=alice, story=story, company=make_application(alice).company)
    for name in ["stories", "story_new"]:
        assert charlie_client.get(reverse(f"interview:{name}")).status_code == 302
    assert charlie_client.post(reverse("interview:story_new"), STORY).status_code == 302
    assert charlie_client.get(reverse("interview:story", args=[story.pk])).status_code == 404
    for name, pk in [
        ("story", story.pk),
        ("story_delete", story.pk),
        ("story_use_add", story.pk),
        ("story_use_delete", use.pk),
    ]:
        assert charlie_client.post(reverse(f"interview:{name}", args=[pk])).status_code == 404
    assert Story.objects.count() == 1 and StoryUse.objects.count() == 1


def test_the_bank_and_a_story_run_constant_queries(alice, alice_client):
    def grow(n: int) -> None:
        have = Story.objects.filter(user=alice).count()
        Story.objects.bulk_create(
            [
                Story(user=alice, title=f"S{i}", skills=["leadership"], themes=["data"])
                for i in range(have, n)
            ]
        )

    assert_constant_queries(alice_client, "/interview/stories/", grow)
    story = make_story(alice)
    application = make_application(alice)

    def uses(n: int) -> None:
        have = StoryUse.objects.filter(user=alice).count()
        StoryUse.objects.bulk_create(
            [StoryUse(user=alice, story=story, application=application) for _ in range(have, n)]
        )

    assert_constant_queries(alice_client, f"/interview/stories/{story.pk}/", uses, large=200)
