from django.urls import reverse

from tests.conftest import PASSWORD, onboard


def test_it_logs_in_and_sends_a_first_timer_to_onboarding(alice, charlie_client):
    response = charlie_client.post(
        reverse("accounts:login"), {"username": "alice", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("career:onboarding")


def test_it_logs_in_an_onboarded_user_to_the_dashboard(alice, charlie_client):
    onboard(alice)
    response = charlie_client.post(
        reverse("accounts:login"), {"username": "alice", "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert b"What a Product Manager does" in response.content


def test_it_says_what_is_wrong_with_bad_credentials(alice, charlie_client):
    response = charlie_client.post(
        reverse("accounts:login"), {"username": "alice", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_it_returns_to_the_page_asked_for(alice, charlie_client):
    onboard(alice)
    response = charlie_client.post(
        reverse("accounts:login") + "?next=/jobs/",
        {"username": "alice", "password": PASSWORD, "next": "/jobs/"},
    )
    assert response["Location"] == "/jobs/"


def test_it_logs_out_on_post_only(alice_client):
    assert alice_client.get(reverse("accounts:logout")).status_code == 405
    response = alice_client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert alice_client.get(reverse("jobs:index")).status_code == 302


def test_it_changes_the_password(alice, alice_client):
    response = alice_client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "violet harbour 77",
            "new_password2": "violet harbour 77",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("violet harbour 77")
    # The session survives the change.
    assert alice_client.get(reverse("accounts:settings")).status_code == 200
