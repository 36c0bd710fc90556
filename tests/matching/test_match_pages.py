"""The match panel on posting and application pages, and the best-matches list: what alice
sees, and that bob and charlie get 404 on alice's objects."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pmpath.matching import ranking
from pmpath.matching.models import MatchScore
from tests.jobs.factories import make_application
from tests.matching.match_factories import (
    FAR,
    bulk_pm_postings,
    fresh_matching,
    make_resume,
    pm_posting,
)
from tests.perf import assert_constant_queries

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _fresh(settings, tmp_path, monkeypatch):
    yield from fresh_matching(settings, tmp_path, monkeypatch)


def panel_url(posting) -> str:
    return reverse("matching:posting_panel", args=[posting.pk])


def test_the_posting_page_loads_the_match_panel_as_a_partial(alice, alice_client):
    posting = pm_posting(alice)
    page = alice_client.get(reverse("jobs:posting", args=[posting.pk])).content.decode()
    assert f'hx-get="{panel_url(posting)}"' in page


def test_the_panel_shows_the_score_its_parts_and_the_resume_lines(alice, alice_client):
    make_resume(alice)
    posting = pm_posting(alice)
    response = alice_client.get(panel_url(posting), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # the partial alone
    row = MatchScore.objects.get(user=alice, posting=posting)
    assert f"<strong>{row.score}</strong>" in html
    assert "Required skills" in html or "required" in html.lower()
    assert "Shown in your resume" in html
    assert "Ran A/B tests on the checkout flow" in html  # the quoted resume line
    assert "Not shown" in html


def test_gaps_link_to_the_learning_catalogue(alice, alice_client):
    make_resume(alice)
    posting = pm_posting(alice)
    html = alice_client.get(panel_url(posting), headers=HTMX).content.decode()
    assert "Add to my learning plan" in html
    assert reverse("career:resources") + "?" in html


def test_without_javascript_the_panel_is_a_whole_page(alice, alice_client):
    make_resume(alice)
    posting = pm_posting(alice)
    html = alice_client.get(panel_url(posting)).content.decode()
    assert "<html" in html and "How your resume matches" in html


def test_without_a_resume_the_panel_explains_and_links_to_the_resume_page(alice, alice_client):
    posting = pm_posting(alice)
    html = alice_client.get(panel_url(posting), headers=HTMX).content.decode()
    assert "Add your resume" in html
    assert not MatchScore.objects.exists()


def test_the_application_page_has_its_postings_match_panel(alice, alice_client):
    make_resume(alice)
    posting = pm_posting(alice)
    application = make_application(alice, posting_id=posting.pk)
    page = alice_client.get(reverse("jobs:application", args=[application.pk])).content.decode()
    url = reverse("matching:application_panel", args=[application.pk])
    assert f'hx-get="{url}"' in page
    html = alice_client.get(url, headers=HTMX).content.decode()
    assert "Shown in your resume" in html


def test_an_application_without_a_posting_says_there_is_nothing_to_match(alice, alice_client):
    make_resume(alice)
    application = make_application(alice)
    url = reverse("matching:application_panel", args=[application.pk])
    html = alice_client.get(url, headers=HTMX).content.decode()
    assert "not linked to a saved posting" in html


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
def test_others_get_404_on_alices_panels(request, alice, who):
    make_resume(alice)
    posting = pm_posting(alice)
    application = make_application(alice, posting_id=posting.pk)
    client = request.getfixturevalue(who)
    for url in (
        panel_url(posting),
        reverse("matching:application_panel", args=[application.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.get(url, headers=HTMX).status_code == 404
        assert client.post(url).status_code in (404, 405)
    assert not MatchScore.objects.exists()


def test_best_matches_lists_the_top_postings_with_reasons(alice, alice_client):
    make_resume(alice)
    strong = pm_posting(alice, 1)
    pm_posting(alice, 2, title="Product Manager, Warehouse Robotics",
               description_text=FAR)  # fmt: skip
    html = alice_client.get(reverse("matching:best")).content.decode()
    assert "Best matches" in html
    assert html.index(strong.title) < html.index("Warehouse Robotics")
    assert 'class="best-reasons"' in html


def test_best_matches_filters_by_level_and_remote(alice, alice_client):
    make_resume(alice)
    remote = pm_posting(alice, 1, title="Product Manager, Payments", workplace="remote")
    pm_posting(alice, 2, title="Senior Product Manager, Billing", workplace="onsite")
    url = reverse("matching:best") + "?remote=on&level=pm"
    html = alice_client.get(url, headers=HTMX).content.decode()
    assert remote.title in html and "Billing" not in html


def test_best_matches_can_look_only_in_the_watchlist_inbox(alice, alice_client):
    from pmpath.jobs.models import Company, Watch

    make_resume(alice)
    company = Company.objects.create(user=alice, name="Acme Watch")
    watch = Watch.objects.create(user=alice, company=company, board_kind="lever", board_name="acme")
    inboxed = pm_posting(alice, 1, title="Product Manager, Inbox")
    inboxed.watch = watch
    inboxed.save()
    pm_posting(alice, 2, title="Product Manager, Elsewhere")
    html = alice_client.get(reverse("matching:best") + "?scope=inbox").content.decode()
    assert "Product Manager, Inbox" in html and "Elsewhere" not in html


def test_best_matches_in_the_inbox_keep_to_what_the_watchlist_inbox_holds(alice, alice_client):
    from pmpath.career.models import CandidateProfile
    from pmpath.career.queries import profile_for
    from pmpath.jobs.models import Company, Posting, Watch
    from pmpath.jobs.watch_queries import inbox

    make_resume(alice)
    CandidateProfile.objects.update_or_create(user=alice, defaults={"target_level": "apm"})
    company = Company.objects.create(user=alice, name="Acme Watch")
    watch = Watch.objects.create(user=alice, company=company, board_kind="lever", board_name="acme")
    titles = {
        "kept": dict(title="Product Manager, Kept", level="pm"),
        "archived": dict(title="Product Manager, Archived", level="pm", archived=True),
        "dismissed": dict(title="Product Manager, Dismissed", level="pm", inbox_dismissed=True),
        "tracked": dict(title="Product Manager, Tracked", level="pm"),
        "too senior": dict(title="Director of Product, Far", level="director"),
    }
    made = {}
    for n, (key, values) in enumerate(titles.items(), start=1):
        made[key] = pm_posting(alice, n, title=values.pop("title"))
        Posting.objects.filter(pk=made[key].pk).update(watch=watch, **values)
        titles[key]["title"] = made[key].title
    make_application(alice, posting_id=made["tracked"].pk)
    held = inbox(alice, profile=profile_for(alice)).values_list("id", flat=True)
    assert set(held) == {made["kept"].pk}

    html = alice_client.get(reverse("matching:best") + "?scope=inbox").content.decode()
    assert "Product Manager, Kept" in html and "Ranked over 1 posting in your inbox" in html
    for key in ("archived", "dismissed", "tracked", "too senior"):
        assert titles[key]["title"] not in html
    # A level filter outside the inbox's levels finds nothing, rather than lifting them.
    url = reverse("matching:best") + "?scope=inbox&level=director"
    assert "Far" not in alice_client.get(url).content.decode()


def test_best_matches_without_a_resume_points_to_the_resume_page(alice, alice_client):
    pm_posting(alice)
    html = alice_client.get(reverse("matching:best")).content.decode()
    assert "Add your resume" in html


def test_the_jobs_overview_and_watchlist_load_the_best_matches(alice, alice_client):
    compact = reverse("matching:best_compact")
    assert compact in alice_client.get(reverse("jobs:index")).content.decode()
    watchlist = alice_client.get(reverse("jobs:watchlist")).content.decode()
    assert f"{compact}?scope=inbox" in watchlist
    make_resume(alice)
    pm_posting(alice)
    assert "Best matches" in alice_client.get(compact, headers=HTMX).content.decode()


def test_charlie_is_sent_to_log_in_from_best_matches(charlie_client):
    response = charlie_client.get(reverse("matching:best"))
    assert response.status_code == 302 and "/accounts/login" in response["Location"]


def test_bob_sees_only_his_own_best_matches(alice, bob, bob_client):
    make_resume(alice)
    make_resume(bob)
    pm_posting(alice, 1, title="Alice's secret role")
    html = bob_client.get(reverse("matching:best")).content.decode()
    assert "secret role" not in html


def test_the_panel_runs_a_constant_number_of_queries(alice, alice_client):
    make_resume(alice)
    posting = pm_posting(alice)
    assert_constant_queries(
        alice_client, panel_url(posting), lambda n: bulk_pm_postings(alice, n), **HTMX
    )


def test_best_matches_runs_a_constant_number_of_queries(alice, alice_client):
    make_resume(alice)
    assert_constant_queries(
        alice_client, reverse("matching:best"), lambda n: bulk_pm_postings(alice, n)
    )


def test_a_first_big_index_is_built_in_the_background_while_pages_say_so(
    alice, alice_client, monkeypatch
):
    from pmpath.matching.tasks import build_posting_index

    make_resume(alice)
    posting = pm_posting(alice)
    queued = []
    monkeypatch.setattr(ranking, "INLINE_BUILD_MAX", 0)
    monkeypatch.setattr(ranking, "_queue_build", queued.append)
    html = alice_client.get(panel_url(posting), headers=HTMX).content.decode()
    assert "reading your saved postings" in html and f'hx-get="{panel_url(posting)}"' in html
    best = alice_client.get(reverse("matching:best"), headers=HTMX).content.decode()
    assert "reading your saved postings" in best
    assert queued and set(queued) == {alice.pk}
    assert not MatchScore.objects.exists()
    assert build_posting_index.call_local(alice.pk) == 1  # what the worker runs
    html = alice_client.get(panel_url(posting), headers=HTMX).content.decode()
    assert "Shown in your resume" in html


def test_the_application_panel_and_the_inbox_list_run_a_constant_number_of_queries(
    alice, alice_client
):
    make_resume(alice)
    application = make_application(alice, posting_id=pm_posting(alice).pk)
    url = reverse("matching:application_panel", args=[application.pk])
    assert_constant_queries(alice_client, url, lambda n: bulk_pm_postings(alice, n), **HTMX)
    inbox = reverse("matching:best") + "?scope=inbox"
    assert_constant_queries(alice_client, inbox, lambda n: bulk_pm_postings(alice, n))
