"""Reads for interview practice: each a constant number of queries whatever the data size."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from pmpath.interview.models import CATEGORIES, Question


def bank_counts(user: Any) -> list[tuple[str, str, int]]:
    """(category, label, questions visible to the user) for every category, in order."""
    found = dict(
        Question.objects.visible_to(user)
        .values_list("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    return [(key, label, found.get(key, 0)) for key, label in CATEGORIES]
