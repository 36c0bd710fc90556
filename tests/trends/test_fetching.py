"""Fetching feeds: conditional requests, 304, back-off, the SSRF guard, size caps, idempotent
upserts and the scheduled task. The network is replayed from recorded answers."""

import gzip
from datetime import timedelta

import httpx
from django.utils import timezone

from pmpath.trends import fetcher, tasks
from pmpath.trends.models import Entry, Feed
from tests.trends.fakes import feed_answer, fixture, make_feed, replay

URL = "https://pmnotes.example.test/feed.xml"


def test_a_fetch_stores_the_entries_and_the_validators(alice):
    feed = make_feed(alice, url=URL, title="")
    with replay(
        {
            URL: feed_answer(
                "rss2.xml", ETag='"v1"', **{"Last-Modified": "Mon, 23 Nov 2026 09:30:00 GMT"}
            )
        }
    ):
        report = fetcher.fetch_feed(feed)
    assert report.new == 3 and not report.error
    feed.refresh_from_db()
    assert feed.title == "Product Notes Weekly"
    assert feed.site_url == "https://pmnotes.example.test/"
    assert feed.etag == '"v1"' and feed.last_modified == "Mon, 23 Nov 2026 09:30:00 GMT"
    assert feed.failures == 0 and feed.last_error == ""
    assert feed.next_fetch_at > timezone.now() + timedelta(hours=1)
    entry = Entry.objects.get(feed=feed, guid="pmnotes-101")
    assert entry.user == alice
    assert "<h2>Pricing</h2>" in entry.summary_html


def test_fetching_twice_adds_nothing_and_keeps_what_the_reader_did(alice):
    feed = make_feed(alice, url=URL)
    with replay({URL: feed_answer("rss2.xml")}):
        fetcher.fetch_feed(feed)
        entry = Entry.objects.get(feed=feed, guid="pmnotes-101")
        entry.read_at, entry.saved, entry.tags, entry.note = timezone.now(), True, "ai", "Mine"
        entry.save()
        report = fetcher.fetch_feed(feed)
    assert report.new == 0 and report.updated == 0
    assert Entry.objects.filter(feed=feed).count() == 3
    entry.refresh_from_db()
    assert entry.saved and entry.read_at and entry.tags == "ai" and entry.note == "Mine"


def test_a_changed_entry_is_updated_in_place(alice):
    feed = make_feed(alice, url=URL)
    edited = fixture("rss2.xml").replace(b"Pricing pages that convert", b"Pricing pages, revised")
    with replay({URL: feed_answer("rss2.xml")}):
        fetcher.fetch_feed(feed)
    with replay({URL: httpx.Response(200, content=edited)}):
        report = fetcher.fetch_feed(feed)
    assert (report.new, report.updated) == (0, 1)
    assert Entry.objects.get(feed=feed, guid="pmnotes-101").title == "Pricing pages, revised"


def test_the_next_fetch_is_conditional_and_a_304_changes_nothing(alice):
    feed = make_feed(alice, url=URL, etag='"v1"', last_modified="Mon, 23 Nov 2026 09:30:00 GMT")
    with replay({URL: httpx.Response(304)}) as recorder:
        report = fetcher.fetch_feed(feed)
    assert report.not_modified and not report.error
    sent = recorder.requests[0].headers
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Mon, 23 Nov 2026 09:30:00 GMT"
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.failures == 0 and feed.last_fetched_at
    assert not Entry.objects.filter(feed=feed).exists()


def test_a_server_error_backs_off_and_shows_the_error(alice):
    feed = make_feed(alice, url=URL)
    with replay({URL: httpx.Response(500)}) as recorder:
        report = fetcher.fetch_feed(feed)
        assert len(recorder.requests) == 3  # fetch.py retried twice
        fetcher.fetch_feed(feed)
    assert report.error == "the server answered HTTP 500; pmpath will try again later"
    feed.refresh_from_db()
    assert feed.failures == 2
    assert feed.last_error == report.error
    delay = feed.next_fetch_at - feed.last_fetched_at
    assert delay == timedelta(hours=1)  # 30 minutes, doubled
    with replay({URL: feed_answer("rss2.xml")}):
        fetcher.fetch_feed(feed)
    feed.refresh_from_db()
    assert feed.failures == 0 and feed.last_error == ""


def test_retry_delays_double_up_to_a_day():
    assert [fetcher.retry_delay(n) for n in (1, 2, 3)] == [
        timedelta(minutes=30), timedelta(hours=1), timedelta(hours=2),
    ]  # fmt: skip
    assert fetcher.retry_delay(50) == timedelta(hours=24)


def test_a_gone_feed_says_so(alice):
    feed = make_feed(alice, url=URL)
    with replay({URL: httpx.Response(410)}):
        report = fetcher.fetch_feed(feed)
    assert report.error == "the feed is gone (HTTP 410); check the address or remove it"


def test_a_private_address_is_refused(alice):
    feed = make_feed(alice, url="http://intranet.example.test/feed")
    with replay({}) as recorder:
        report = fetcher.fetch_feed(feed)
    assert recorder.requests == []
    assert (
        "refused, intranet.example.test is a private, loopback or link-local address"
        in report.error
    )
    loopback = make_feed(alice, url="http://127.0.0.1:8000/feed")
    with replay({}):
        assert "refused" in fetcher.fetch_feed(loopback).error


def test_a_redirect_to_a_private_address_is_refused(alice):
    feed = make_feed(alice, url=URL)
    answers = {URL: httpx.Response(302, headers={"Location": "http://localhost/admin/feed"})}
    with replay(answers) as recorder:
        report = fetcher.fetch_feed(feed)
    assert recorder.urls == [URL]  # the private address was never asked
    assert (
        "refused, localhost is a private, loopback or link-local address (127.0.0.1)"
        in report.error
    )
    assert Feed.objects.get(pk=feed.pk).failures == 1


def test_an_oversized_feed_is_refused(alice, monkeypatch):
    monkeypatch.setattr(fetcher, "FEED_MAX_BYTES", 1024)
    feed = make_feed(alice, url=URL)
    with replay({URL: httpx.Response(200, content=b"<rss>" + b" " * 5000 + b"</rss>")}):
        report = fetcher.fetch_feed(feed)
    assert report.error == "the feed is over the 1 KB limit, so it was not read"


def test_a_gzip_bomb_is_refused_by_its_unpacked_size(alice):
    feed = make_feed(alice, url=URL)
    bomb = gzip.compress(b"<rss>" + b" " * (fetcher.FEED_MAX_BYTES + 10) + b"</rss>")
    assert len(bomb) < 20_000
    answer = httpx.Response(200, content=bomb, headers={"Content-Encoding": "gzip"})
    with replay({URL: answer}):
        report = fetcher.fetch_feed(feed)
    assert report.error == "the feed is over the 5 MB limit, so it was not read"
    assert not Entry.objects.filter(feed=feed).exists()


def test_a_gzipped_feed_is_read(alice):
    feed = make_feed(alice, url=URL)
    answer = httpx.Response(
        200, content=gzip.compress(fixture("atom.xml")), headers={"Content-Encoding": "gzip"}
    )
    with replay({URL: answer}):
        assert fetcher.fetch_feed(feed).new == 2


def test_a_billion_laughs_feed_is_recorded_as_an_error(alice):
    feed = make_feed(alice, url=URL)
    with replay({URL: feed_answer("billion-laughs.xml")}):
        report = fetcher.fetch_feed(feed)
    assert "declares XML entities" in report.error
    assert Feed.objects.get(pk=feed.pk).failures == 1


def test_an_ill_formed_feed_is_read_and_the_problem_shown(alice):
    feed = make_feed(alice, url=URL)
    with replay({URL: feed_answer("illformed.xml")}):
        report = fetcher.fetch_feed(feed)
    assert report.new == 2 and not report.error
    feed.refresh_from_db()
    assert feed.failures == 0
    assert feed.last_error.startswith("Read with problems: the feed is not well-formed XML")


def test_the_periodic_task_fetches_due_feeds_only(alice, bob):
    due = make_feed(alice, url=URL)
    later = make_feed(
        bob,
        url="https://habits.example.test/atom.xml",
        next_fetch_at=timezone.now() + timedelta(hours=1),
    )
    with replay({URL: feed_answer("rss2.xml")}) as recorder:
        assert tasks.fetch_due_feeds.call_local() == 1
    assert recorder.urls == [URL]
    assert Entry.objects.filter(feed=due).count() == 3
    assert not Entry.objects.filter(feed=later).exists()


def test_a_fetched_feed_is_not_due_again_until_its_time(alice):
    make_feed(alice, url=URL)
    with replay({URL: feed_answer("rss2.xml")}):
        first = fetcher.fetch_due()
        second = fetcher.fetch_due()  # the first run moved it two hours on
    assert len(first) == 1 and second == []


def test_a_feed_claimed_by_another_worker_is_skipped(alice, monkeypatch):
    feed = make_feed(alice, url=URL)
    real = fetcher.Feed.objects.filter

    def filter_then_claim(*args, **kwargs):
        rows = real(*args, **kwargs)
        if "pk" in kwargs:  # the claim: another worker got there first
            real(pk=feed.pk).update(next_fetch_at=timezone.now() + timedelta(minutes=15))
        return rows

    monkeypatch.setattr(fetcher.Feed.objects, "filter", filter_then_claim)
    with replay({}) as recorder:
        assert fetcher.fetch_due() == []
    assert recorder.requests == []


def test_one_feeds_surprise_does_not_stop_the_others(alice, monkeypatch):
    broken = make_feed(alice, url="https://broken.example.test/feed")
    fine = make_feed(alice, url=URL)
    real = fetcher.parse_feed

    def parse(data, **kw):
        if kw.get("url") == broken.url:
            raise RuntimeError("surprise")
        return real(data, **kw)

    monkeypatch.setattr(fetcher, "parse_feed", parse)
    with replay({broken.url: feed_answer("rss2.xml"), URL: feed_answer("rss2.xml")}):
        reports = fetcher.fetch_due()
    errors = {r.feed.pk: r.error for r in reports}
    assert errors[broken.pk] == "the fetch failed unexpectedly (RuntimeError)"
    assert errors[fine.pk] == ""
    assert Entry.objects.filter(feed=fine).count() == 3
