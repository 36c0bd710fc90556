"""The only module that knows about HTMX requests: views ask it whether to render the whole
page or one partial, so every page also works without JavaScript."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def is_htmx(request: HttpRequest) -> bool:
    # History restores ask for the whole page even though they come from htmx.
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render_page(
    request: HttpRequest,
    page: str,
    context: dict[str, Any],
    *,
    partial: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render `partial` for an htmx request when one is given, else the whole `page`."""
    template = partial if partial and is_htmx(request) else page
    response = render(request, template, context, status=status)
    response.headers["Vary"] = "HX-Request"
    return response


def trigger(response: HttpResponse, event: str) -> HttpResponse:
    response.headers["HX-Trigger"] = event
    return response
