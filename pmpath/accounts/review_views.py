"""The reviewer's side of sharing: accept an invitation link, list what was shared with me, read
one shared object (read-only, no links into the candidate's other data) and leave feedback.

Every page answers 404 to anyone but the accepted reviewer, and from the moment the candidate
revokes the share or it expires; nothing is cached on the way, so revocation is immediate."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pmpath.accounts import review_queries, share_queries, share_services
from pmpath.accounts.forms import CommentForm
from pmpath.accounts.models import Share
from pmpath.accounts.share_services import ShareError

R = TypeVar("R", bound=HttpResponseBase)


def _private(response: R) -> R:
    # Another person's data: never kept by a shared cache or the browser's back button, never
    # indexed. The site-wide Referrer-Policy (same-origin) already keeps the address from other
    # sites; "no-referrer" here would make browsers send "Origin: null" with the page's forms,
    # which the CSRF check rightly refuses.
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def reviewer_view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Loads the live share for this reviewer and passes it to the view: anonymous visitors
    and everyone else get a 404, like owner_view."""

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponseBase:
        share = share_queries.share_for_reviewer(request.user, pk)
        return _private(view(request, share, *args, **kwargs))

    return wrapper


@login_required
def shared_with_me(request: HttpRequest) -> HttpResponse:
    shares = list(share_queries.shared_with(request.user)[:500])
    context = {
        "shares": shares,
        "titles": share_queries.titles_for(shares),
        "names": review_queries.display_names([s.user for s in shares]),
        "kind_names": share_queries.KIND_NAMES,
    }
    return _private(render(request, "accounts/review/shared_with_me.html", context))


def invite(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation link. A stranger is asked to log in or sign up; a signed-in person sees
    what is offered and accepts. A spent, revoked or expired link is a 404."""
    share = share_queries.pending_share(token)
    if share is None:
        raise Http404("Nothing shared here.")
    user = request.user
    if share.accepted_at is not None:
        if user.is_authenticated and share.reviewer_id == user.pk:
            return redirect("review:shared", share.pk)
        raise Http404("Nothing shared here.")
    if request.method == "POST":
        if not user.is_authenticated:
            raise Http404("Nothing shared here.")
        try:
            accepted = share_services.accept_share(user, token=token)
        except ShareError as exc:
            messages.error(request, str(exc))
            return redirect("review:invite", token)
        messages.success(request, "Accepted. You can read it here until they end the share.")
        return redirect("review:shared", accepted.pk)
    here = reverse("review:invite", args=[token])
    context = {
        "share": share,
        "token": token,
        "here": here,
        "own": user.is_authenticated and share.user_id == user.pk,
        "sender": share_queries.display_name(share.user),
        "what": share_queries.KIND_NAMES.get(share.kind, share.kind),
    }
    return _private(render(request, "accounts/review/invite.html", context))


def _base(share: Share) -> dict[str, Any]:
    return {
        "share": share,
        "sender": share_queries.display_name(share.user),
        "comments": share_queries.comments_on(share),
        "comment_form": CommentForm(),
        "what": share_queries.KIND_NAMES.get(share.kind, share.kind),
    }


@reviewer_view
def shared(request: HttpRequest, share: Share) -> HttpResponse:
    share_services.record_view(share)
    context = _base(share)
    context.update(review_queries.shared_object(share))
    return render(request, f"accounts/review/{share.kind}.html", context)


@reviewer_view
def shared_case(request: HttpRequest, share: Share, case_id: int) -> HttpResponse:
    """A case study of a shared portfolio: published ones only, as the portfolio shows."""
    if share.kind != "portfolio":
        raise Http404("Nothing shared here.")
    context = _base(share)
    context.update(review_queries.portfolio_case(share, case_id))
    return render(request, "accounts/review/case_study.html", context)


@reviewer_view
def shared_image(request: HttpRequest, share: Share, image_id: int) -> HttpResponseBase:
    from pmpath.portfolio.views import image_response

    response = image_response(review_queries.shared_attachment(share, image_id))
    return response


@reviewer_view
@require_POST
def comment(request: HttpRequest, share: Share) -> HttpResponse:
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            share_services.add_comment(
                request.user, share_id=share.pk, body=form.cleaned_data["body"]
            )
        except ShareError as exc:
            messages.error(request, str(exc).partition(": ")[2] or str(exc))
        else:
            messages.success(request, "Feedback saved. The candidate sees it on their page.")
    else:
        messages.error(request, "Write your feedback first (up to 5,000 characters).")
    return redirect(f"{reverse('review:shared', args=[share.pk])}#feedback")
