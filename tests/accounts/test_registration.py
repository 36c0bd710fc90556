"""Registration modes: open, invite-only (an admin's invitation or a reviewer's share link)
and closed (an admin's invitation only). Invitations are single use and expire."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from pmpath.accounts import instance_services
from pmpath.accounts.models import SignupInvitation, User
from tests.accounts.sharing import answered_mock, share
from tests.conftest import make_user

NEW = {"username": "dana", "password1": "plum orchard 2024!", "password2": "plum orchard 2024!"}


@pytest.fixture
def admin_user(db):
    return make_user("ada", is_staff=True)


def sign_up(client, token="", **extra):
    url = reverse("accounts:signup") + (f"?invite={token}" if token else "")
    return client.post(url, {**NEW, **extra, **({"invite": token} if token else {})})


def test_invite_only_refuses_a_sign_up_without_an_invitation(admin_user, charlie_client):
    instance_services.set_registration_mode(admin_user, mode="invite")
    response = charlie_client.get(reverse("accounts:signup"))
    assert response.status_code == 403
    assert "Sign-up is by invitation" in response.content.decode()
    assert sign_up(charlie_client).status_code == 403
    assert not User.objects.filter(username="dana").exists()


def test_an_admins_invitation_creates_one_account_once(admin_user, charlie_client):
    instance_services.set_registration_mode(admin_user, mode="invite")
    invitation = instance_services.create_invitation(admin_user, days=7)
    page = charlie_client.get(reverse("accounts:signup") + f"?invite={invitation.token}")
    assert page.status_code == 200 and f'value="{invitation.token}"' in page.content.decode()
    response = sign_up(charlie_client, invitation.token)
    assert response["Location"] == reverse("career:onboarding")
    invitation.refresh_from_db()
    assert invitation.used_by.username == "dana" and invitation.used_at is not None
    # A second person with the same link is refused.
    from django.test import Client

    again = sign_up(Client(), invitation.token, username="erin")
    assert again.status_code == 403
    assert "not valid any more" in again.content.decode()
    assert not User.objects.filter(username="erin").exists()


def test_an_expired_or_revoked_invitation_is_refused(admin_user, charlie_client):
    instance_services.set_registration_mode(admin_user, mode="invite")
    expired = instance_services.create_invitation(admin_user, days=7)
    SignupInvitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    revoked = instance_services.create_invitation(admin_user, days=7)
    instance_services.revoke_invitation(admin_user, invitation_id=revoked.pk)
    assert sign_up(charlie_client, expired.token).status_code == 403
    assert sign_up(charlie_client, revoked.token).status_code == 403
    assert not User.objects.filter(username="dana").exists()


def test_a_reviewer_link_lets_a_new_person_sign_up_in_invite_only_mode(
    admin_user, alice, charlie_client
):
    instance_services.set_registration_mode(admin_user, mode="invite")
    made = share(alice, "mock", answered_mock(alice).pk)
    invite_page = charlie_client.get(reverse("review:invite", args=[made.token])).content.decode()
    assert f"/accounts/signup/?invite={made.token}" in invite_page
    response = sign_up(charlie_client, made.token)
    assert response["Location"] == reverse("review:invite", args=[made.token])
    accepted = charlie_client.post(reverse("review:invite", args=[made.token]))
    made.refresh_from_db()
    assert made.reviewer.username == "dana"
    assert charlie_client.get(accepted["Location"]).status_code == 200


def test_a_spent_reviewer_link_opens_no_sign_up(admin_user, alice, bob, charlie_client):
    instance_services.set_registration_mode(admin_user, mode="invite")
    made = share(alice, "mock", answered_mock(alice).pk, reviewer=bob)
    assert sign_up(charlie_client, made.token).status_code == 403


def test_closed_mode_takes_an_admins_invitation_but_not_a_reviewer_link(
    admin_user, alice, charlie_client
):
    instance_services.set_registration_mode(admin_user, mode="closed")
    made = share(alice, "mock", answered_mock(alice).pk)
    assert sign_up(charlie_client, made.token).status_code == 403
    invitation = instance_services.create_invitation(admin_user)
    assert sign_up(charlie_client, invitation.token).status_code == 302
    assert User.objects.filter(username="dana").exists()


@override_settings(REGISTRATION="invite")
def test_the_environment_sets_the_mode_until_an_admin_saves_one(admin_user, charlie_client):
    assert instance_services.registration_mode() == "invite"
    assert charlie_client.get(reverse("accounts:signup")).status_code == 403
    instance_services.set_registration_mode(admin_user, mode="open")
    assert charlie_client.get(reverse("accounts:signup")).status_code == 200


def test_the_log_in_page_offers_sign_up_only_when_registration_is_open(admin_user, charlie_client):
    assert "Create an account" in charlie_client.get(reverse("accounts:login")).content.decode()
    instance_services.set_registration_mode(admin_user, mode="invite")
    assert "Create an account" not in charlie_client.get(reverse("accounts:login")).content.decode()
