"""API requests carrying a NUL character are refused before they reach a route.

The pages' forms already refuse them (Django's form fields do), but the API's JSON bodies and
query strings are read by pydantic, which accepts them, and PostgreSQL cannot store them in text:
without this a "\\u0000" in a field was a server error (found by schemathesis)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

API_PREFIX = "/api/"
MESSAGE = "text may not contain NUL characters (\\u0000)"


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX) and _carries_nul(request):
            return JsonResponse({"detail": MESSAGE}, status=422)
        return self.get_response(request)


def _carries_nul(request: HttpRequest) -> bool:
    if any("\x00" in value for _, values in request.GET.lists() for value in values):
        return True
    if request.method not in ("POST", "PUT", "PATCH"):
        return False
    body = request.body  # API bodies are small JSON; the upload limit applies before this
    if b"\x00" in body:
        return True
    if b"\\u0000" not in body:  # the only way JSON spells NUL inside a string
        return False
    try:
        return _has_nul(json.loads(body))
    except ValueError:
        return False  # not JSON: the route answers that itself


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False
