"""The instance admin's pages: 404 for everyone else; accounts as counts only; deactivate,
reactivate and make admin; the registration mode; sign-up invitations."""

import pytest
from django.test import Client
from django.urls import reverse

from pmpath.accounts.models import InstanceSettings, SignupInvitation, User
from tests.conftest import make_user
from tests.jobs.factories import bulk_applications, make_application
from tests.perf import assert_constant_queries


@pytest.fixture
def admin_user(db):
    return make_user("ada", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def admin_routes(target: User, invitation: SignupInvitation) -> list[tuple[str, str]]:
    return [
        ("get", reverse("instance:overview")),
        ("get", reverse("instance:users")),
        ("get", reverse("instance:invitations")),
        ("post", reverse("instance:invitations")),
        ("post", reverse("instance:registration")),
        ("post", reverse("instance:user_active", args=[target.pk])),
        ("post", reverse("instance:user_admin", args=[target.pk])),
        ("post", reverse("instance:invitation_revoke", args=[invitation.pk])),
    ]


def test_everyone_but_an_admin_gets_404_on_every_admin_route(
    admin_user, alice, alice_client, bob_client, charlie_client
):
    from pmpath.accounts import instance_services

    invitation = instance_services.create_invitation(admin_user)
    for client in (alice_client, bob_client, charlie_client):
        for method, url in admin_routes(alice, invitation):
            data = {"registration": "closed", "active": "0", "admin": "1", "days": "7"}
            response = getattr(client, method)(url, data) if method == "post" else client.get(url)
            assert response.status_code == 404, (method, url)
    alice.refresh_from_db()
    invitation.refresh_from_db()
    assert alice.is_active and not alice.is_staff
    assert invitation.revoked_at is None
    assert not InstanceSettings.objects.exists()
    assert SignupInvitation.objects.count() == 1


def test_the_admin_pages_answer_an_admin(admin_client):
    for url in ("/instance/", "/instance/users/", "/instance/invitations/"):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store"


def test_the_users_list_shows_counts_never_content(admin_client, alice):
    make_application(alice, role_title="Confidential role at Initech", notes="my salary notes")
    body = admin_client.get(reverse("instance:users")).content.decode()
    assert "alice" in body
    assert "Confidential role" not in body and "salary notes" not in body
    row = body.split("alice", 1)[1].split("</tr>", 1)[0]
    assert '<td class="num">1</td>' in row  # one application


def test_the_users_list_finds_a_username(admin_client, alice, bob):
    body = admin_client.get(reverse("instance:users") + "?q=bo").content.decode()
    assert ">bob" in body and ">alice" not in body


def test_the_users_list_stays_constant_as_accounts_and_their_rows_grow(admin_client, alice):
    def grow(n):
        have = User.objects.count()
        User.objects.bulk_create(
            User(username=f"user{i:04d}", password="!") for i in range(have, n)
        )
        bulk_applications(alice, n)

    assert_constant_queries(admin_client, reverse("instance:users"), grow, small=5, large=120)


def test_an_admin_deactivates_and_reactivates_an_account(admin_client, alice, alice_client):
    admin_client.post(reverse("instance:user_active", args=[alice.pk]), {"active": "0"})
    alice.refresh_from_db()
    assert not alice.is_active
    # Her session stops working on the next request.
    assert alice_client.get(reverse("jobs:index")).status_code == 302
    admin_client.post(reverse("instance:user_active", args=[alice.pk]), {"active": "1"})
    alice.refresh_from_db()
    assert alice.is_active


def test_an_admin_cannot_lock_themselves_out(admin_client, admin_user):
    response = admin_client.post(
        reverse("instance:user_active", args=[admin_user.pk]), {"active": "0"}, follow=True
    )
    assert "You cannot deactivate your own account." in response.content.decode()
    admin_client.post(reverse("instance:user_admin", args=[admin_user.pk]), {"admin": "0"})
    admin_user.refresh_from_db()
    assert admin_user.is_active and admin_user.is_staff


def test_an_admin_makes_another_admin_who_then_sees_the_pages(admin_client, alice, alice_client):
    assert alice_client.get("/instance/").status_code == 404
    admin_client.post(reverse("instance:user_admin", args=[alice.pk]), {"admin": "1"})
    alice.refresh_from_db()
    assert alice.is_staff and alice.is_superuser
    assert alice_client.get("/instance/").status_code == 200
    assert "Instance admin" in alice_client.get("/accounts/settings/").content.decode()


def test_an_unknown_account_is_a_404(admin_client):
    assert (
        admin_client.post(
            reverse("instance:user_active", args=[99999]), {"active": "0"}
        ).status_code
        == 404
    )


def test_an_admin_changes_the_registration_mode_at_run_time(admin_client, admin_user):
    from pmpath.accounts.instance_services import registration_mode

    assert registration_mode() == "open"
    admin_client.post(reverse("instance:registration"), {"registration": "invite"})
    assert registration_mode() == "invite"
    assert InstanceSettings.objects.get().updated_by == admin_user
    response = admin_client.post(
        reverse("instance:registration"), {"registration": "sometimes"}, follow=True
    )
    assert "choose one of open, invite, closed" in response.content.decode()
    assert registration_mode() == "invite"


def test_an_admin_creates_and_revokes_an_invitation(admin_client):
    response = admin_client.post(
        reverse("instance:invitations"), {"note": "Priya, cohort 3", "days": "7"}
    )
    invitation = SignupInvitation.objects.get()
    assert response["Location"].endswith(f"#invitation-{invitation.pk}")
    body = admin_client.get(reverse("instance:invitations")).content.decode()
    assert f"/accounts/signup/?invite={invitation.token}" in body and "Priya, cohort 3" in body
    admin_client.post(reverse("instance:invitation_revoke", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert (
        invitation.token not in admin_client.get(reverse("instance:invitations")).content.decode()
    )


def test_the_cli_grants_and_takes_admin_rights(alice):
    from typer.testing import CliRunner

    from pmpath.cli.main import app

    runner = CliRunner()
    result = runner.invoke(app, ["users", "admin", "alice"])
    assert result.exit_code == 0, result.output
    alice.refresh_from_db()
    assert alice.is_staff and alice.is_superuser
    runner.invoke(app, ["users", "admin", "alice", "--revoke"])
    alice.refresh_from_db()
    assert not alice.is_staff
    result = runner.invoke(app, ["users", "admin", "nobody"])
    assert result.exit_code == 1 and "No account called 'nobody'" in str(result.exception)


def test_the_cli_shows_and_sets_the_registration_mode(db):
    from typer.testing import CliRunner

    from pmpath.accounts.instance_services import registration_mode
    from pmpath.cli.main import app

    runner = CliRunner()
    assert "Registration is open." in runner.invoke(app, ["users", "registration"]).output
    assert runner.invoke(app, ["users", "registration", "closed"]).exit_code == 0
    assert registration_mode() == "closed"
    result = runner.invoke(app, ["users", "registration", "maybe"])
    assert result.exit_code == 1 and "choose one of" in str(result.exception)


def test_the_invitations_page_stays_constant_as_invitations_grow(admin_client, admin_user):
    from pmpath.accounts import instance_services

    def grow(n):
        for i in range(SignupInvitation.objects.count(), n):
            invitation = instance_services.create_invitation(admin_user, note=f"person {i}")
            if i % 3 == 0:
                SignupInvitation.objects.filter(pk=invitation.pk).update(
                    used_by=admin_user, used_at=invitation.created_at
                )

    assert_constant_queries(admin_client, reverse("instance:invitations"), grow, small=5, large=60)
