from pmpath.accounts.services import create_token
from tests.conftest import onboard


def test_me_answers_with_the_token_owner_and_profile(alice, client):
    onboard(alice, target_level="senior_pm", target_companies=["Stripe"])
    _, raw = create_token(alice, name="script")
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    data = response.json()
    assert data["username"] == "alice"
    assert data["profile"]["target_level"] == "senior_pm"
    assert data["profile"]["target_companies"] == ["Stripe"]


def test_me_answers_a_signed_in_browser_session(alice_client):
    assert alice_client.get("/api/v1/me").json()["username"] == "alice"


def test_me_refuses_a_missing_or_wrong_token(alice, client):
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer pmp_wrong").status_code == 401


def test_bob_sees_himself_not_alice(alice, bob, client):
    _, raw = create_token(bob, name="script")
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").json()["username"] == "bob"


def test_the_openapi_schema_is_published(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/me" in schema["paths"]
    assert schema["info"]["title"] == "pmpath API"


def test_a_write_with_a_wrong_token_is_refused_as_unauthorised_not_as_csrf(alice, client):
    response = client.post(
        "/api/v1/jobs/applications",
        {"role_title": "PM"},
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer pmp_wrong",
    )
    assert response.status_code == 401
    assert "token" in response.json()["detail"]


def test_a_nul_character_in_an_api_body_or_query_is_refused_by_name(alice):
    from django.test import Client

    from pmpath.accounts.services import create_token

    token = create_token(alice, name="nul")[1]
    client = Client(HTTP_HOST="127.0.0.1", headers={"Authorization": f"Bearer {token}"})
    response = client.post(
        "/api/v1/network/contacts", '{"first_name": "A\\u0000B"}', content_type="application/json"
    )
    assert response.status_code == 422
    assert "NUL" in response.json()["detail"]
    assert client.get("/api/v1/network/contacts?q=a%00b").status_code == 422
    assert client.get("/api/v1/network/contacts?q=ab").status_code == 200


def test_the_six_characters_backslash_u0000_typed_as_text_are_not_a_nul(alice):
    from django.test import Client

    from pmpath.accounts.services import create_token

    token = create_token(alice, name="nul")[1]
    client = Client(HTTP_HOST="127.0.0.1", headers={"Authorization": f"Bearer {token}"})
    body = '{"first_name": "Ada", "notes": "escape it as \\\\u0000"}'  # JSON for a backslash
    response = client.post("/api/v1/network/contacts", body, content_type="application/json")
    assert response.status_code == 201, response.content
