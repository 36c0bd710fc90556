"""The posting list's order can be read straight from an index on both databases, so a page of
postings costs the same at 100 or 100,000 (on PostgreSQL the order is `posted_on DESC NULLS
LAST`, which the model's `posting_list` index, NULLs first, cannot serve)."""

from __future__ import annotations

import pytest
from django.db import connection

from pmpath.jobs.queries import postings


@pytest.mark.django_db
def test_a_page_of_postings_needs_no_sort(alice):
    page = postings(alice)[:50]
    sql, params = page.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Whatever the table's size and statistics, make a sort the last resort: it then
            # appears only where no index can give the order.
            for method in ("seqscan", "bitmapscan", "sort"):
                cursor.execute(f"SET LOCAL enable_{method} = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = "\n".join(str(row) for row in cursor.fetchall())
    assert "Sort" not in plan and "TEMP B-TREE" not in plan, plan
