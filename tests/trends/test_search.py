"""Searching entries: every word must match (title, text or the reader's note), as a word
prefix on SQLite's full-text index; the index follows inserts, edits and deletes."""

import pytest
from django.db import connection

from pmpath.trends import queries, services
from pmpath.trends.models import Entry
from pmpath.trends.search import match_expression, words
from tests.trends.fakes import make_entries, make_feed


def found(user, q):
    return [e.title for e in queries.river(user, view="all", q=q).entries]


@pytest.fixture
def entries(alice):
    feed = make_feed(alice)
    rows = make_entries(feed, 3)
    Entry.objects.filter(pk=rows[0].pk).update(
        title="Usage-based pricing", summary_text="Crème de la crème of billing"
    )
    Entry.objects.filter(pk=rows[1].pk).update(title="Onboarding checklists")
    return rows


def test_every_word_must_match_in_title_text_or_note(alice, entries):
    assert found(alice, "pricing billing") == ["Usage-based pricing"]
    assert found(alice, "pricing onboarding") == []
    assert found(alice, "ONBOARDING") == ["Onboarding checklists"]


def test_a_note_saved_later_is_found(alice, entries):
    assert found(alice, "quotable") == []
    services.save_note(alice, entry_id=entries[2].pk, note="Very quotable for interviews")
    assert found(alice, "quotable") == ["Entry 2"]


def test_deleted_entries_are_not_found(alice, entries):
    Entry.objects.filter(pk=entries[1].pk).delete()
    assert found(alice, "onboarding") == []


def test_other_peoples_entries_are_never_found(alice, bob, entries):
    assert found(bob, "pricing") == []


def test_search_syntax_cannot_break_the_query(alice, entries):
    for q in ['"', "pricing OR", "NEAR(", "*", "a:b", "-pricing", "(pricing"]:
        queries.river(alice, view="all", q=q)  # no error
    assert words('"pricing" -- AND (billing') == ["pricing", "AND", "billing"]
    assert match_expression(["pricing", "AND"]) == '"pricing"* "AND"*'


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index is SQLite's")
def test_on_sqlite_words_match_as_prefixes_and_without_accents(alice, entries):
    assert found(alice, "pric") == ["Usage-based pricing"]
    assert found(alice, "creme") == ["Usage-based pricing"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index is SQLite's")
def test_the_full_text_triggers_survive_every_migration(db):
    # Django rebuilds a SQLite table for some schema changes, and a rebuilt table loses its
    # triggers: a later migration of trends_entry must recreate them (see migration 0002).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'trends_entry'"
        )
        names = sorted(row[0] for row in cursor.fetchall())
    assert names == [
        "trends_entry_fts_delete",
        "trends_entry_fts_insert",
        "trends_entry_fts_update",
    ]
