"""Template context shared by every Jinja page.

Django's Jinja backend gives templates `csrf_input` and `csrf_token` as lazy values that mask a
fresh token every time one is printed: a page with a hundred small forms (a list with a button
on each row) paid for a hundred maskings, about 60 µs each. Here each is worked out once per
request, on first use, and printed as often as needed; any masking of the session's secret is
valid. Still lazy: a page that prints no form never asks for a token, so it sets no CSRF cookie
(which would keep the page out of the page cache)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.html import format_html


class _Once:
    """A string worked out on first use and kept. Jinja prints it through `__html__`: it is
    markup Django built (a hidden input) or a token of letters and digits."""

    __slots__ = ("_compute", "_value")

    def __init__(self, compute: Callable[[], str]) -> None:
        self._compute = compute
        self._value: str | None = None

    def __str__(self) -> str:
        if self._value is None:
            self._value = self._compute()
        return self._value

    __html__ = __str__


def csrf(request: HttpRequest) -> dict[str, Any]:
    kept = getattr(request, "_pmpath_csrf", None)
    if kept is None:
        token = _Once(lambda: get_token(request))
        field = _Once(
            lambda: format_html(
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', str(token)
            )
        )
        kept = request._pmpath_csrf = {"csrf_token": token, "csrf_input": field}  # type: ignore[attr-defined]
    return kept
