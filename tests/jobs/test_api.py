import pytest

from pmpath.accounts.services import create_token
from pmpath.jobs.services import ensure_stages
from tests.jobs.factories import make_application, make_posting


@pytest.fixture
def alice_api(alice, client):
    _, raw = create_token(alice, name="t")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return client


@pytest.fixture
def bob_api(bob):
    from django.test import Client

    _, raw = create_token(bob, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_it_lists_postings_with_their_classification(alice, alice_api):
    make_posting(alice)
    data = alice_api.get("/api/v1/jobs/postings").json()
    assert data[0]["company"] == "Acme"
    assert (data[0]["family"], data[0]["level"]) == ("product_management", "senior_pm")


def test_it_creates_and_moves_an_application(alice, alice_api):
    created = alice_api.post(
        "/api/v1/jobs/applications",
        {"role_title": "PM, Ads", "company": "Hooli"},
        content_type="application/json",
    )
    assert created.status_code == 201
    applied = ensure_stages(alice)[1]
    moved = alice_api.post(
        f"/api/v1/jobs/applications/{created.json()['id']}/move",
        {"stage_id": applied.pk},
        content_type="application/json",
    )
    assert moved.json()["stage"]["name"] == "Applied"


def test_an_application_without_a_role_is_refused_with_the_field_named(alice_api):
    response = alice_api.post("/api/v1/jobs/applications", {}, content_type="application/json")
    assert response.status_code == 422
    assert "role_title" in response.content.decode()


def test_bob_gets_404_for_alices_objects(alice, bob, bob_api):
    application = make_application(alice)
    posting = make_posting(alice)
    assert bob_api.get(f"/api/v1/jobs/applications/{application.pk}").status_code == 404
    assert bob_api.get(f"/api/v1/jobs/postings/{posting.pk}").status_code == 404
    bob_stage = ensure_stages(bob)[1]
    moved = bob_api.post(
        f"/api/v1/jobs/applications/{application.pk}/move",
        {"stage_id": bob_stage.pk},
        content_type="application/json",
    )
    assert moved.status_code == 404
    assert bob_api.get("/api/v1/jobs/applications").json() == []


def test_charlie_gets_401(alice, client):
    application = make_application(alice)
    assert client.get(f"/api/v1/jobs/applications/{application.pk}").status_code == 401
    assert client.get("/api/v1/jobs/postings").status_code == 401


def test_the_bookmarklet_route_imports_a_page(alice, alice_api):
    html = """<html><head><title>PM</title><script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "JobPosting", "title": "Product Manager, Maps",
     "description": "<p>Build maps.</p>", "datePosted": "2026-11-20",
     "hiringOrganization": {"@type": "Organization", "name": "Initech"},
     "jobLocation": {"@type": "Place", "address": {"addressLocality": "Oslo"}}}
    </script></head><body></body></html>"""
    response = alice_api.post(
        "/api/v1/jobs/postings/import-page",
        {"url": "https://jobs.example.test/pm-maps", "html": html},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert len(data["postings"]) == 1 and data["missing"] == []
