"""The feed engine over recorded feeds: formats, encodings, ill-formed XML, entity attacks
and feed discovery. Pure: no database."""

import time
from datetime import UTC, datetime

import pytest

from pmpath.trends.parsing import FeedError, discover, parse_feed, refuse_entities
from tests.trends.fakes import fixture

URL = "https://pmnotes.example.test/feed.xml"
XML = {"content-type": "application/rss+xml"}


def test_it_reads_rss_2():
    feed = parse_feed(fixture("rss2.xml"), url=URL, headers=XML)
    assert feed.title == "Product Notes Weekly"
    assert feed.site_url == "https://pmnotes.example.test/"
    assert [e.title for e in feed.entries] == [
        "Pricing pages that convert",
        "Onboarding & activation",
        "A post with neither guid nor link",
    ]
    first = feed.entries[0]
    assert first.guid == "pmnotes-101"
    assert first.author == "Rae Okafor"
    assert first.published_at == datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    # content:encoded wins over the description, and relative links are made absolute
    assert 'href="https://pmnotes.example.test/posts/plans"' in first.summary_html
    assert "Three experiments on plan names." in first.summary_text
    assert not feed.warning


def test_an_entry_without_guid_falls_back_to_its_link_then_to_a_hash():
    entries = parse_feed(fixture("rss2.xml"), url=URL, headers=XML).entries
    assert entries[1].guid == "https://pmnotes.example.test/posts/onboarding"
    assert entries[2].url == ""
    assert entries[2].guid.startswith("sha1:")
    again = parse_feed(fixture("rss2.xml"), url=URL, headers=XML).entries
    assert again[2].guid == entries[2].guid  # the same entry gets the same hash every time


def test_escaped_html_in_a_description_becomes_markup():
    entry = parse_feed(fixture("rss2.xml"), url=URL, headers=XML).entries[1]
    assert entry.summary_html == "<p>Why the first ten minutes matter.</p>"


def test_plain_text_keeps_its_paragraphs():
    entry = parse_feed(fixture("rss2.xml"), url=URL, headers=XML).entries[2]
    assert entry.summary_html == "<p>Plain text only.</p><p>Second paragraph.</p>"


def test_it_reads_atom():
    feed = parse_feed(fixture("atom.xml"), url="https://habits.example.test/atom.xml")
    assert feed.title == "Discovery Habits"
    assert feed.site_url == "https://habits.example.test/"
    first = feed.entries[0]
    assert first.title == "Interview customers every week"  # markup in a title is dropped
    assert first.guid == "tag:habits.example.test,2026:weekly-interviews"
    assert first.author == "Sam Lind"
    assert first.published_at == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    assert feed.entries[1].summary_text == "Map the problem space before choosing solutions."


def test_it_reads_rss_1_rdf():
    feed = parse_feed(fixture("rss1.rdf"), url="https://rdf.example.test/rss.rdf")
    assert feed.title == "Metrics Digest (RSS 1.0)"
    (entry,) = feed.entries
    assert entry.url == "https://rdf.example.test/north-star"
    assert entry.published_at == datetime(2026, 11, 21, 7, 0, tzinfo=UTC)


def test_ill_formed_xml_still_shows_what_can_be_read_with_a_warning():
    feed = parse_feed(fixture("illformed.xml"), url="https://sloppy.example.test/feed")
    assert feed.title == "Sloppy Product Blog"
    assert [e.title for e in feed.entries] == ["Roadmaps & other fictions", "Second post"]
    assert feed.warning.startswith("the feed is not well-formed XML (line 7")


def test_garbage_is_a_clear_error():
    with pytest.raises(FeedError, match=r"not a feed pmpath can read \(line \d+: not well-formed"):
        parse_feed(b"<<<>>> this is not a feed at all", url=URL)
    with pytest.raises(FeedError, match="no feed entries or title"):
        parse_feed(b"<note><to>Tove</to></note>", url=URL)
    with pytest.raises(FeedError, match="empty document"):
        parse_feed(b"  ", url=URL)


def test_a_web_page_is_not_taken_for_a_feed():
    with pytest.raises(FeedError, match="a web page, not a feed"):
        parse_feed(fixture("page.html"), url="https://pmnotes.example.test/")


@pytest.mark.parametrize(
    "name,headers",
    [
        ("windows-1252.xml", {"content-type": "application/rss+xml"}),
        ("utf16-bom.xml", {"content-type": "application/rss+xml"}),
        ("wrong-charset.xml", {"content-type": "application/rss+xml; charset=utf-8"}),
        ("wrong-charset.xml", {"content-type": "text/xml"}),
    ],
)
def test_odd_encodings_are_decoded(name, headers):
    feed = parse_feed(fixture(name), url="https://enc.example.test/feed", headers=headers)
    assert feed.title == "Café Product — Notes"
    (entry,) = feed.entries
    assert entry.title == "“Jobs to be done” naïvely explained"
    assert entry.summary_text == "Crème brûlée and the € price."


def test_an_old_rss_doctype_without_entity_declarations_is_read():
    feed = parse_feed(fixture("rss091-doctype.xml"), url="https://old.example.test/rss")
    assert feed.title == "Old School PM"
    # "<!ENTITY" inside CDATA is text, not a declaration
    assert "mentions <!ENTITY in passing" in feed.entries[0].summary_text


def test_a_billion_laughs_feed_is_refused_quickly():
    data = fixture("billion-laughs.xml")
    parse_feed(fixture("rss2.xml"), url=URL)  # warm: feedparser imported
    started = time.perf_counter()
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(data, url=URL, headers=XML)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.05, f"refusal took {elapsed * 1000:.1f} ms"


def test_entity_declarations_are_refused_in_any_encoding():
    text = fixture("billion-laughs.xml").decode()
    for encoded in (
        text.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>').encode(
            "utf-16"
        ),
        text.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16le"?>').encode(
            "utf-16-le"
        ),
        text.encode("utf-32"),
        b"\xef\xbb\xbf" + text.encode(),
    ):
        with pytest.raises(FeedError, match="declares XML entities"):
            refuse_entities(encoded)


def test_an_external_entity_is_refused():
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(fixture("external-entity.xml"), url=URL)


def test_discovery_finds_the_feeds_a_page_links_to():
    found = discover(fixture("page.html"), "https://pmnotes.example.test/about/")
    assert found == [
        "https://pmnotes.example.test/feed.xml",
        "https://pmnotes.example.test/atom.xml",
    ]


def test_discovery_ignores_links_that_are_not_http():
    page = (
        b'<html><head><link rel="alternate" type="application/rss+xml" href="javascript:x()">'
        b"</head></html>"
    )
    assert discover(page, "https://a.example.test/") == []


def test_links_with_control_characters_or_spaces_are_dropped():
    data = (
        b'<rss version="2.0"><channel><title>T</title><item><title>A</title>'
        b"<link>https://a.example.test/x y</link><guid>g1</guid></item></channel></rss>"
    )
    (entry,) = parse_feed(data, url=URL).entries
    assert entry.url == "" and entry.guid == "g1"
