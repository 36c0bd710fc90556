"""The trends pages: the river and its filters, htmx updates, an entry, feeds (subscribe,
suggestions, OPML, errors) and talking points; each list and detail page keeps a constant
query count."""

import re

import httpx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pmpath.trends import services
from pmpath.trends.models import Entry, Feed, TalkingPoint
from tests.perf import assert_constant_queries
from tests.trends.fakes import feed_answer, fixture, make_entries, make_feed, replay


def test_a_new_user_sees_the_suggestions_and_how_to_start(alice_client):
    body = alice_client.get("/trends/").content.decode()
    assert "Follow a few product publications" in body
    assert "Mind the Product" in body and "Suggested" in body
    assert "Add a feed or import OPML" in body


def test_the_nav_points_at_the_trends_pages(alice_client):
    body = alice_client.get("/").content.decode()
    assert 'href="/trends/"' in body


def test_the_river_shows_unread_entries_newest_first(alice, alice_client):
    feed = make_feed(alice)
    entries = make_entries(feed, 3)
    services.set_read(alice, entry_id=entries[1].pk)
    body = alice_client.get("/trends/").content.decode()
    assert body.index("Entry 0") < body.index("Entry 2")
    assert "Entry 1" not in body
    assert 'Unread (<span id="unread-tab">2</span>)' in body
    assert 'id="read-this-week">1</strong> read this week' in body
    all_body = alice_client.get("/trends/?view=all").content.decode()
    assert "Entry 1" in all_body


def test_the_river_pages_with_a_cursor(alice, alice_client):
    feed = make_feed(alice)
    make_entries(feed, 45)
    first = alice_client.get("/trends/?view=all").content.decode()
    assert "Entry 39" in first and "Entry 40" not in first
    cursor = re.search(r'href="\?view=all&amp;after=([0-9.]+)">Older entries', first)[1]
    second = alice_client.get(f"/trends/?view=all&after={cursor}").content.decode()
    assert "Entry 40" in second and "Entry 44" in second and ">Entry 39<" not in second
    assert "← Newest" in second


def test_a_bad_cursor_shows_the_first_page(alice, alice_client):
    make_entries(make_feed(alice), 2)
    assert "Entry 0" in alice_client.get("/trends/?view=all&after=nonsense").content.decode()


def test_the_river_filters_by_feed_tag_saved_and_search(alice, alice_client):
    one = make_feed(alice, tags="growth")
    two = make_feed(alice, url="https://habits.example.test/atom.xml", title="Habits")
    make_entries(one, 2)
    (other,) = make_entries(two, 1)
    Entry.objects.filter(pk=other.pk).update(
        title="Opportunity trees", tags="discovery", saved=True
    )

    def titles(query):
        body = alice_client.get("/trends/" + query).content.decode()
        return re.findall(r'class="entry-title" href="[^"]+">([^<]+)</a>', body)

    assert titles(f"?view=all&feed={two.pk}") == ["Opportunity trees"]
    assert titles("?view=all&tag=growth") == ["Entry 0", "Entry 1"]  # the feed's tag
    assert titles("?view=all&tag=discovery") == ["Opportunity trees"]  # the entry's own
    assert titles("?view=saved") == ["Opportunity trees"]
    assert titles("?view=all&q=OPPORTUNITY") == ["Opportunity trees"]
    assert titles("?view=all&q=text+entry+1") == ["Entry 1"]


def test_an_empty_search_says_so(alice, alice_client):
    make_entries(make_feed(alice), 1)
    body = alice_client.get("/trends/?q=zebra").content.decode()
    assert "No entries match “zebra”" in body and "search all entries" in body


def test_marking_read_with_htmx_returns_the_row(alice, alice_client):
    (entry,) = make_entries(make_feed(alice), 1)
    response = alice_client.post(
        f"/trends/entries/{entry.pk}/read", {"read": "1"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.strip().startswith(f'<li class="entry is-read" id="entry-{entry.pk}">')
    assert "Mark unread" in body
    assert Entry.objects.get(pk=entry.pk).read_at is not None
    # the counts beside the river follow, out of band
    assert '<strong class="big" id="read-this-week" hx-swap-oob="true">1</strong>' in body
    assert '<span id="unread-tab" hx-swap-oob="true">0</span>' in body


def test_saving_without_javascript_redirects_back(alice, alice_client):
    (entry,) = make_entries(make_feed(alice), 1)
    response = alice_client.post(
        f"/trends/entries/{entry.pk}/save", {"saved": "1", "next": "/trends/?view=saved"}
    )
    assert response.status_code == 302 and response["Location"] == "/trends/?view=saved"
    assert Entry.objects.get(pk=entry.pk).saved
    response = alice_client.post(
        f"/trends/entries/{entry.pk}/save", {"saved": "0", "next": "https://evil.example.test/"}
    )
    assert response["Location"] == "/trends/"


def test_opening_an_entry_shows_it_sanitised_and_marks_it_read(alice, alice_client):
    feed = make_feed(alice, url="https://evil.example.test/rss")
    with replay({feed.url: feed_answer("hostile.xml")}):
        services.fetch_now(alice, feed_id=feed.pk)
    entry = Entry.objects.get(feed=feed)
    body = alice_client.get(f"/trends/entries/{entry.pk}/").content.decode()
    content = body.split('<div class="entry-body">')[1].split("</div>\n")[0]
    assert "Intro" in content
    for bad in ("<script", "onerror", "onload", "javascript:", "<iframe", "<svg", "expression("):
        assert bad not in content
    assert Entry.objects.get(pk=entry.pk).read_at is not None


def test_an_entry_becomes_a_talking_point_a_note_and_a_plan_item(alice, alice_client):
    (entry,) = make_entries(make_feed(alice), 1)
    response = alice_client.post(f"/trends/entries/{entry.pk}/note", {"note": "Say this"})
    assert response.status_code == 302
    response = alice_client.post(f"/trends/entries/{entry.pk}/talking-point")
    point = TalkingPoint.objects.get(user=alice)
    assert response["Location"] == f"/trends/talking-points/{point.pk}/"
    assert point.body.startswith("Say this")
    response = alice_client.post(f"/trends/entries/{entry.pk}/learn", follow=True)
    assert "On your learning plan: Entry 0." in response.content.decode()
    response = alice_client.post(f"/trends/entries/{entry.pk}/tags", {"tags": "Pricing, AI"})
    assert Entry.objects.get(pk=entry.pk).tags == "pricing,ai"


def test_subscribing_from_the_feeds_page(alice, alice_client):
    url = "https://pmnotes.example.test/feed.xml"
    with replay({url: feed_answer("rss2.xml")}):
        response = alice_client.post("/trends/feeds/", {"url": url, "tags": "growth"})
    feed = Feed.objects.get(user=alice)
    assert response.status_code == 302
    assert response["Location"] == f"/trends/?view=all&feed={feed.pk}"


def test_a_bad_address_is_shown_on_the_form(alice, alice_client):
    with replay({"http://intranet.example.test/feed": httpx.Response(200)}):
        response = alice_client.post("/trends/feeds/", {"url": "http://intranet.example.test/feed"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "refused, intranet.example.test is a private, loopback or link-local address" in body
    assert 'aria-invalid="true"' in body


def test_following_a_suggestion_with_one_click(alice, alice_client):
    suggestion = services.starter_list()[0]
    with replay({suggestion.url: feed_answer("rss2.xml")}):
        response = alice_client.post(
            f"/trends/feeds/suggested/{suggestion.key}", {"next": "/trends/"}, follow=True
        )
    assert "Following Mind the Product: 3 entries to read." in response.content.decode()
    assert Feed.objects.get(user=alice).suggested


def test_the_feeds_page_shows_each_feeds_error(alice, alice_client):
    feed = make_feed(alice)
    with replay({feed.url: httpx.Response(503)}):
        services.fetch_now(alice, feed_id=feed.pk)
    body = alice_client.get("/trends/feeds/").content.decode()
    assert "Failing" in body and "(1 try; next" in body
    assert "Last error: the server answered HTTP 503; pmpath will try again later" in body


def test_importing_and_exporting_opml_on_the_feeds_page(alice, alice_client):
    upload = SimpleUploadedFile("subs.opml", fixture("nested.opml"), content_type="text/x-opml")
    response = alice_client.post("/trends/feeds/import", {"file": upload}, follow=True)
    assert "Imported subs.opml: 3 new feeds." in response.content.decode()
    exported = alice_client.get("/trends/feeds/export.opml")
    assert exported["Content-Type"] == "text/x-opml"
    assert b'xmlUrl="https://rdf.example.test/rss.rdf"' in exported.content


def test_a_bad_opml_file_names_the_file(alice, alice_client):
    upload = SimpleUploadedFile("broken.opml", b"<opml><body>", content_type="text/x-opml")
    response = alice_client.post("/trends/feeds/import", {"file": upload})
    assert response.status_code == 400
    assert "broken.opml: not well-formed XML (line 1" in response.content.decode()
    assert not Feed.objects.exists()


def test_retagging_renaming_and_removing_a_feed(alice, alice_client):
    feed = make_feed(alice)
    alice_client.post(f"/trends/feeds/{feed.pk}/tags", {"tags": "AI, Strategy", "title": "PN"})
    feed.refresh_from_db()
    assert (feed.tags, feed.title) == ("ai,strategy", "PN")
    alice_client.post(f"/trends/feeds/{feed.pk}/remove")
    assert not Feed.objects.exists()


def test_talking_points_are_listed_written_edited_and_deleted(alice, alice_client):
    response = alice_client.post(
        "/trends/talking-points/", {"title": "AI pricing", "body": "Usage-based."}
    )
    assert response.status_code == 302
    point = TalkingPoint.objects.get(user=alice)
    assert "AI pricing" in alice_client.get("/trends/talking-points/").content.decode()
    alice_client.post(
        f"/trends/talking-points/{point.pk}/", {"title": "AI pricing models", "body": ""}
    )
    assert TalkingPoint.objects.get(pk=point.pk).title == "AI pricing models"
    alice_client.post(f"/trends/talking-points/{point.pk}/delete")
    assert not TalkingPoint.objects.exists()


def test_the_river_keeps_a_constant_query_count(alice, alice_client):
    feed = make_feed(alice, tags="growth")

    def grow(n):
        make_entries(feed, n)
        Entry.objects.filter(feed=feed, tags="").update(tags="ai")

    for url in (
        "/trends/",
        "/trends/?view=all&tag=ai",
        f"/trends/?view=all&feed={feed.pk}&q=entry",
    ):
        assert_constant_queries(alice_client, url, grow, small=5, large=300)


def test_the_river_keeps_a_constant_query_count_as_feeds_grow(alice, alice_client):
    def grow(n):
        for i in range(Feed.objects.filter(user=alice).count(), n):
            make_entries(make_feed(alice, url=f"https://f{i}.example.test/feed", tags="ai"), 2)

    assert_constant_queries(alice_client, "/trends/", grow, small=2, large=30)


def test_the_feeds_page_keeps_a_constant_query_count(alice, alice_client):
    def grow(n):
        for i in range(Feed.objects.filter(user=alice).count(), n):
            feed = make_feed(
                alice,
                url=f"https://f{i}.example.test/feed",
                failures=i % 2,
                last_error="x" if i % 2 else "",
            )
            make_entries(feed, 3)

    assert_constant_queries(alice_client, "/trends/feeds/", grow, small=2, large=40)


def test_the_entry_and_talking_point_pages_keep_a_constant_query_count(alice, alice_client):
    feed = make_feed(alice)
    (entry,) = make_entries(feed, 1, read_at=timezone.now())
    point = services.add_talking_point(alice, entry_id=entry.pk)

    def grow(n):
        make_entries(feed, n)
        for _ in range(TalkingPoint.objects.count(), min(n, 60)):
            services.add_talking_point(alice, entry_id=entry.pk)

    assert_constant_queries(alice_client, f"/trends/entries/{entry.pk}/", grow, small=5, large=200)
    assert_constant_queries(alice_client, "/trends/talking-points/", grow, small=5, large=200)
    assert_constant_queries(
        alice_client, f"/trends/talking-points/{point.pk}/", grow, small=5, large=200
    )


def test_the_interview_prep_page_lists_the_trends_you_follow(alice, alice_client):
    from tests.jobs.factories import make_application

    application = make_application(alice, company_name="Northwind")
    url = f"/interview/prep/{application.pk}/"
    assert "No talking points yet." in alice_client.get(url).content.decode()
    point = services.add_talking_point(alice, title="Usage-based pricing for AI features")
    body = alice_client.get(url).content.decode()
    assert "Trends you follow" in body
    assert f'href="/trends/talking-points/{point.pk}/">Usage-based pricing for AI features' in body


def test_the_trends_page_keeps_the_areas_playbook(alice_client):
    body = alice_client.get("/trends/").content.decode()
    assert "How to keep up with the industry" in body
    assert "Do this" in body and "For your background" in body


def test_the_coach_can_ask_for_recent_entries_and_the_last_read(alice):
    from pmpath.trends import queries

    feed = make_feed(alice)
    entries = make_entries(feed, 4)
    assert queries.last_read_at(alice) is None
    read = services.set_read(alice, entry_id=entries[0].pk)
    assert [e.title for e in queries.recent(alice, limit=2)] == ["Entry 1", "Entry 2"]
    assert queries.last_read_at(alice) == read.read_at
    assert queries.read_this_week(alice) == 1
