"""Reads for the instance admin: accounts with how much each holds, as numbers only. Nothing
here selects a candidate's content, only counts of their rows."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
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


COUNTS_SECONDS = 60


def _counts_for(users: list[User]) -> dict[int, dict[str, int]]:
    """Each account's record counts, read for one page of accounts at a time with one grouped
    query per kind, and kept for a minute in the cache: counting a heavy account's hundred
    thousand rows on every view made the page take over a second."""
    # The join time too: an id can be reused (SQLite, after a deleted last account).
    keys = {u.pk: f"instance:counts:{u.pk}:{u.date_joined.timestamp()}" for u in users}
    ids = list(keys)
    found = cache.get_many(list(keys.values()))
    counts = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in ids if pk not in counts]
    if missing:
        fresh: dict[int, dict[str, int]] = {pk: dict.fromkeys(_counted(), 0) for pk in missing}
        for key, model in _counted().items():
            rows = (
                model.objects.filter(user_id__in=missing)
                .order_by()
                .values_list("user_id")
                .annotate(n=Count("pk"))
            )
            for user_id, n in rows:
                fresh[user_id][key] = n
        cache.set_many({keys[pk]: value for pk, value in fresh.items()}, COUNTS_SECONDS)
        counts.update(fresh)
    return counts


def users(*, search: str = "", page: Any = 1) -> Page:
    rows: QuerySet[User] = User.objects.only(
        "id", "username", "date_joined", "last_login", "is_active", "is_staff", "is_superuser"
    )
    if search.strip():
        rows = rows.filter(username__icontains=search.strip())
    shown = Paginator(rows.order_by("username", "id"), PAGE_SIZE).get_page(page)
    shown.object_list = list(shown.object_list)
    counts = _counts_for(shown.object_list)
    for user in shown.object_list:
        for key, value in counts[user.pk].items():
            setattr(user, key, value)
    return shown


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
