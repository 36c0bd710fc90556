"""Subscribing (by address, by discovery, from the starter list) and what a reader does with
entries: read, save, tags, notes, talking points and the learning plan."""

import httpx
import pytest
from django.http import Http404

from pmpath.career.models import Enrolment, Resource
from pmpath.trends import services
from pmpath.trends.models import Entry, Feed, TalkingPoint
from pmpath.trends.services import TrendsError
from tests.trends.fakes import feed_answer, fixture, make_entries, make_feed, replay

FEED = "https://pmnotes.example.test/feed.xml"
PAGE = "https://pmnotes.example.test/"


def test_subscribing_by_a_feed_address_fetches_it_at_once(alice):
    with replay({FEED: feed_answer("rss2.xml", ETag='"v1"')}):
        feed, report = services.subscribe(alice, url=FEED, tags="Strategy, AI tools")
    assert (feed.title, feed.tags, feed.etag) == (
        "Product Notes Weekly",
        "strategy,ai-tools",
        '"v1"',
    )
    assert report.new == 3
    assert Entry.objects.filter(feed=feed, user=alice).count() == 3


def test_subscribing_by_a_site_address_discovers_its_feed(alice):
    answers = {
        PAGE: httpx.Response(
            200, content=fixture("page.html"), headers={"Content-Type": "text/html"}
        ),
        FEED: feed_answer("rss2.xml"),
    }
    with replay(answers) as recorder:
        feed, _ = services.subscribe(alice, url="pmnotes.example.test/")
    assert recorder.urls == [PAGE, FEED]
    assert feed.url == FEED


def test_a_page_without_a_feed_link_is_a_clear_error_and_nothing_is_stored(alice):
    page = b"<!doctype html><html><head><title>x</title></head><body>Hi</body></html>"
    with replay({PAGE: httpx.Response(200, content=page)}), pytest.raises(TrendsError) as caught:
        services.subscribe(alice, url=PAGE)
    assert str(caught.value) == (
        f"url: {PAGE} is a web page that names no RSS or Atom feed; give the feed's own address"
    )
    assert not Feed.objects.exists()


def test_a_failing_address_stores_nothing(alice):
    with replay({FEED: httpx.Response(404)}), pytest.raises(TrendsError, match="the feed is gone"):
        services.subscribe(alice, url=FEED)
    with replay({}), pytest.raises(TrendsError, match="refused, intranet.example.test"):
        services.subscribe(alice, url="http://intranet.example.test/feed")
    with pytest.raises(TrendsError, match="only http and https"):
        services.subscribe(alice, url="ftp://pmnotes.example.test/feed")
    assert not Feed.objects.exists()


def test_following_the_same_feed_twice_is_refused(alice):
    make_feed(alice, url=FEED, title="Mine")
    with pytest.raises(TrendsError, match="you already follow Mine"):
        services.subscribe(alice, url=FEED)


def test_a_suggestion_is_followed_with_one_call(alice):
    suggestion = services.starter_list()[0]
    body = fixture("rss2.xml")
    with replay({suggestion.url: httpx.Response(200, content=body)}):
        feed, report = services.subscribe_suggestion(alice, key=suggestion.key)
    assert feed.suggested and feed.title == suggestion.name and report.new == 3
    with pytest.raises(TrendsError, match="already follow"):
        services.subscribe_suggestion(alice, key=suggestion.key)


def test_a_suggestion_is_kept_when_its_first_fetch_fails(alice):
    suggestion = services.starter_list()[1]
    with replay({suggestion.url: httpx.Response(503)}):
        feed, report = services.subscribe_suggestion(alice, key=suggestion.key)
    assert report.error and Feed.objects.get(pk=feed.pk).failures == 1


def test_the_starter_list_is_ours_and_complete():
    names = {s.name for s in services.starter_list()}
    for expected in ("Mind the Product", "Lenny's Newsletter", "Product School blog",
                     "Product Coalition", "Intercom blog", "Reforge blog", "First Round Review",
                     "Department of Product", "The Beautiful Mess (John Cutler)"):  # fmt: skip
        assert expected in names
    assert any(n.startswith("SVPG") for n in names)
    for s in services.starter_list():
        assert s.url.startswith("https://") and len(s.about) > 40 and s.tags


def test_read_unread_saved_tags_and_note(alice):
    feed = make_feed(alice)
    (entry,) = make_entries(feed, 1)
    assert services.set_read(alice, entry_id=entry.pk).read_at is not None
    assert services.set_read(alice, entry_id=entry.pk, read=False).read_at is None
    assert services.set_saved(alice, entry_id=entry.pk).saved
    assert services.tag_entry(alice, entry_id=entry.pk, tags="AI, ai; Growth").tags == "ai,growth"
    assert (
        services.save_note(alice, entry_id=entry.pk, note="  Worth quoting  ").note
        == "Worth quoting"
    )
    with pytest.raises(TrendsError, match="at most 10 tags"):
        services.tag_entry(alice, entry_id=entry.pk, tags=",".join(str(i) for i in range(11)))


def test_mark_all_read_for_one_feed_or_all(alice):
    one, two = make_feed(alice), make_feed(alice, url="https://habits.example.test/atom.xml")
    make_entries(one, 3)
    make_entries(two, 2)
    assert services.mark_all_read(alice, feed_id=one.pk) == 3
    assert Entry.objects.filter(feed=two, read_at__isnull=True).count() == 2
    assert services.mark_all_read(alice) == 2


def test_an_entry_becomes_a_talking_point_with_its_source(alice):
    feed = make_feed(alice)
    (entry,) = make_entries(feed, 1)
    services.save_note(alice, entry_id=entry.pk, note="Pricing is product.")
    point = services.add_talking_point(alice, entry_id=entry.pk)
    assert point.title == "Entry 0" and point.entry == entry
    assert point.body.startswith("Pricing is product.\n\nSource: Product Notes — https://")
    assert Entry.objects.get(pk=entry.pk).saved  # kept, since it is worth talking about


def test_a_talking_point_survives_its_feed_being_removed(alice):
    feed = make_feed(alice)
    (entry,) = make_entries(feed, 1)
    point = services.add_talking_point(alice, entry_id=entry.pk)
    services.remove_feed(alice, feed_id=feed.pk)
    point.refresh_from_db()
    assert point.entry is None and point.title == "Entry 0"
    assert not Entry.objects.exists()


def test_an_entry_goes_on_the_learning_plan_as_an_owned_resource(alice, bob):
    feed = make_feed(alice)
    (entry,) = make_entries(feed, 1)
    enrolment = services.add_to_learning_plan(alice, entry_id=entry.pk)
    again = services.add_to_learning_plan(alice, entry_id=entry.pk)
    assert again.pk == enrolment.pk and enrolment.status == "planned"
    resource = Resource.objects.get(pk=enrolment.resource_id)
    assert (resource.owner, resource.kind, resource.url) == (alice, "article", entry.url)
    assert resource.provider == "Product Notes"
    assert not Resource.objects.visible_to(bob).filter(pk=resource.pk).exists()
    assert Enrolment.objects.filter(user=alice).count() == 1


def test_other_peoples_entries_and_feeds_are_not_found(alice, bob):
    feed = make_feed(alice)
    (entry,) = make_entries(feed, 1)
    for call in (
        lambda: services.set_read(bob, entry_id=entry.pk),
        lambda: services.set_saved(bob, entry_id=entry.pk),
        lambda: services.tag_entry(bob, entry_id=entry.pk, tags="x"),
        lambda: services.save_note(bob, entry_id=entry.pk, note="x"),
        lambda: services.add_talking_point(bob, entry_id=entry.pk),
        lambda: services.add_to_learning_plan(bob, entry_id=entry.pk),
        lambda: services.remove_feed(bob, feed_id=feed.pk),
        lambda: services.retag_feed(bob, feed_id=feed.pk, tags="x"),
        lambda: services.mark_all_read(bob, feed_id=feed.pk),
    ):
        with pytest.raises(Http404):
            call()
    assert not TalkingPoint.objects.exists()
    assert Feed.objects.filter(pk=feed.pk, tags="").exists()
