import pytest
from django.urls import reverse


def test_the_role_page_explains_the_lifecycle(charlie_client):
    body = charlie_client.get(reverse("career:role")).content.decode()
    assert "The product lifecycle" in body
    assert "Conception" in body and "Launch" in body
    assert "Engineering" in body and "Design" in body


def test_the_career_overview_shows_the_ladder_and_skills(charlie_client):
    body = charlie_client.get(reverse("career:overview")).content.decode()
    for name in ["Associate Product Manager", "Senior Product Manager", "Director of Product"]:
        assert name in body
    assert "Strategic thinking" in body


def test_the_overview_marks_the_candidates_target(alice_client):
    body = alice_client.get(reverse("career:overview")).content.decode()
    assert "your target" in body
    assert "Your starting point" in body


@pytest.mark.parametrize("key", ["apm", "pm", "senior_pm", "lead_pm", "director"])
def test_each_level_page_lists_behaviours_for_all_six_skills(charlie_client, key):
    response = charlie_client.get(reverse("career:level", args=[key]))
    assert response.status_code == 200
    body = response.content.decode()
    for skill in [
        "Communication",
        "Strategic thinking",
        "Technical knowledge",
        "Project management",
        "Customer focus",
        "Leadership",
    ]:
        assert f"<h3>{skill}</h3>" in body


def test_an_unknown_level_or_background_is_404(charlie_client):
    assert charlie_client.get(reverse("career:level", args=["ceo"])).status_code == 404
    assert charlie_client.get(reverse("career:background", args=["astronaut"])).status_code == 404


def test_a_background_page_lists_strengths_gaps_and_steps(charlie_client):
    body = charlie_client.get(reverse("career:background", args=["engineering"])).content.decode()
    for heading in ["Strengths you bring", "Typical gaps", "First steps this month"]:
        assert heading in body


def test_the_ladder_is_read_in_a_constant_number_of_queries(db, django_assert_max_num_queries):
    from pmpath.career.queries import ladder

    with django_assert_max_num_queries(3):
        data = ladder()
    assert len(data["levels"]) == 5
