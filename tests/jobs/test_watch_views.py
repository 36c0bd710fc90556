"""The watchlist page, the import page's address and board forms, and the bookmarklet."""

from datetime import timedelta

import httpx
import pytest
from django.urls import reverse
from django.utils import timezone

from pmpath.accounts.models import APIToken
from pmpath.accounts.services import user_for_token
from pmpath.jobs import watches
from pmpath.jobs.models import Application, Company, Posting, Watch
from tests.conftest import onboard
from tests.jobs.boardfakes import fixture_answer, greenhouse_jobs, greenhouse_url, json_answer
from tests.jobs.boardfakes import replay as replaying
from tests.jobs.importers import fixture_bytes
from tests.perf import assert_constant_queries


def watch_on(user, name="acme", company="Acme"):
    return watches.add_watch(user, company_name=company, board_kind="greenhouse", board_name=name)


def body(response):
    return response.content.decode()


# --- the watchlist page ------------------------------------------------------------------------


def test_the_empty_watchlist_explains_what_it_is_for(alice_client):
    page = body(alice_client.get(reverse("jobs:watchlist")))
    assert "Watch your target companies" in page and "not watching any boards" in page


def test_adding_a_watch_from_the_page(alice, alice_client):
    response = alice_client.post(
        reverse("jobs:watchlist"),
        {"company_name": "Acme", "board_kind": "greenhouse", "board_name": "acme"},
        follow=True,
    )
    page = body(response)
    assert "Watching Acme&#39;s Greenhouse board" in page
    assert "greenhouse:acme" in page and "Waiting for first check" in page
    assert Watch.objects.get(user=alice).company.name == "Acme"


def test_a_bad_board_name_is_shown_next_to_its_field(alice_client):
    response = alice_client.post(
        reverse("jobs:watchlist"),
        {"company_name": "Acme", "board_kind": "greenhouse", "board_name": "a/b"},
    )
    assert response.status_code == 200
    assert 'id="id_board_name-error"' in body(response) and "is not valid" in body(response)
    assert not Watch.objects.exists()


def test_poll_now_fills_the_inbox_and_marks_new_roles(alice, alice_client):
    watch = watch_on(alice)
    answer = json_answer(greenhouse_jobs("Product Manager, Maps", "Software Engineer"))
    with replaying({greenhouse_url("acme"): answer}):
        response = alice_client.post(reverse("jobs:watch_poll", args=[watch.pk]), follow=True)
    page = body(response)
    assert "Acme (greenhouse:acme): 1 new PM posting; 2 jobs on the board." in page
    assert "Product Manager, Maps" in page and "1 new this week" in page
    assert "Software Engineer" not in page and "Watching</span>" in page


def test_a_failing_watch_shows_its_error_on_the_page(alice, alice_client):
    watch = watch_on(alice)
    with replaying({greenhouse_url("acme"): httpx.Response(404)}):
        alice_client.post(reverse("jobs:watch_poll", args=[watch.pk]))
    page = body(alice_client.get(reverse("jobs:watchlist")))
    assert "Failing" in page and "1 try" in page and "there is no such board" in page


def test_pausing_resuming_and_removing_from_the_page(alice, alice_client):
    watch = watch_on(alice)
    alice_client.post(reverse("jobs:watch_pause", args=[watch.pk]), {"paused": "1"})
    assert "Paused</span>" in body(alice_client.get(reverse("jobs:watchlist")))
    alice_client.post(reverse("jobs:watch_pause", args=[watch.pk]), {"paused": "0"})
    assert Watch.objects.get(pk=watch.pk).active
    alice_client.post(reverse("jobs:watch_remove", args=[watch.pk]))
    assert not Watch.objects.exists()


def test_tracking_and_dismissing_from_the_inbox(alice, alice_client):
    watch = watch_on(alice)
    answer = json_answer(greenhouse_jobs("Product Manager, Maps", "Product Manager, Ads"))
    with replaying({greenhouse_url("acme"): answer}):
        watches.poll(watch)
    maps, ads = (Posting.objects.get(title=f"Product Manager, {t}") for t in ("Maps", "Ads"))
    alice_client.post(reverse("jobs:posting_track", args=[maps.pk]), follow=True)
    dismissed = alice_client.post(reverse("jobs:inbox_dismiss", args=[ads.pk]), follow=True)
    assert "Dismissed Product Manager, Ads." in body(dismissed)
    page = body(alice_client.get(reverse("jobs:watchlist")))
    assert Application.objects.get(user=alice).posting == maps
    assert "Product Manager, Maps" not in page and "Product Manager, Ads" not in page
    assert "Nothing new at your level yet" in page


def test_the_inbox_marks_only_this_weeks_roles_as_new(alice, alice_client):
    watch = watch_on(alice)
    answer = json_answer(greenhouse_jobs("Product Manager, Maps", "Product Manager, Ads"))
    with replaying({greenhouse_url("acme"): answer}):
        watches.poll(watch)
    Posting.objects.filter(title__endswith="Maps").update(
        first_seen_at=timezone.now() - timedelta(days=10)
    )
    page = body(alice_client.get(reverse("jobs:watchlist")))
    assert page.count('<span class="badge">New</span>') == 1
    assert "1 new this week" in page and "(2)" in page


def bulk_inbox(user, count):
    """Bring the user's inbox up to `count` postings from one watch."""
    watch = Watch.objects.filter(user=user).first() or watch_on(user)
    have = Posting.objects.filter(user=user).count()
    Posting.objects.bulk_create(
        [
            Posting(
                user=user,
                company=watch.company,
                title=f"Product Manager {i}",
                external_id=f"w{i}",
                family="product_management",
                level="pm",
                watch=watch,
            )
            for i in range(have, count)
        ]
    )
    Watch.objects.bulk_create(
        [
            Watch(
                user=user,
                company=watch.company,
                board_kind="lever",
                board_name=f"board-{i}",
                last_error="down" if i % 2 else "",
            )
            for i in range(Watch.objects.filter(user=user).count(), min(count, 200))
        ]
    )


def test_the_watchlist_reads_in_constant_queries(alice, alice_client):
    assert_constant_queries(
        alice_client, reverse("jobs:watchlist"), lambda n: bulk_inbox(alice, n), large=1000
    )


def test_the_overview_reads_in_constant_queries(alice, alice_client):
    assert_constant_queries(
        alice_client, reverse("jobs:index"), lambda n: bulk_inbox(alice, n), large=1000
    )


# --- the overview ------------------------------------------------------------------------------


def test_the_overview_shows_the_inbox_count(alice, alice_client):
    bulk_inbox(alice, 3)
    page = body(alice_client.get(reverse("jobs:index")))
    assert "<strong>3</strong> new roles in your inbox" in page
    assert 'href="/jobs/watchlist/"' in page  # the subnav's Watchlist


# --- the import page ---------------------------------------------------------------------------


def test_importing_a_job_page_by_its_address(alice, alice_client):
    url = "https://careers.example.test/jobs/42"
    answer = httpx.Response(200, content=fixture_bytes("jsonld.html"))
    with replaying({url: answer}):
        response = alice_client.post(reverse("jobs:import"), {"kind": "url", "url": url})
    posting = Posting.objects.get(user=alice)
    assert response.status_code == 302 and response["Location"] == f"/jobs/postings/{posting.pk}/"


def test_a_page_without_markup_lists_what_google_requires(alice, alice_client):
    url = "https://careers.example.test/jobs/plain"
    answer = httpx.Response(200, content=fixture_bytes("no_markup.html"))
    with replaying({url: answer}):
        response = alice_client.post(
            reverse("jobs:import"), {"kind": "url", "url": url}, follow=True
        )
    page = body(response)
    assert "The page&#39;s JobPosting markup lacks: title, description, datePosted" in page
    assert Posting.objects.filter(user=alice).count() == 1


def test_an_address_that_cannot_be_fetched_is_shown_by_its_field(alice_client):
    url = "https://careers.example.test/gone"
    with replaying({url: httpx.Response(404)}):
        response = alice_client.post(reverse("jobs:import"), {"kind": "url", "url": url})
    page = body(response)
    assert 'id="id_url-error"' in page and "the server answered HTTP 404" in page


def test_importing_a_whole_board_from_the_import_page(alice, alice_client):
    url = "https://boards-api.greenhouse.io/v1/boards/northwindanalytics/jobs?content=true"
    with replaying({url: fixture_answer("greenhouse.json")}):
        response = alice_client.post(
            reverse("jobs:import"),
            {"kind": "board", "board_kind": "greenhouse", "board_name": "northwindanalytics"},
        )
    page = body(response)
    assert "Imported from greenhouse:northwindanalytics: 5 new" in page
    assert "jobs[5] · title" in page  # the fixture's job without a title, named
    assert Posting.objects.filter(user=alice).count() == 5


def test_an_unknown_board_is_shown_by_its_field(alice_client):
    with replaying({greenhouse_url("nosuchco"): httpx.Response(404)}):
        response = alice_client.post(
            reverse("jobs:import"),
            {"kind": "board", "board_kind": "greenhouse", "board_name": "nosuchco"},
        )
    page = body(response)
    assert 'id="id_board_name-error"' in page and "there is no such board" in page


# --- the bookmarklet ---------------------------------------------------------------------------


def test_the_overview_offers_the_bookmarklet(alice_client):
    page = body(alice_client.get(reverse("jobs:index")))
    assert "Save postings from any site" in page and "Make my bookmarklet" in page


def test_making_a_bookmarklet_shows_it_once_with_a_working_token(alice, alice_client):
    response = alice_client.post(reverse("jobs:bookmarklet_create"))
    page = body(response)
    assert response["Cache-Control"] == "no-store"
    start = page.index('href="javascript:') + len('href="')
    code = page[start : page.index('"', start)].replace("&#34;", '"')
    token = code.split('token:"')[1].split('"')[0]
    assert user_for_token(token) == alice
    assert '"http://testserver"' in code and '"/jobs/bookmarklet/save/"' in code
    assert APIToken.objects.get(user=alice).name == "bookmarklet"
    overview = body(alice_client.get(reverse("jobs:index")))
    assert token not in overview and "You have 1 bookmarklet." in overview


def test_the_bookmarklet_window_can_talk_to_the_page_that_opened_it(charlie_client):
    response = charlie_client.get(reverse("jobs:bookmarklet_save"))
    assert response.status_code == 200
    assert response["Cross-Origin-Opener-Policy"] == "unsafe-none"
    assert 'data-endpoint="/api/v1/jobs/postings/import-page"' in body(response)
    assert "pmpath/bookmarklet.js" in body(response)


def test_the_token_saves_a_page_but_the_session_alone_does_not(alice, alice_client):
    from pmpath.jobs.bookmarklet import create_bookmarklet

    code = create_bookmarklet(alice, origin="http://testserver", save_path="/x/")
    token = code.split('token:"')[1].split('"')[0]
    html = fixture_bytes("jsonld.html").decode()
    payload = {"url": "https://careers.example.test/jobs/42", "html": html}
    endpoint = "/api/v1/jobs/postings/import-page"
    anonymous = alice_client.__class__()
    saved = anonymous.post(
        endpoint, payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert saved.status_code == 200 and len(saved.json()["postings"]) == 1
    # A cross-site page riding on the session cookie has no CSRF token: refused.
    csrf_checked = alice_client.__class__(enforce_csrf_checks=True)
    csrf_checked.force_login(alice)
    assert csrf_checked.post(endpoint, payload, content_type="application/json").status_code in (
        401,
        403,
    )


@pytest.mark.parametrize("target, shown", [("apm", "APM or PM"), ("senior_pm", "PM, Senior PM")])
def test_the_inbox_says_which_levels_it_keeps(alice, alice_client, target, shown):
    onboard(alice, target_level=target)
    assert shown in body(alice_client.get(reverse("jobs:watchlist")))


def test_a_company_picked_for_a_watch_is_reused(alice, alice_client):
    Company.objects.create(user=alice, name="Acme")
    alice_client.post(
        reverse("jobs:watchlist"),
        {"company_name": "acme", "board_kind": "lever", "board_name": "acme"},
    )
    assert Company.objects.filter(user=alice).count() == 1
