"""Requests too large to read are refused from their Content-Length, before Django reads a
byte of the body: a 2 GB upload is answered in milliseconds and never touches the disk. Each
upload form then applies its own, smaller limit, and each importer its own bounds on what is
inside the file (docs/security.md, "Uploads and imports")."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def too_large_message(length: int) -> str:
    limit = settings.MAX_REQUEST_BYTES // 2**20
    return (
        f"The upload is {length / 2**20:,.0f} MB; the limit is {limit} MB. "
        "Nothing was stored. Split the file or trim it, and try again."
    )


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = (request.META.get("CONTENT_LENGTH") or "").strip()
        if declared.isdigit() and int(declared) > settings.MAX_REQUEST_BYTES:
            message = too_large_message(int(declared))
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return render(request, "security/too_large.html", {"message": message}, status=413)
        return self.get_response(request)
