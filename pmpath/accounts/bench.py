"""Accounts: heavy-user data and pages for the benchmark."""

import random
from typing import Any

from pmpath.accounts.models import ReviewComment, Share, User
from pmpath.accounts.services import create_token
from pmpath.bench.registry import Page, first_id, generator, not_pages, object_ids, page

PEER = "heavy-peer"  # starts with "heavy": rebuilt and removed with the heavy users


@generator("accounts.tokens", order=20)
def tokens(user: Any, rng: random.Random, scale: float) -> str:
    count = max(1, round(25 * scale))
    for index in range(count):
        create_token(user, name=f"script {index + 1}")
    return f"{count} API tokens"


def _ids(model: Any, user: Any, limit: int) -> list[int]:
    return list(model.objects.owned_by(user).order_by("id").values_list("id", flat=True)[:limit])


@generator("accounts.shares", order=900)
def shares(user: Any, rng: random.Random, scale: float) -> str:
    """The heavy user shares some of everything with a peer, who comments; the peer shares a
    case study back; the heavy user is an instance admin with a crowd of other accounts."""
    from pmpath.interview.models import Mock
    from pmpath.jobs.models import Application
    from pmpath.portfolio.models import CaseStudy

    peer, _ = User.objects.get_or_create(username=PEER)
    count = max(2, round(20 * scale))
    targets = [("portfolio", 0)]
    for kind, model in (("mock", Mock), ("case_study", CaseStudy), ("application", Application)):
        targets += [(kind, pk) for pk in _ids(model, user, count)]
    made = [
        Share(
            user=user,
            kind=kind,
            object_id=pk,
            token=f"bench-{user.pk}-{index}-{rng.getrandbits(64):x}",
            reviewer=peer if index % 2 == 0 else None,
        )
        for index, (kind, pk) in enumerate(targets)
    ]
    Share.objects.bulk_create(made)
    accepted = [s for s in Share.objects.owned_by(user) if s.reviewer_id]
    ReviewComment.objects.bulk_create(
        ReviewComment(
            user=user, share=s, author=peer, body=f"Feedback {n + 1}: tighten the opening."
        )
        for s in accepted
        for n in range(3)
    )
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from pmpath.accounts.models import SignupInvitation
    from pmpath.portfolio.bench import _png
    from pmpath.portfolio.models import Attachment

    case = CaseStudy.objects.create(
        user=peer, title="A peer's case study", slug=f"peer-case-{user.pk}"
    )
    image = Attachment(user=peer, case_study=case, caption="A sketch", alt="A sketch")
    image.image.save(f"peer-{user.pk}.png", ContentFile(_png(rng)), save=False)
    image.save()
    SignupInvitation.objects.create(
        token=f"bench-invite-{user.pk}-{rng.getrandbits(64):x}",
        note="A new cohort member",
        created_by=user,
        expires_at=timezone.now() + timezone.timedelta(days=7),
    )
    Share.objects.create(
        user=peer,
        kind="case_study",
        object_id=case.pk,
        token=f"bench-peer-{user.pk}",
        reviewer=user,
    )
    User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
    crowd = max(10, round(300 * scale))
    User.objects.bulk_create(
        User(username=f"heavy-crowd-{user.pk}-{n:05d}", password="!") for n in range(crowd)
    )
    return f"{len(made)} shares, {3 * len(accepted)} comments, admin over {crowd} more accounts"


def _first(**filters: Any) -> Share | None:
    return Share.objects.filter(**filters).order_by("id").first()


def _pending_token(user: Any) -> str:
    share = _first(user=user, reviewer__isnull=True, revoked_at__isnull=True)
    return share.token if share else "none"


def _reviewing(user: Any) -> int:
    share = _first(reviewer=user)
    return share.pk if share else 0


page(Page("settings", "accounts:settings", lambda u: "/accounts/settings/"))
page(Page("password change", "accounts:password_change", lambda u: "/accounts/password/"))
page(Page("log in (anonymous)", "accounts:login", lambda u: "/accounts/login/", auth="none"))
page(Page("sign up (anonymous)", "accounts:signup", lambda u: "/accounts/signup/", auth="none"))
page(Page("sharing: my shares", "accounts:shares", lambda u: "/accounts/shares/"))
page(Page("review: shared with me", "review:shared_with_me", lambda u: "/review/"))
page(
    Page(
        "review: invitation (anonymous)",
        "review:invite",
        lambda u: f"/review/invite/{_pending_token(u)}/",
        auth="none",
    )
)
page(Page("review: a shared case study", "review:shared", lambda u: f"/review/{_reviewing(u)}/"))
page(Page("instance: overview", "instance:overview", lambda u: "/instance/"))
page(Page("instance: users", "instance:users", lambda u: "/instance/users/"))
page(Page("instance: invitations", "instance:invitations", lambda u: "/instance/invitations/"))
not_pages(
    "accounts:logout",
    "accounts:token_revoke",
    "accounts:share_create",
    "accounts:share_revoke",
    "review:case",  # a portfolio share's case study: the same reads as review:shared
    "review:image",  # a file
    "review:comment",
    "instance:registration",
    "instance:user_active",
    "instance:user_admin",
    "instance:invitation_revoke",
)


def _reviewed_case(user: Any) -> dict[str, int]:
    """A case study shared with `user` for review, and one of its images."""
    from pmpath.portfolio.models import Attachment

    share = _first(reviewer=user, kind="case_study")
    if share is None:
        return {"pk": 0, "case_id": 0, "image_id": 0}
    image = Attachment.objects.filter(case_study_id=share.object_id).order_by("id").first()
    return {"pk": share.pk, "case_id": share.object_id, "image_id": image.pk if image else 0}


def _invitation(user: Any) -> dict[str, int]:
    from pmpath.accounts.models import SignupInvitation

    found = SignupInvitation.objects.filter(created_by=user).order_by("id").first()
    return {"pk": found.pk if found else 0}


# Routes that act on one object but are not pages (tests/core/test_isolation.py). The instance
# routes take any account's id; only admins get past the 404.
object_ids("accounts:token_revoke", lambda u: {"token_id": first_id("accounts.APIToken", u)})
object_ids("accounts:share_revoke", lambda u: {"pk": first_id(Share, u)})
object_ids("instance:user_active", lambda u: {"pk": u.pk})
object_ids("instance:user_admin", lambda u: {"pk": u.pk})
object_ids("instance:invitation_revoke", _invitation)
object_ids("review:case", lambda u: {k: v for k, v in _reviewed_case(u).items() if k != "image_id"})
object_ids("review:image", lambda u: {k: v for k, v in _reviewed_case(u).items() if k != "case_id"})
