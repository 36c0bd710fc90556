"""Recorded feed answers replayed through httpx.MockTransport: the trends tests never reach a
real server or DNS. Hosts ending in .example.test resolve to a public address; the ones in
PRIVATE resolve to loopback or private ones, as an attacker's DNS would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.utils import timezone

from pmpath.jobs import fetching
from pmpath.trends.models import Entry, Feed
from pmpath.trends.services import starter_list
from tests.jobs.boardfakes import Answer, Recorder

FIXTURES = Path(__file__).parent / "fixtures"
PRIVATE = {"intranet.example.test": "10.0.0.8", "localhost": "127.0.0.1"}
RSS = "application/rss+xml; charset=utf-8"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def resolver(host: str, port: int) -> list[str]:
    if host in PRIVATE:
        return [PRIVATE[host]]
    starter_hosts = {urlsplit(s.url).hostname for s in starter_list()}
    assert host.endswith(".example.test") or host in starter_hosts, f"unexpected host {host}"
    return ["93.184.216.34"]


@contextmanager
def replay(answers: dict[str, Answer]) -> Iterator[Recorder]:
    recorder = Recorder(answers)
    with fetching.replaying(httpx.MockTransport(recorder), resolver=resolver):
        yield recorder


def feed_answer(name: str, content_type: str = RSS, **headers: str) -> httpx.Response:
    return httpx.Response(
        200, content=fixture(name), headers={"Content-Type": content_type, **headers}
    )


def make_feed(
    user: Any, *, url: str = "https://pmnotes.example.test/feed.xml", **extra: Any
) -> Feed:
    return Feed.objects.create(
        user=user, url=url, title=extra.pop("title", "Product Notes"), **extra
    )


def make_entries(feed: Feed, n: int, **extra: Any) -> list[Entry]:
    """Bring the feed to n entries (adds the missing ones), newest first by index."""
    have = Entry.objects.filter(feed=feed).count()
    now = timezone.now()
    rows = [
        Entry(
            user_id=feed.user_id,
            feed=feed,
            guid=f"{feed.pk}-{i}",
            url=f"https://pmnotes.example.test/posts/{feed.pk}-{i}",
            title=f"Entry {i}",
            summary_html=f"<p>Text of entry {i}</p>",
            summary_text=f"Text of entry {i}",
            published_at=now - timedelta(minutes=i),
            **extra,
        )
        for i in range(have, n)
    ]
    return Entry.objects.bulk_create(rows)
