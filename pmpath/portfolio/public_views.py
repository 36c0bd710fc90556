"""The public link: the candidate's published case studies, read-only, for anyone holding the
token. An unknown or revoked token, an unpublished case study and another user's image all
answer 404 alike, so a guessed address learns nothing."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from pmpath.portfolio import export, queries, services
from pmpath.portfolio.models import PublicLink
from pmpath.portfolio.views import image_response

# The pages need their stylesheet and images from this site, and nothing else.
POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)


def _link(token: str) -> PublicLink:
    link = queries.link_for_token(token)
    if link is None:
        raise Http404("No portfolio here.")
    return link


def _links(link: PublicLink) -> export.Links:
    # Every address is under the index's (see public_urls.py): one reverse, not one per row.
    index = reverse("public_portfolio:index", args=[link.token])
    return export.Links(
        index=index,
        css=static("pmpath/portfolio-site.css"),
        case=lambda c: f"{index}{c.slug}/",
        image=lambda a: f"{index}images/{a.pk}/",
    )


def _public(response: HttpResponse) -> HttpResponse:
    response["Content-Security-Policy"] = POLICY
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    # Revoking takes effect at once: no shared cache may keep a copy.
    response["Cache-Control"] = "no-store"
    return response


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return _public(render(request, template, context))


def index(request: HttpRequest, token: str) -> HttpResponse:
    link = _link(token)
    services.count_public_view(link)
    context = {
        "links": _links(link),
        "author": export.author_for(link.user),
        "exported_on": timezone.localdate(),
        "public": True,
        "cases": queries.published_list(link.user),
    }
    return _render(request, "portfolio/site/index.html", context)


def case_study(request: HttpRequest, token: str, slug: str) -> HttpResponse:
    link = _link(token)
    case = queries.published_case(link.user, slug)
    if case is None:
        raise Http404("No case study here.")
    context = {
        "links": _links(link),
        "author": export.author_for(link.user),
        "exported_on": timezone.localdate(),
        "public": True,
        **export.case_context(case, queries.skill_names()),
    }
    return _render(request, "portfolio/site/case_study.html", context)


def image(request: HttpRequest, token: str, pk: int) -> HttpResponseBase:
    link = _link(token)
    attachment = queries.public_attachment(link, pk)
    if attachment is None:
        raise Http404("No image here.")
    response = image_response(attachment)
    response["Cache-Control"] = "no-store"
    return response
