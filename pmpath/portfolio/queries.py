"""Reads for the portfolio: each a constant number of queries whatever the data size."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pmpath.portfolio.models import CaseStudy


def case_studies(user: Any) -> QuerySet[CaseStudy]:
    return CaseStudy.objects.owned_by(user)
