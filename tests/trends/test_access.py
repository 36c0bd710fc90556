"""alice owns the feed, entry and talking point; bob (another user) and charlie (anonymous)
get 404 on every object route, reading and writing, and nothing of alice's changes."""

import pytest

from pmpath.trends.models import Entry, Feed, TalkingPoint
from tests.trends.fakes import make_entries, make_feed


@pytest.fixture
def owned(alice):
    feed = make_feed(alice, tags="mine")
    (entry,) = make_entries(feed, 1)
    point = TalkingPoint.objects.create(user=alice, entry=entry, title="Mine")
    return {"feed": feed.pk, "entry": entry.pk, "point": point.pk}


READS = [
    "/trends/entries/{entry}/",
    "/trends/talking-points/{point}/",
    "/trends/?feed={feed}",
]
WRITES = [
    ("/trends/entries/{entry}/read", {"read": "1"}),
    ("/trends/entries/{entry}/save", {"saved": "1"}),
    ("/trends/entries/{entry}/tags", {"tags": "x"}),
    ("/trends/entries/{entry}/note", {"note": "x"}),
    ("/trends/entries/{entry}/talking-point", {}),
    ("/trends/entries/{entry}/learn", {}),
    ("/trends/feeds/{feed}/tags", {"tags": "x", "title": "x"}),
    ("/trends/feeds/{feed}/tags", {"tags": "x" * 400}),
    ("/trends/feeds/{feed}/fetch", {}),
    ("/trends/feeds/{feed}/remove", {}),
    ("/trends/talking-points/{point}/", {"title": "x", "body": "x"}),
    ("/trends/talking-points/{point}/delete", {}),
    ("/trends/mark-all-read", {"feed": "{feed}"}),
]


def _unchanged(alice, owned):
    entry = Entry.objects.get(pk=owned["entry"])
    assert entry.read_at is None and not entry.saved and entry.tags == "" and entry.note == ""
    assert Feed.objects.get(pk=owned["feed"]).tags == "mine"
    assert TalkingPoint.objects.get(pk=owned["point"]).title == "Mine"
    assert TalkingPoint.objects.count() == 1


@pytest.mark.parametrize("path", READS)
def test_the_owner_can_read(alice_client, owned, path):
    assert alice_client.get(path.format(**owned)).status_code == 200


@pytest.mark.parametrize("path", READS)
def test_others_cannot_read(bob_client, charlie_client, alice, owned, path):
    assert bob_client.get(path.format(**owned)).status_code == 404
    if path.startswith("/trends/?"):  # the river itself asks an anonymous visitor to log in
        assert charlie_client.get(path.format(**owned)).status_code == 302
    else:
        assert charlie_client.get(path.format(**owned)).status_code == 404
    _unchanged(alice, owned)


@pytest.mark.parametrize("path,data", WRITES)
def test_others_cannot_write(bob_client, charlie_client, alice, owned, path, data):
    data = {k: v.format(**owned) for k, v in data.items()}
    assert bob_client.post(path.format(**owned), data).status_code == 404
    response = charlie_client.post(path.format(**owned), data)
    if path == "/trends/mark-all-read":  # not an object route: log in first
        assert response.status_code == 302 and "/accounts/login" in response["Location"]
    else:
        assert response.status_code == 404
    _unchanged(alice, owned)


@pytest.mark.parametrize(
    "path", ["/trends/", "/trends/feeds/", "/trends/talking-points/", "/trends/feeds/export.opml"]
)
def test_an_anonymous_visitor_is_asked_to_log_in(charlie_client, path):
    response = charlie_client.get(path)
    assert response.status_code == 302 and "/accounts/login" in response["Location"]


def test_bobs_pages_show_nothing_of_alices(bob_client, owned):
    for path in ("/trends/?view=all", "/trends/feeds/", "/trends/talking-points/"):
        body = bob_client.get(path).content.decode()
        assert "Entry 0" not in body and "Product Notes" not in body and "Mine" not in body
    assert b"pmnotes" not in bob_client.get("/trends/feeds/export.opml").content


def test_the_owner_can_write(alice_client, owned):
    for path, data in WRITES:
        if "delete" in path or "remove" in path or "fetch" in path:
            continue
        data = {k: v.format(**owned) for k, v in data.items()}
        assert alice_client.post(path.format(**owned), data).status_code == 302, path
