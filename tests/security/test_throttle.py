from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pmpath.security.models import LoginFailure
from tests.conftest import PASSWORD

LOGIN = "accounts:login"


def attempt(client: Client, username: str, password: str = "wrong password", **extra):
    return client.post(reverse(LOGIN), {"username": username, "password": password}, **extra)


def test_it_locks_an_account_after_five_failures_with_a_clear_wait(alice, charlie_client):
    for _ in range(5):
        response = attempt(charlie_client, "alice")
        assert "Please enter a correct username and password" in response.content.decode()
    response = attempt(charlie_client, "alice", PASSWORD)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Too many failed log-ins for this account. Try again in 15 minutes." in page
    assert "_auth_user_id" not in charlie_client.session


def test_the_account_lock_ignores_the_case_of_the_username(alice, charlie_client):
    for name in ["alice", "ALICE", "Alice", " alice", "aLiCe"]:
        attempt(charlie_client, name)
    assert "Too many failed" in attempt(charlie_client, "alice", PASSWORD).content.decode()


def test_the_lock_ends_when_the_window_has_passed(alice, charlie_client):
    for _ in range(5):
        attempt(charlie_client, "alice")
    LoginFailure.objects.update(at=timezone.now() - timedelta(minutes=16))
    response = attempt(charlie_client, "alice", PASSWORD)
    assert response.status_code == 302
    assert charlie_client.session["_auth_user_id"] == str(alice.pk)


def test_it_says_how_many_minutes_are_left(alice, charlie_client):
    for _ in range(5):
        attempt(charlie_client, "alice")
    LoginFailure.objects.update(at=timezone.now() - timedelta(minutes=11, seconds=30))
    page = attempt(charlie_client, "alice", PASSWORD).content.decode()
    assert "Try again in 4 minutes." in page


def test_attempts_while_locked_do_not_extend_the_lock(alice, charlie_client):
    for _ in range(5):
        attempt(charlie_client, "alice")
    for _ in range(10):
        attempt(charlie_client, "alice")
    assert LoginFailure.objects.filter(kind="account").count() == 5


def test_a_successful_log_in_clears_the_accounts_failures(alice, charlie_client):
    for _ in range(4):
        attempt(charlie_client, "alice")
    assert attempt(charlie_client, "alice", PASSWORD).status_code == 302
    assert not LoginFailure.objects.filter(kind="account", key="alice").exists()
    # …but not the address's: a sprayer who guesses one password keeps their count.
    assert LoginFailure.objects.filter(kind="address").count() == 4


def test_unknown_usernames_are_counted_and_locked_the_same_way(db, charlie_client):
    for _ in range(5):
        response = attempt(charlie_client, "nobody-by-this-name")
        assert "Please enter a correct username and password" in response.content.decode()
    page = attempt(charlie_client, "nobody-by-this-name").content.decode()
    assert "Too many failed log-ins for this account." in page


def test_unknown_usernames_still_run_the_password_hasher(db, charlie_client, monkeypatch):
    # Django's ModelBackend hashes the password even when the user does not exist, so the
    # answer takes as long as for a real account: a timing probe cannot list usernames.
    from django.contrib.auth.hashers import MD5PasswordHasher

    calls = []
    original = MD5PasswordHasher.encode
    monkeypatch.setattr(
        MD5PasswordHasher,
        "encode",
        lambda self, *a, **k: calls.append(1) or original(self, *a, **k),
    )
    attempt(charlie_client, "nobody-by-this-name")
    assert calls


def test_it_locks_an_address_after_twenty_failures_across_usernames(alice, charlie_client):
    for number in range(20):
        attempt(charlie_client, f"spray-{number}")
    page = attempt(charlie_client, "alice", PASSWORD).content.decode()
    assert "Too many failed log-ins from your network address. Try again in 15 minutes." in page


def test_another_address_can_still_log_in_to_an_unlocked_account(alice, bob):
    sprayer = Client(REMOTE_ADDR="203.0.113.7")
    for number in range(20):
        attempt(sprayer, f"spray-{number}")
    elsewhere = Client(REMOTE_ADDR="198.51.100.4")
    assert attempt(elsewhere, "alice", PASSWORD).status_code == 302


def test_forwarded_addresses_are_ignored_without_a_trusted_proxy(alice):
    # Without PMPATH_TRUSTED_PROXIES, a sprayer cannot dodge the address lock by inventing a
    # new X-Forwarded-For on each attempt.
    sprayer = Client(REMOTE_ADDR="203.0.113.7")
    for number in range(20):
        attempt(sprayer, f"spray-{number}", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    page = attempt(sprayer, "alice", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert "from your network address" in page.content.decode()


def test_behind_a_trusted_proxy_each_forwarded_client_is_counted_apart(alice, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    for number in range(20):
        attempt(proxy, f"spray-{number}", HTTP_X_FORWARDED_FOR="203.0.113.7")
    locked = attempt(proxy, "alice", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert "from your network address" in locked.content.decode()
    other = attempt(proxy, "alice", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert other.status_code == 302


def test_old_failures_are_pruned_when_new_ones_arrive(alice, charlie_client):
    LoginFailure.objects.create(kind="account", key="old", at=timezone.now() - timedelta(hours=2))
    attempt(charlie_client, "alice")
    assert not LoginFailure.objects.filter(key="old").exists()


def test_the_admin_log_in_page_is_throttled_too(alice, charlie_client):
    alice.is_staff = True
    alice.save()
    url = reverse("admin:login")
    for _ in range(5):
        charlie_client.post(url, {"username": "alice", "password": "wrong password"})
    page = charlie_client.post(url, {"username": "alice", "password": PASSWORD})
    assert "Too many failed log-ins for this account." in page.content.decode()


@pytest.mark.parametrize("setting, value", [("LOGIN_MAX_FAILURES", 2)])
def test_the_thresholds_come_from_settings(alice, charlie_client, settings, setting, value):
    setattr(settings, setting, value)
    attempt(charlie_client, "alice")
    attempt(charlie_client, "alice")
    assert "Too many failed" in attempt(charlie_client, "alice", PASSWORD).content.decode()


def test_api_token_guessing_is_throttled_per_address(alice):
    from pmpath.accounts.services import create_token

    _, raw = create_token(alice, name="script")
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    for number in range(20):
        wrong = guesser.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer pmp_guess{number}")
        assert wrong.status_code == 401
    locked = guesser.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert locked.status_code == 429
    assert (
        "Too many invalid API tokens from your address. Try again in 15 minutes."
        in (locked.json()["detail"])
    )
    elsewhere = Client(REMOTE_ADDR="198.51.100.4")
    assert elsewhere.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_a_valid_token_does_not_touch_the_failure_table(alice):
    from pmpath.accounts.services import create_token

    _, raw = create_token(alice, name="script")
    client = Client()
    client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert not LoginFailure.objects.exists()
