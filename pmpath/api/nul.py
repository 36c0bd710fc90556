"""API requests carrying a NUL character are refused before they reach a route.

The pages' forms already refuse them (Django's form fields do), but the API's JSON bodies and
query strings are read by pydantic, which accepts them, and PostgreSQL cannot store them in text:
without this a "\\u0000" in a field was a server error (found by schemathesis)."""

from __future__ import annotations

from collections.abc import Callable

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
    if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get(
        "QUERY_STRING", ""
    ):
        return True
    if request.method in ("POST", "PUT", "PATCH"):
        body = request.body  # API bodies are small JSON; the upload limit applies before this
        return b"\x00" in body or b"\\u0000" in body
    return False
