"""Searching entries. On SQLite, the FTS5 index of migration 0002 answers which entries
contain every word (as a word prefix: "pric" finds "pricing"), so a search that matches little
reads an index, not every entry's text. On PostgreSQL, each word is matched with ILIKE over the
title, text and note."""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

MAX_WORDS = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def words(q: str) -> list[str]:
    return _WORD.findall(q or "")[:MAX_WORDS]


def match_expression(found: list[str]) -> str:
    """FTS5 query: every word, each as a quoted prefix (quotes keep FTS syntax out)."""
    return " ".join(f'"{w}"*' for w in found)


def search(rows: QuerySet, q: str) -> QuerySet:
    found = words(q)
    if not found:
        return rows
    if connection.vendor == "sqlite":
        sql = "SELECT rowid FROM trends_entry_fts WHERE trends_entry_fts MATCH %s"
        return rows.filter(id__in=RawSQL(sql, [match_expression(found)]))
    for word in found:
        rows = rows.filter(
            Q(title__icontains=word) | Q(summary_text__icontains=word) | Q(note__icontains=word)
        )
    return rows
