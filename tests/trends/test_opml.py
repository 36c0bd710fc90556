"""OPML import and export: nested outlines, bounds, entity attacks, atomic and idempotent
imports, and a round trip."""

import pytest

from pmpath.trends import opml
from pmpath.trends.models import Feed
from pmpath.trends.opml import OpmlError, OpmlFeed, parse_opml, write_opml
from pmpath.trends.services import TrendsError, export_opml, import_opml
from tests.trends.fakes import fixture, make_feed


def test_nested_outlines_become_tags_and_duplicates_merge():
    outlines = parse_opml(fixture("nested.opml"), name="subs.opml")
    assert [(o.url, o.tags) for o in outlines] == [
        ("https://pmnotes.example.test/feed.xml", ["product-strategy", "growth"]),
        ("https://habits.example.test/atom.xml", ["product-strategy", "deep-dives"]),
        ("https://rdf.example.test/rss.rdf", ["metrics", "analytics"]),
    ]
    assert outlines[0].title == "Product Notes Weekly"
    assert outlines[0].site_url == "https://pmnotes.example.test/"


def test_opml_2_round_trips():
    feeds = [
        OpmlFeed(
            "https://a.example.test/feed", "A & B", "https://a.example.test/", ["ai", "growth"]
        ),
        OpmlFeed("https://c.example.test/rss", "", "", []),
    ]
    data = write_opml(feeds)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<opml version=\"2.0\">")
    back = parse_opml(data)
    assert [(o.url, o.title, o.site_url, o.tags) for o in back] == [
        ("https://a.example.test/feed", "A & B", "https://a.example.test/", ["ai", "growth"]),
        ("https://c.example.test/rss", "https://c.example.test/rss", "", []),
    ]


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "the file is empty"),
        (b"<opml><body><outline", "not well-formed XML (line 1"),
        (b"<rss><channel/></rss>", "not an OPML file"),
        (b"<opml version='2.0'><head/></opml>", "has no <body>"),
        (
            b"<opml><body><outline xmlUrl='file:///etc/passwd'/></body></opml>",
            "the feed address 'file:///etc/passwd' is not http(s)",
        ),
        (
            fixture("billion-laughs.xml").replace(b"<rss", b"<opml").replace(b"rss>", b"opml>"),
            "declares XML entities",
        ),
    ],
)
def test_bad_files_get_one_clear_message_naming_the_file(data, message):
    with pytest.raises(OpmlError) as caught:
        parse_opml(data, name="subs.opml")
    assert str(caught.value).startswith("subs.opml")
    assert message in str(caught.value)


def test_size_count_and_depth_are_bounded(monkeypatch):
    with pytest.raises(OpmlError, match="over the 2048 KB limit"):
        parse_opml(b" " * (opml.MAX_BYTES + 1))
    monkeypatch.setattr(opml, "MAX_FEEDS", 2)
    many = b"".join(b'<outline xmlUrl="https://x.example.test/%d"/>' % i for i in range(3))
    with pytest.raises(OpmlError, match="more than 2 feeds"):
        parse_opml(b"<opml><body>" + many + b"</body></opml>")
    deep = b"<outline text='f'>" * 30 + b"</outline>" * 30
    with pytest.raises(OpmlError, match="nest more than 20 deep"):
        parse_opml(b"<opml><body>" + deep + b"</body></opml>")


def test_importing_follows_every_feed_without_fetching(alice):
    outcome = import_opml(alice, data=fixture("nested.opml"), name="subs.opml")
    assert len(outcome.added) == 3
    feeds = {f.url: f for f in Feed.objects.filter(user=alice)}
    assert feeds["https://pmnotes.example.test/feed.xml"].tags == "product-strategy,growth"
    assert feeds["https://rdf.example.test/rss.rdf"].title == "Metrics Digest"
    assert all(f.last_fetched_at is None for f in feeds.values())  # the task fetches them


def test_importing_twice_changes_nothing(alice):
    import_opml(alice, data=fixture("nested.opml"))
    before = list(Feed.objects.filter(user=alice).values("url", "title", "tags", "updated_at"))
    again = import_opml(alice, data=fixture("nested.opml"))
    assert again.added == [] and again.already == 3 and again.retagged == 0
    assert (
        list(Feed.objects.filter(user=alice).values("url", "title", "tags", "updated_at")) == before
    )


def test_importing_adds_new_folder_tags_to_a_feed_already_followed(alice):
    make_feed(alice, url="https://pmnotes.example.test/feed.xml", tags="mine")
    outcome = import_opml(alice, data=fixture("nested.opml"))
    assert outcome.retagged == 1
    feed = Feed.objects.get(user=alice, url="https://pmnotes.example.test/feed.xml")
    assert feed.tags == "mine,product-strategy,growth"
    assert feed.title == "Product Notes"  # the person's own name is kept


def test_a_bad_import_stores_nothing(alice, monkeypatch):
    from pmpath.trends import services

    make_feed(alice, url="https://kept.example.test/feed")
    monkeypatch.setattr(services, "MAX_FEEDS", 3)
    with pytest.raises(TrendsError, match="would bring you to 4 feeds"):
        import_opml(alice, data=fixture("nested.opml"), name="subs.opml")
    assert list(Feed.objects.filter(user=alice).values_list("url", flat=True)) == [
        "https://kept.example.test/feed"
    ]


def test_export_then_import_for_another_person_gives_the_same_feeds(alice, bob):
    import_opml(alice, data=fixture("nested.opml"))
    import_opml(bob, data=export_opml(alice))

    def summary(user):
        return sorted(
            Feed.objects.filter(user=user).values_list("url", "title", "site_url", "tags")
        )

    assert summary(bob) == summary(alice)
