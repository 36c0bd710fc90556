"""Access rules for views. Object pages answer 404 to anyone but the owner, the anonymous
visitor included, so an object's id reveals nothing about whether it exists."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def owner_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For views that take an object id: anonymous visitors get 404, not a log-in redirect.
    The view itself fetches the object with get_owned_or_404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            raise Http404("Not found.")
        return view(request, *args, **kwargs)

    return wrapper
