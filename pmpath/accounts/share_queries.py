"""Reads for reviewer shares: what a candidate shared and with whom, what a reviewer may read,
and the feedback left on an object. Each is a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from pmpath.accounts.models import ReviewComment, Share
from pmpath.core.models import get_owned_or_404

# What each kind of share points at: the model and how its title reads.
KIND_NAMES = dict(Share._meta.get_field("kind").choices)  # type: ignore[arg-type]


def _live() -> Q:
    now = timezone.now()
    return Q(revoked_at__isnull=True) & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def target_model(kind: str) -> Any:
    from pmpath.interview.models import Mock
    from pmpath.jobs.models import Application
    from pmpath.portfolio.models import CaseStudy

    return {"mock": Mock, "case_study": CaseStudy, "application": Application}.get(kind)


def owned_target(user: Any, kind: str, object_id: int) -> Any:
    """The object `user` wants to share: theirs, or a 404. A portfolio is the user's own."""
    if kind == "portfolio":
        return user
    model = target_model(kind)
    if model is None:
        raise Http404("Nothing to share here.")
    return get_owned_or_404(model, user, pk=object_id)


def title_of(kind: str, target: Any) -> str:
    if kind == "portfolio":
        return "Portfolio"
    if kind == "application":
        company = target.company.name if target.company_id else ""
        return f"{target.role_title} · {company}" if company else target.role_title
    return str(target.title)


def titles_for(shares: list[Share]) -> dict[int, str]:
    """Titles of the shared objects, one query per kind present (four at most)."""
    ids: dict[str, set[int]] = {}
    for share in shares:
        ids.setdefault(share.kind, set()).add(share.object_id)
    found: dict[tuple[str, int], str] = {}
    for kind, pks in ids.items():
        model = target_model(kind)
        if model is None:
            continue
        rows = model.objects.filter(pk__in=pks)
        if kind == "application":
            rows = rows.select_related("company").only("id", "role_title", "company__name")
        else:
            rows = rows.only("id", "title")
        found.update({(kind, row.pk): title_of(kind, row) for row in rows})
    result: dict[int, str] = {}
    for share in shares:
        if share.kind == "portfolio":
            result[share.pk] = "Portfolio (published case studies)"
        else:
            result[share.pk] = found.get((share.kind, share.object_id), "(deleted)")
    return result


# --- the candidate's side -------------------------------------------------------------------


@dataclass
class ObjectSharing:
    """The sharing panel on an object's own page: who can read it and what they wrote."""

    kind: str
    object_id: int
    shares: list[Share]
    comments: list[ReviewComment]
    more_comments: bool = False

    @property
    def live(self) -> list[Share]:
        return [s for s in self.shares if is_live(s)]


def is_live(share: Share) -> bool:
    if share.revoked_at is not None:
        return False
    return share.expires_at is None or share.expires_at > timezone.now()


# An object's page shows this many of its shares and comments at most, newest first; the
# sharing page lists every share with its comment count.
PANEL_SHARES = 50
PANEL_COMMENTS = 100


def sharing_for(user: Any, kind: str, object_id: int) -> ObjectSharing:
    """Two queries: the object's shares with their reviewers, and the comments on them."""
    shares = list(
        Share.objects.owned_by(user)
        .filter(kind=kind, object_id=object_id)
        .select_related("reviewer")
        .order_by("-created_at", "-id")[:PANEL_SHARES]
    )
    comments: list[ReviewComment] = []
    if shares:
        comments = list(
            ReviewComment.objects.owned_by(user)
            .filter(share__kind=kind, share__object_id=object_id)
            .select_related("author")
            .only("id", "body", "created_at", "share_id", "author__username")
            .order_by("-created_at", "-id")[: PANEL_COMMENTS + 1]
        )
    more = len(comments) > PANEL_COMMENTS
    return ObjectSharing(kind, object_id, shares, comments[:PANEL_COMMENTS], more)


def shares_of(user: Any) -> QuerySet[Any]:
    """Every share the candidate made, newest first, with its reviewer and comment count."""
    return (
        Share.objects.owned_by(user)
        .select_related("reviewer")
        .annotate(comment_count=Count("comments"))
        .order_by("-created_at", "-id")
    )


# --- the reviewer's side --------------------------------------------------------------------


def shared_with(reviewer: Any) -> QuerySet[Share]:
    """What others shared with this reviewer and can still be read."""
    if not getattr(reviewer, "is_authenticated", False):
        return Share.objects.none()
    return (
        Share.objects.filter(_live(), reviewer=reviewer, user__is_active=True)
        .select_related("user")
        .annotate(comment_count=Count("comments"))
        .order_by("-accepted_at", "-id")
    )


def share_for_reviewer(reviewer: Any, pk: int) -> Share:
    """A live share this reviewer accepted, with its candidate; 404 for anyone else, and from
    the moment it is revoked or expires."""
    if not getattr(reviewer, "is_authenticated", False):
        raise Http404("Nothing shared here.")
    share = (
        Share.objects.filter(_live(), pk=pk, reviewer=reviewer, user__is_active=True)
        .select_related("user")
        .first()
    )
    if share is None:
        raise Http404("Nothing shared here.")
    return share


def pending_share(token: str) -> Share | None:
    """The live share behind an invitation link, accepted or not; None for a bad token."""
    if not token or len(token) > 64:
        return None
    return (
        Share.objects.filter(_live(), token=token, user__is_active=True)
        .select_related("user", "reviewer")
        .first()
    )


def comments_on(share: Share) -> list[ReviewComment]:
    return list(share.comments.select_related("author").order_by("created_at", "id"))


def display_name(user: Any) -> str:
    """How a candidate is named to their reviewer: the profile's display name, else the
    username."""
    from pmpath.career import queries as career

    profile = career.profile_for(user)
    name = getattr(profile, "display_name", "") if profile is not None else ""
    return str(name or user.get_username())
