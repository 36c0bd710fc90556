"""The hosted-mode page cache serves a signed-in person's page again only while their data and
the catalogue are unchanged."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from pmpath.core import generation
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


def test_a_page_from_the_cache_reads_nothing_from_the_database(alice_client):
    """Not even the user: the session names them, and the page was stored for a checked one.
    (Hosted mode keeps sessions in Redis too; here they are in the database.)"""
    prime(alice_client)
    with CaptureQueriesContext(connection) as queries:
        again = alice_client.get(URL)
    assert again["X-Page-Cache"] == "hit"
    assert [q["sql"] for q in queries.captured_queries if "django_session" not in q["sql"]] == []


def test_a_new_password_set_elsewhere_signs_the_old_session_out(alice_client, alice):
    prime(alice_client)
    assert alice_client.get(URL)["X-Page-Cache"] == "hit"
    alice.set_password("a completely new passphrase")
    alice.save()  # the CLI, the instance admin, another browser
    page = alice_client.get(URL)
    assert page.status_code == 302 and "/login" in page["Location"]


def test_a_deactivated_account_gets_nothing_from_the_cache(alice_client, alice):
    prime(alice_client)
    assert alice_client.get(URL)["X-Page-Cache"] == "hit"
    alice.is_active = False
    alice.save()
    page = alice_client.get(URL)
    assert page.status_code == 302 and "X-Page-Cache" not in page


def test_a_session_whose_hash_does_not_check_out_is_never_served_or_stored(alice_client, alice):
    from django.contrib.auth import HASH_SESSION_KEY

    prime(alice_client)
    session = alice_client.session
    session[HASH_SESSION_KEY] = "0" * 64  # forged or stale: not the password's
    session.save()
    for _ in range(2):
        page = alice_client.get(URL)
        assert page.status_code == 302 and "X-Page-Cache" not in page


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
    generation.touch(alice.pk)
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


def test_review_and_admin_pages_and_anonymous_visitors_are_never_cached(
    alice, alice_client, charlie_client
):
    alice.is_staff = alice.is_superuser = True
    alice.save()
    for url in ("/review/", "/instance/"):
        assert prime(alice_client, url).status_code == 200, url
        assert "X-Page-Cache" not in alice_client.get(url), url
    prime(charlie_client, "/")
    assert "X-Page-Cache" not in charlie_client.get("/")


def test_the_account_pages_showing_only_your_own_rows_are_cached(alice_client):
    for url in ("/accounts/settings/", "/accounts/password/", "/accounts/settings/delete/",
                "/accounts/shares/"):  # fmt: skip
        prime(alice_client, url)
        assert alice_client.get(url)["X-Page-Cache"] == "hit", url


def test_a_page_that_says_no_store_is_never_kept(alice_client):
    prime(alice_client, "/jobs/bookmarklet/save/")
    assert "X-Page-Cache" not in alice_client.get("/jobs/bookmarklet/save/")


def test_a_download_of_your_own_resume_is_kept_with_its_own_headers(alice, alice_client):
    from django.urls import reverse

    from tests.matching.resume_factories import make_resume

    make_resume(alice)
    url = reverse("matching:resume_export", args=["html"])
    fresh = prime(alice_client, url)
    hit = alice_client.get(url)
    assert hit["X-Page-Cache"] == "hit" and hit.content == fresh.content
    for header in ("Content-Disposition", "Cache-Control", "Content-Security-Policy"):
        assert hit[header] == fresh[header], header
    assert hit["Content-Security-Policy"].startswith("default-src 'none'")


def test_a_form_page_that_renews_its_csrf_cookie_is_kept(alice_client):
    """The resume import checks CSRF in its inner view, which sends the cookie again."""
    from django.urls import reverse

    url = reverse("matching:resume_import")
    prime(alice_client, url)
    assert alice_client.get(url)["X-Page-Cache"] == "hit"


def test_a_tokens_use_elsewhere_shows_on_the_settings_page(alice, alice_client):
    from django.test import Client

    from pmpath.accounts.services import create_token

    _, raw = create_token(alice, name="laptop script")
    prime(alice_client, "/accounts/settings/")
    assert alice_client.get("/accounts/settings/")["X-Page-Cache"] == "hit"
    Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get(API_URL)  # stamps its last use
    page = alice_client.get("/accounts/settings/")
    assert "X-Page-Cache" not in page and "never" not in page.content.decode()


def test_what_others_share_shows_on_the_reviewers_sharing_page(alice, bob, bob_client):
    from pmpath.accounts import instance_services, share_services

    def shared_with_bob() -> str:
        return bob_client.get("/accounts/shares/").content.decode()

    prime(bob_client, "/accounts/shares/")
    share = share_services.create_share(alice, kind="portfolio", object_id=alice.pk)
    share_services.accept_share(bob, token=share.token)  # alice's row, bob's page
    assert "1 shared with you" in shared_with_bob()
    admin = type(alice).objects.create_superuser("root", "root@example.com", "x" * 16)
    shared_with_bob()  # stored again
    instance_services.set_active(admin, user_id=alice.pk, active=False)
    assert "1 shared with you" not in shared_with_bob()
    instance_services.set_active(admin, user_id=alice.pk, active=True)
    assert "1 shared with you" in shared_with_bob()
    share_services.revoke_share(alice, share_id=share.pk)
    assert "1 shared with you" not in shared_with_bob()


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


# -- the API's reads --------------------------------------------------------------------------

API_URL = "/api/v1/jobs/stages"


def token_client(user):
    from django.test import Client

    from pmpath.accounts.services import create_token

    token, raw = create_token(user, name="script")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}"), token


def test_an_api_read_with_a_token_is_served_again_without_reading_the_data(alice):
    client, _ = token_client(alice)
    client.get(API_URL)  # checks the token and maps it to alice
    first = client.get(API_URL)  # stored
    assert first.status_code == 200 and "X-Page-Cache" not in first
    with CaptureQueriesContext(connection) as queries:
        again = client.get(API_URL)
    assert again["X-Page-Cache"] == "hit" and again.content == first.content
    assert queries.captured_queries == []


def test_a_revoked_token_gets_nothing_from_the_cache(alice):
    client, token = token_client(alice)
    prime(client, API_URL)
    assert client.get(API_URL)["X-Page-Cache"] == "hit"
    token.delete()
    refused = client.get(API_URL)
    assert refused.status_code == 401 and "X-Page-Cache" not in refused


def test_a_token_reads_its_own_owners_cache_not_the_sessions(alice, bob, alice_client):
    """With a session for alice and bob's token, the API answers as bob (the token wins)."""
    bobs, _ = token_client(bob)
    prime(alice_client, API_URL)
    alice_client.defaults["HTTP_AUTHORIZATION"] = bobs.defaults["HTTP_AUTHORIZATION"]
    prime(alice_client, API_URL)
    with override_settings(PAGE_CACHE_SECONDS=0):
        as_bob = bobs.get(API_URL).content
    assert alice_client.get(API_URL).content == as_bob


def test_an_api_write_retires_the_cached_reads(alice):
    client, _ = token_client(alice)
    prime(client, "/api/v1/network/contacts")
    made = client.post(
        "/api/v1/network/contacts",
        {"first_name": "Priya", "last_name": "Natarajan"},
        content_type="application/json",
    )
    assert made.status_code in (200, 201)
    page = client.get("/api/v1/network/contacts")
    assert "X-Page-Cache" not in page and "Natarajan" in page.content.decode()
