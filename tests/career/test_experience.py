"""Backgrounds' stretch experiences and the experience log: services, pages, access."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pmpath.career import experience_queries as eq
from pmpath.career import experiences as services
from pmpath.career import knowledge as kn
from pmpath.career.experiences import ExperienceError
from pmpath.career.models import Background, Experience
from pmpath.core.knowledge import read_yaml
from tests.career.growth_factories import bulk_experiences, make_experience
from tests.perf import assert_constant_queries


def test_every_shipped_stretch_experience_is_tagged_with_the_skill_it_grows():
    data, _ = read_yaml(kn.DATA / "backgrounds.yaml", kn.Backgrounds)
    for bg in data.backgrounds:
        assert len(bg.stretch_projects) >= 3, bg.key
        assert all(p.skill in kn.COMPETENCIES for p in bg.stretch_projects)
        # At least one stretch experience grows one of the background's typical gaps.
        gaps = {g.competency for g in bg.gaps}
        assert gaps & {p.skill for p in bg.stretch_projects}, bg.key


def test_the_guides_examples_of_stretch_experiences_are_there():
    data, _ = read_yaml(kn.DATA / "backgrounds.yaml", kn.Backgrounds)
    texts = " ".join(p.text for bg in data.backgrounds for p in bg.stretch_projects).lower()
    for example in ["end to end", "interviews", "requirements document", "a/b test"]:
        assert example in texts


def test_a_stretch_key_used_twice_is_refused_by_the_schema():
    data, _ = read_yaml(kn.DATA / "backgrounds.yaml", kn.Backgrounds)
    raw = data.model_dump()
    raw["backgrounds"][1]["stretch_projects"][0]["key"] = raw["backgrounds"][0]["stretch_projects"][
        0
    ]["key"]
    with pytest.raises(ValueError, match="stretch project keys used twice"):
        kn.Backgrounds.model_validate(raw)


def test_a_plain_line_typed_by_an_admin_still_shows_as_a_stretch_experience(db):
    bg = Background.objects.get(key="design")
    bg.stretch_projects = [*bg.stretch_projects, "Shadow a PM for a week"]
    found = eq.stretch_projects(bg)
    assert found[-1].text == "Shadow a PM for a week" and found[-1].skill == ""
    assert found[0].skill == "project_management"


def test_planning_a_stretch_experience_puts_it_in_the_log_once(alice):
    entry, created = services.plan_stretch(alice, stretch_key="eng-ab-test")
    assert created and entry.status == "planned"
    assert entry.skills == ["strategic_thinking"] and entry.stretch_key == "eng-ab-test"
    assert entry.title.startswith("Run an A/B test")
    again, created = services.plan_stretch(alice, stretch_key="eng-ab-test")
    assert not created and again.pk == entry.pk
    with pytest.raises(ExperienceError, match="stretch_key: 'nope'"):
        services.plan_stretch(alice, stretch_key="nope")


def test_the_log_checks_its_fields(alice):
    with pytest.raises(ExperienceError, match="title: say what"):
        services.add_experience(alice, title="   ")
    with pytest.raises(ExperienceError, match="status: 'finished'"):
        services.add_experience(alice, title="x", status="finished")
    with pytest.raises(ExperienceError, match="skills: charisma"):
        services.add_experience(alice, title="x", skills=["charisma"])
    entry = services.add_experience(alice, title=" Wrote   a PRD ", skills=["communication"])
    assert entry.title == "Wrote a PRD" and entry.status == "done"


def test_the_experience_page_shows_the_backgrounds_strengths_gaps_and_stretches(
    alice, alice_client
):
    body = alice_client.get(reverse("career:experience")).content.decode()
    assert "Coming from software engineering" in body
    assert "Strengths you bring" in body and "Typical gaps" in body
    assert "grows customer focus" in body
    assert 'name="stretch_key" value="eng-internal-tool"' in body
    assert "Nothing logged yet" in body


def test_plan_this_from_the_background_page(alice, alice_client):
    body = alice_client.get(reverse("career:background", args=["design"])).content.decode()
    assert "grows technical knowledge" in body and "Plan this" in body
    response = alice_client.post(
        reverse("career:experience_plan"),
        {
            "stretch_key": "design-build-pairing",
            "next": reverse("career:background", args=["design"]),
        },
    )
    assert response.status_code == 302
    entry = Experience.objects.get(user=alice)
    assert entry.stretch_key == "design-build-pairing"
    body = alice_client.get(reverse("career:background", args=["design"])).content.decode()
    assert reverse("career:experience_edit", args=[entry.pk]) in body


def test_the_background_page_for_a_visitor_has_no_plan_buttons(charlie_client):
    body = charlie_client.get(reverse("career:background", args=["design"])).content.decode()
    assert "grows technical knowledge" in body
    assert "Plan this" not in body


def test_alice_adds_edits_and_deletes_a_log_entry(alice, alice_client):
    response = alice_client.post(
        reverse("career:experience_new"),
        {
            "title": "Ran a pricing test",
            "status": "done",
            "done_on": "2025-03-04",
            "what": "Set up the test with the growth team.",
            "outcome": "Revenue per visitor up 6%.",
            "skills": ["strategic_thinking", "customer_focus"],
        },
    )
    assert response.status_code == 302
    entry = Experience.objects.get(user=alice)
    assert entry.skills == ["strategic_thinking", "customer_focus"]
    assert str(entry.done_on) == "2025-03-04"
    url = reverse("career:experience_edit", args=[entry.pk])
    assert "Ran a pricing test" in alice_client.get(url).content.decode()
    alice_client.post(url, {"title": "Ran two pricing tests", "status": "done", "skills": []})
    entry.refresh_from_db()
    assert entry.title == "Ran two pricing tests" and entry.skills == []
    alice_client.post(reverse("career:experience_delete", args=[entry.pk]))
    assert not Experience.objects.exists()


def test_a_bad_entry_gets_a_message_naming_the_field(alice_client):
    response = alice_client.post(
        reverse("career:experience_new"), {"title": "", "status": "done", "done_on": "soon"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "This field is required" in body and "Enter a valid date" in body
    assert not Experience.objects.exists()


def test_the_log_filters_by_status(alice, alice_client):
    make_experience(alice, title="A done thing", status="done")
    make_experience(alice, title="A planned thing", status="planned")
    body = alice_client.get(reverse("career:experience") + "?status=planned").content.decode()
    assert "A planned thing" in body and "A done thing" not in body


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
def test_others_cannot_read_or_change_alices_entry(alice, request, who):
    entry = make_experience(alice)
    client = request.getfixturevalue(who)
    url = reverse("career:experience_edit", args=[entry.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "hijacked", "status": "done"}).status_code == 404
    assert client.post(reverse("career:experience_delete", args=[entry.pk])).status_code == 404
    entry.refresh_from_db()
    assert entry.title == "Ran five customer interviews"


def test_bobs_log_never_shows_alices_entries(alice, bob_client):
    make_experience(alice, title="Alice's secret project")
    assert (
        "Alice's secret project"
        not in bob_client.get(reverse("career:experience")).content.decode()
    )


def test_charlie_cannot_plan_a_stretch_experience(charlie_client):
    response = charlie_client.post(
        reverse("career:experience_plan"), {"stretch_key": "eng-ab-test"}
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Experience.objects.exists()


def test_the_experience_page_runs_a_fixed_number_of_queries(alice, alice_client):
    assert_constant_queries(
        alice_client, reverse("career:experience"), lambda n: bulk_experiences(alice, n)
    )


def test_an_entry_page_runs_a_fixed_number_of_queries(alice, alice_client):
    entry = make_experience(alice)
    assert_constant_queries(
        alice_client,
        reverse("career:experience_edit", args=[entry.pk]),
        lambda n: bulk_experiences(alice, n),
    )
