import pytest
from django.urls import reverse

AREAS: list[str] = []  # core.views.AREAS: the trends area has its own pages now


def test_the_home_page_welcomes_an_anonymous_visitor(charlie_client):
    response = charlie_client.get("/")
    assert response.status_code == 200
    assert b"Create your account" in response.content
    assert b"Associate Product Manager" in response.content


def test_the_home_page_sends_a_new_user_to_onboarding(alice, client):
    client.force_login(alice)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("career:onboarding")


def test_the_dashboard_shows_the_target_level_and_the_plan(alice_client):
    response = alice_client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "What a Product Manager does" in body
    assert "Your plan to become a PM" in body or "Do this" in body
    for label in ["Dashboard", "Jobs", "Network", "Interview", "Career", "Portfolio", "Trends"]:
        assert f">{label}</a>" in body


@pytest.mark.parametrize("key", AREAS)
def test_every_area_page_shows_its_playbook(alice_client, key):
    response = alice_client.get(reverse(f"core:{key}"))
    assert response.status_code == 200
    assert b"Do this" in response.content
    assert b"For your background" in response.content


@pytest.mark.parametrize("key", AREAS)
def test_area_pages_ask_an_anonymous_visitor_to_log_in(charlie_client, key):
    response = charlie_client.get(reverse(f"core:{key}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_patterns_page_shows_every_component(charlie_client):
    response = charlie_client.get("/-/patterns")
    assert response.status_code == 200
    for anchor in ["typography", "flashes", "buttons", "forms", "cards", "tables", "empty"]:
        assert f'id="{anchor}"'.encode() in response.content
    assert b'aria-invalid="true"' in response.content


def test_the_health_check_answers(charlie_client):
    response = charlie_client.get("/-/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_an_unknown_page_is_a_friendly_404(charlie_client):
    response = charlie_client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"There is nothing at this address" in response.content


def test_pages_load_no_script_from_another_origin(charlie_client):
    body = charlie_client.get("/").content.decode()
    assert "https://" not in body.split("<body")[0]
    assert "/static/vendor/htmx.min.js" in body
