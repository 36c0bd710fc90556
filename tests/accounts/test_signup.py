from django.test import override_settings
from django.urls import reverse

from pmpath.accounts.models import User


def test_it_signs_up_and_sends_the_new_user_to_onboarding(charlie_client):
    response = charlie_client.post(
        reverse("accounts:signup"),
        {
            "username": "dana",
            "email": "",
            "password1": "plum orchard 2024!",
            "password2": "plum orchard 2024!",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("career:onboarding")
    assert User.objects.filter(username="dana").exists()
    assert charlie_client.get("/").status_code == 302  # signed in, not yet onboarded


def test_it_shows_inline_errors_for_a_weak_password(charlie_client):
    response = charlie_client.post(
        reverse("accounts:signup"), {"username": "dana", "password1": "short", "password2": "short"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'aria-invalid="true"' in body
    assert "too short" in body
    assert not User.objects.filter(username="dana").exists()


def test_it_refuses_a_taken_username_whatever_its_case(alice, charlie_client):
    response = charlie_client.post(
        reverse("accounts:signup"),
        {"username": "ALICE", "password1": "plum orchard 2024!", "password2": "plum orchard 2024!"},
    )
    assert response.status_code == 200
    assert "That username is taken" in response.content.decode()


@override_settings(REGISTRATION="closed")
def test_it_refuses_sign_ups_when_registration_is_closed(charlie_client):
    response = charlie_client.post(
        reverse("accounts:signup"),
        {"username": "dana", "password1": "plum orchard 2024!", "password2": "plum orchard 2024!"},
    )
    assert response.status_code == 403
    assert b"Registration is closed" in response.content
    assert not User.objects.filter(username="dana").exists()
