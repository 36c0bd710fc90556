from django.urls import reverse

from pmpath.accounts.models import APIToken
from pmpath.accounts.services import create_token, user_for_token


def test_it_shows_a_new_token_once_and_stores_only_its_hash(alice, alice_client):
    response = alice_client.post(reverse("accounts:settings"), {"name": "laptop script"})
    body = response.content.decode()
    token = APIToken.objects.get(user=alice)
    raw = body.split('<code id="new-token">')[1].split("</code>")[0]
    assert raw.startswith("pmp_") and raw not in token.key_hash
    assert user_for_token(raw) == alice
    assert raw not in alice_client.get(reverse("accounts:settings")).content.decode()


def test_a_token_records_when_it_was_last_used(alice):
    token, raw = create_token(alice, name="x")
    assert token.last_used_at is None
    user_for_token(raw)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_an_unknown_or_malformed_token_is_nobody(alice):
    create_token(alice, name="x")
    assert user_for_token("pmp_wrong") is None
    assert user_for_token("Bearer nonsense") is None


def test_a_deactivated_users_token_stops_working(alice):
    _, raw = create_token(alice, name="x")
    alice.is_active = False
    alice.save()
    assert user_for_token(raw) is None


def test_alice_revokes_her_token(alice, alice_client):
    token, raw = create_token(alice, name="x")
    response = alice_client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    assert user_for_token(raw) is None


def test_bob_cannot_revoke_alices_token(alice, bob_client):
    token, raw = create_token(alice, name="x")
    response = bob_client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    assert user_for_token(raw) == alice


def test_charlie_cannot_revoke_alices_token(alice, charlie_client):
    token, raw = create_token(alice, name="x")
    assert charlie_client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    assert charlie_client.get(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    assert user_for_token(raw) == alice


def test_bob_does_not_see_alices_tokens(alice, bob_client):
    create_token(alice, name="alice secret script")
    assert b"alice secret script" not in bob_client.get(reverse("accounts:settings")).content
