"""The hosted-mode page cache serves a signed-in person's page again only while their data and
the catalogue are unchanged."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from pmpath.core import pagecache
from pmpath.jobs.models import Company

URL = "/jobs/companies/"


def prime(client, url=URL):
    """The first visit sets the CSRF cookie (a page that sets cookies is not stored); the second
    is stored."""
    client.get(url)
    return client.get(url)


@pytest.fixture(autouse=True)
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield
    cache.clear()


def test_it_serves_a_page_again_from_the_cache_without_reading_the_data(alice_client, alice):
    Company.objects.create(user=alice, name="Acme Robotics")
    first = prime(alice_client)
    assert first.status_code == 200 and "X-Page-Cache" not in first
    with CaptureQueriesContext(connection) as queries:
        again = alice_client.get(URL)
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert not any("jobs_company" in q["sql"] for q in queries.captured_queries)


def test_a_write_through_the_site_retires_the_page(alice_client, alice):
    prime(alice_client)
    response = alice_client.post(URL, {"name": "Globex Payments"})
    assert response.status_code in (200, 302)
    page = alice_client.get(URL)
    assert "X-Page-Cache" not in page
    assert "Globex Payments" in page.content.decode()


def test_a_write_from_elsewhere_retires_the_page(alice_client, alice):
    prime(alice_client)
    Company.objects.create(user=alice, name="Initech Analytics")  # a task, the CLI, the API
    page = alice_client.get(URL)
    assert "X-Page-Cache" not in page
    assert "Initech Analytics" in page.content.decode()


def test_a_bulk_write_is_seen_once_it_touches_the_user(alice_client, alice):
    prime(alice_client)
    Company.objects.bulk_create([Company(user=alice, name="Umbrella Health")])  # no signals
    assert alice_client.get(URL)["X-Page-Cache"] == "hit"
    pagecache.touch(alice.pk)
    assert "Umbrella Health" in alice_client.get(URL).content.decode()


def test_another_persons_writes_leave_the_page_cached(alice_client, alice, bob_client, bob):
    prime(alice_client)
    Company.objects.create(user=bob, name="Bob's Company")
    bob_page = bob_client.get(URL)
    assert alice_client.get(URL)["X-Page-Cache"] == "hit"
    assert "Bob&#39;s Company" in bob_page.content.decode()
    assert "Bob&#39;s Company" not in alice_client.get(URL).content.decode()


def test_a_catalogue_change_retires_everyones_pages(alice_client):
    from pmpath.interview.models import Question

    prime(alice_client)
    question = Question.objects.first()
    question.save()
    assert "X-Page-Cache" not in alice_client.get(URL)


def test_a_page_is_not_served_from_the_cache_while_a_message_waits(alice_client, alice):
    prime(alice_client)
    response = alice_client.post(URL, {"name": "Hooli"}, follow=True)
    assert "X-Page-Cache" not in response  # the page after the redirect shows the flash
    assert "Hooli" in response.content.decode()
    assert "X-Page-Cache" not in alice_client.get(URL)  # the flash page was not stored
    assert alice_client.get(URL)["X-Page-Cache"] == "hit"


def test_account_pages_and_anonymous_visitors_are_never_cached(alice_client, charlie_client):
    prime(alice_client, "/accounts/settings/")
    assert "X-Page-Cache" not in alice_client.get("/accounts/settings/")
    prime(charlie_client, "/")
    assert "X-Page-Cache" not in charlie_client.get("/")


def test_each_browser_gets_forms_with_its_own_csrf_token(alice, alice_client):
    from django.test import Client

    prime(alice_client)
    other = Client()
    other.force_login(alice)
    other.cookies["csrftoken"] = "x" * 32
    assert "X-Page-Cache" not in other.get(URL)


def test_it_is_off_without_a_shared_cache(alice_client):
    with override_settings(PAGE_CACHE_SECONDS=0):
        prime(alice_client)
        assert "X-Page-Cache" not in alice_client.get(URL)


def test_a_page_from_the_cache_carries_the_same_security_headers(alice_client):
    fresh = prime(alice_client)
    hit = alice_client.get(URL)
    assert hit["X-Page-Cache"] == "hit"
    for header in ("X-Frame-Options", "Content-Security-Policy", "X-Content-Type-Options"):
        assert hit.get(header) == fresh.get(header), header
