"""The Content-Security-Policy header, on every response.

Django 5.2 has no CSP support of its own and the policy is one fixed string, so a few lines
here do the job without a dependency. No 'unsafe-inline' and no 'unsafe-eval' for scripts or
styles: every script and style is a static file (see docs/security.md for the audit). A view may
widen the policy for its own response by setting `response.csp_extra`, e.g.
{"img-src": "blob:"}; nothing does so today."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    # Feed entries and imported descriptions may show pictures from other https sites.
    "img-src": "'self' data: https:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
HEADER = "Content-Security-Policy"


def render_policy(extra: dict[str, str] | None = None) -> str:
    policy = dict(POLICY)
    for directive, sources in (extra or {}).items():
        policy[directive] = f"{policy.get(directive, '')} {sources}".strip()
    return "; ".join(f"{directive} {sources}" for directive, sources in policy.items())


DEFAULT = render_policy()


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if HEADER not in response:
            extra = getattr(response, "csp_extra", None)
            response[HEADER] = render_policy(extra) if extra else DEFAULT
        return response
