"""`pmpath feeds add|import-opml|export-opml|fetch|list`, through CliRunner and recorded
answers."""

import json

import httpx
from typer.testing import CliRunner

from pmpath.cli._django import CLIError
from pmpath.cli.main import app
from pmpath.trends.models import Entry, Feed
from tests.trends.fakes import FIXTURES, feed_answer, make_feed, replay

runner = CliRunner()
URL = "https://pmnotes.example.test/feed.xml"


def test_feeds_add_follows_and_fetches(alice):
    with replay({URL: feed_answer("rss2.xml")}):
        result = runner.invoke(app, ["feeds", "add", URL, "--user", "alice", "--tags", "growth"])
    assert result.exit_code == 0, result.output
    assert "Following Product Notes Weekly" in result.stdout and "3 entries" in result.stdout
    assert Feed.objects.get(user=alice).tags == "growth"


def test_feeds_add_says_why_an_address_failed(alice):
    with replay({}):
        result = runner.invoke(
            app, ["feeds", "add", "http://intranet.example.test/f", "--user", "alice"]
        )
    assert isinstance(result.exception, CLIError)
    assert "refused, intranet.example.test is a private" in str(result.exception)
    assert not str(result.exception).startswith("url:")


def test_feeds_import_and_export_opml(alice, tmp_path):
    result = runner.invoke(
        app, ["feeds", "import-opml", str(FIXTURES / "nested.opml"), "--user", "alice", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["added"]) == 3
    again = runner.invoke(
        app, ["feeds", "import-opml", str(FIXTURES / "nested.opml"), "--user", "alice"]
    )
    assert "Imported nested.opml: 0 new feeds; 3 already followed." in again.stdout
    out = tmp_path / "mine.opml"
    result = runner.invoke(app, ["feeds", "export-opml", "--user", "alice", "--out", str(out)])
    assert result.exit_code == 0 and b"https://habits.example.test/atom.xml" in out.read_bytes()
    printed = runner.invoke(app, ["feeds", "export-opml", "--user", "alice"])
    assert printed.stdout.startswith("<?xml version='1.0' encoding='UTF-8'?>")


def test_feeds_import_opml_refuses_a_bad_file(alice, tmp_path):
    bad = tmp_path / "bad.opml"
    bad.write_bytes((FIXTURES / "billion-laughs.xml").read_bytes())
    result = runner.invoke(app, ["feeds", "import-opml", str(bad), "--user", "alice"])
    assert isinstance(result.exception, CLIError)
    assert str(result.exception).startswith("bad.opml: the document declares XML entities")


def test_feeds_fetch_and_list(alice):
    make_feed(alice, url=URL)
    with replay({URL: feed_answer("rss2.xml")}):
        result = runner.invoke(app, ["feeds", "fetch", "--user", "alice", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["new"] == 3
    nothing = runner.invoke(app, ["feeds", "fetch", "--user", "alice"])  # not due any more
    assert "No feeds to fetch. (--all fetches them all)" in nothing.stdout
    with replay({URL: httpx.Response(304)}):
        forced = runner.invoke(app, ["feeds", "fetch", "--all"])
    assert "no change since the last fetch" in forced.stdout
    listed = json.loads(runner.invoke(app, ["feeds", "list", "--user", "alice", "--json"]).stdout)
    assert listed[0]["unread"] == 3 and listed[0]["entries"] == 3
    table = runner.invoke(app, ["feeds", "list", "--user", "alice"])
    assert "Product Notes" in table.stdout and "3/3" in table.stdout


def test_feeds_fetch_exits_non_zero_when_every_feed_failed(alice):
    make_feed(alice, url=URL)
    with replay({URL: httpx.Response(500)}):
        result = runner.invoke(app, ["feeds", "fetch"])
    assert result.exit_code == 1
    assert "the server answered HTTP 500" in result.stdout
    assert not Entry.objects.exists()
