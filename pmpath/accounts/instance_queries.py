"""Reads for the instance admin: accounts with how much each holds, as numbers only. Nothing
here selects a candidate's content, only counts of their rows."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from pmpath.accounts.models import SignupInvitation, User

PAGE_SIZE = 50


def _counted() -> dict[str, Any]:
    """What the users table counts per account: label -> model. Imported late so accounts
    does not depend on the areas at import time."""
    from pmpath.interview.models import Attempt, Mock
    from pmpath.jobs.models import Application
    from pmpath.network.models import Contact
    from pmpath.portfolio.models import CaseStudy

    return {
        "applications": Application,
        "contacts": Contact,
        "mocks": Mock,
        "answers": Attempt,
        "case_studies": CaseStudy,
    }


COUNT_LABELS = {
    "applications": "Applications",
    "contacts": "Contacts",
    "mocks": "Mocks",
    "answers": "Practice answers",
    "case_studies": "Case studies",
}


def _count_of(model: Any) -> Coalesce:
    # One correlated subquery per column: joining five tables and grouping would multiply rows.
    rows = (
        model.objects.filter(user=OuterRef("pk"))
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def users(*, search: str = "", page: Any = 1) -> Page:
    rows: QuerySet[User] = User.objects.only(
        "id", "username", "date_joined", "last_login", "is_active", "is_staff", "is_superuser"
    )
    if search.strip():
        rows = rows.filter(username__icontains=search.strip())
    rows = rows.annotate(**{key: _count_of(model) for key, model in _counted().items()})
    return Paginator(rows.order_by("username", "id"), PAGE_SIZE).get_page(page)


def totals() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "active": User.objects.filter(is_active=True).count(),
        "admins": User.objects.filter(is_staff=True).count(),
    }


def invitations() -> list[SignupInvitation]:
    return list(SignupInvitation.objects.select_related("used_by", "created_by")[:200])


def invitation_state(invitation: SignupInvitation) -> str:
    if invitation.used_at is not None:
        return "used"
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.expires_at <= timezone.now():
        return "expired"
    return "open"
