import time

from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.urls import reverse

from pmpath.security.sessions import LOGIN_AT, SEEN_AT
from tests.conftest import PASSWORD, onboard


def log_in(client, username="alice"):
    return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})


def age(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[{"login": LOGIN_AT, "seen": SEEN_AT}[key]] = now - ago
    session.save()


def test_log_in_gives_the_visitor_a_new_session_key(alice, charlie_client):
    charlie_client.get(reverse("accounts:login"))
    session = charlie_client.session
    session["before"] = "anonymous"
    session.save()
    before = session.session_key
    log_in(charlie_client)
    assert charlie_client.session.session_key != before
    assert charlie_client.session["_auth_user_id"] == str(alice.pk)


def test_log_in_stamps_the_session_with_its_start(alice, charlie_client):
    started = int(time.time())
    log_in(charlie_client)
    assert charlie_client.session[LOGIN_AT] >= started
    assert charlie_client.session[SEEN_AT] >= started


@override_settings(SESSION_IDLE_MINUTES=120)
def test_an_idle_session_is_signed_out_with_a_message(alice, charlie_client):
    onboard(alice)
    log_in(charlie_client)
    age(charlie_client, seen=121 * 60)
    response = charlie_client.get(reverse("jobs:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert "signed out after 120 minutes without activity" in response.content.decode()
    assert "_auth_user_id" not in charlie_client.session


@override_settings(SESSION_IDLE_MINUTES=120)
def test_an_active_session_stays_signed_in(alice, charlie_client):
    onboard(alice)
    log_in(charlie_client)
    age(charlie_client, seen=119 * 60)
    assert charlie_client.get(reverse("jobs:index")).status_code == 200


@override_settings(SESSION_MAX_HOURS=24, SESSION_IDLE_MINUTES=0)
def test_a_session_ends_after_the_absolute_limit_even_when_busy(alice, charlie_client):
    onboard(alice)
    log_in(charlie_client)
    age(charlie_client, login=25 * 3600, seen=10)
    response = charlie_client.get(reverse("jobs:index"), follow=True)
    assert "signed in more than 24 hours ago" in response.content.decode()
    assert "_auth_user_id" not in charlie_client.session


@override_settings(SESSION_IDLE_MINUTES=0, SESSION_MAX_HOURS=0)
def test_with_both_timeouts_off_an_old_session_lives_on(alice, charlie_client):
    onboard(alice)
    log_in(charlie_client)
    age(charlie_client, login=30 * 24 * 3600, seen=30 * 24 * 3600)
    assert charlie_client.get(reverse("jobs:index")).status_code == 200


@override_settings(SESSION_IDLE_MINUTES=120)
def test_the_last_activity_is_written_at_most_once_a_minute(alice, charlie_client):
    from django.contrib.sessions.models import Session

    onboard(alice)
    log_in(charlie_client)
    age(charlie_client, seen=10)
    key = charlie_client.session.session_key
    stored = Session.objects.get(pk=key).session_data
    charlie_client.get(reverse("jobs:index"))
    assert Session.objects.get(pk=key).session_data == stored  # nothing rewritten
    age(charlie_client, seen=61)
    charlie_client.get(reverse("jobs:index"))
    assert time.time() - charlie_client.session[SEEN_AT] < 5


def test_the_password_hasher_is_argon2id(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    from django.contrib.auth.hashers import get_hasher

    hasher = get_hasher()
    assert hasher.algorithm == "argon2"
    assert make_password("a long test password 42").startswith("argon2$argon2id$")


def test_an_old_hash_is_upgraded_to_argon2id_at_log_in(alice, charlie_client, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    alice.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    alice.save()
    assert log_in(charlie_client).status_code == 302
    alice.refresh_from_db()
    assert alice.password.startswith("argon2$argon2id$")
