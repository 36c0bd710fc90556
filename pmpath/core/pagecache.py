"""The per-user page cache of hosted mode.

A signed-in person's pages depend on their own data (and on the shared catalogue), so a page
rendered once can be served again until that data changes. Each user has a *generation*
number in the shared cache (Redis), and so does the catalogue; a page is stored with the
generations it was rendered at and read in the same round trip as the current ones, so bumping
a generation retires every page built on the old data at once, without finding them.

Generations (pmpath/core/generation.py) move on every save or delete of a user's rows, after
bulk writes, and here, after every unsafe request (POST, PUT, PATCH, DELETE) a signed-in
person makes, whatever its outcome.

Only pages of the owner's own areas, the API's reads (see CACHED_NAMESPACES) and the account
pages marked `own_data` (settings, password, sharing) are cached; log-in, reviewer, admin and
public pages never are. An API call made with a token is matched
to its owner through a short-lived map from the token's hash to the user, filled after the
token has been checked once and dropped when the token is changed or deleted; revoking a token
or deactivating its owner moves the owner's generation too, so nothing cached is served for it
again. A page is never served from the cache while flash
messages wait, and entries live at most PMPATH_PAGE_CACHE_SECONDS, which bounds how long a
relative date ("2 hours ago") can drift. The key includes the session's CSRF cookie, so forms
in a cached page carry a token valid for that browser.

A page served from the cache reads nothing from the database, not even the user: the session
names them. That is safe because a page is stored only from a request whose user Django loaded
and checked (the session's password-derived hash included), under a key that includes that
hash, and because any change to the user row (a new password, deactivation) moves the user's
generation, which retires every page stored before it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from pmpath.core import generation

# The areas whose pages show only the signed-in person's own data and the catalogue.
CACHED_NAMESPACES = frozenset(
    {
        "core", "jobs", "network", "interview", "career", "portfolio", "matching", "trends",
        "coach", "api",
    }
)  # fmt: skip
API = "api"
TOKEN = "pc:tok:"  # + the token's SHA-256 → its owner's id
# What a view sets that a hit must carry again (the middleware outside add the rest: a view's
# own Content-Security-Policy, a download's or an image's, stands in for the default).
KEPT_HEADERS = (
    "Content-Type", "Content-Disposition", "HX-Trigger", "HX-Push-Url", "Vary",
    "Cache-Control", "Content-Security-Policy",
)  # fmt: skip
MAX_BYTES = 4 * 1024 * 1024


def enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def exempt(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a view whose page must never be cached (it shows someone else's data, or changes
    on every visit)."""
    view.page_cache_exempt = True  # type: ignore[attr-defined]
    return view


def own_data(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a view whose page shows only its user's own rows, so it is cached like the areas'
    pages: outside CACHED_NAMESPACES (an account's settings), or a download of their own data
    that tells browsers to keep no copy ("no-store")."""
    view.page_cache_own = True  # type: ignore[attr-defined]
    return view


def _cacheable_view(request: HttpRequest, view: Callable[..., Any]) -> bool:
    match = request.resolver_match
    if match is None or getattr(view, "page_cache_exempt", False):
        return False
    if getattr(view, "page_cache_own", False):
        return True
    return bool(match.namespaces) and match.namespaces[0] in CACHED_NAMESPACES


def _key(request: HttpRequest, user_id: int) -> str:
    session = getattr(request, "session", None)
    parts = "\x00".join(
        (
            request.method or "GET",
            request.get_full_path(),
            request.headers.get("HX-Request", ""),
            request.headers.get("HX-Target", ""),
            request.headers.get("Accept", "")[:100],
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
            str(session.get(HASH_SESSION_KEY, "")) if session is not None else "",
            timezone.localdate().isoformat(),
        )
    )
    digest = hashlib.blake2b(parts.encode(), digest_size=16).hexdigest()
    return f"pc:page:{user_id}:{digest}"


def _bearer(request: HttpRequest) -> str | None:
    scheme, _, raw = request.headers.get("Authorization", "").partition(" ")
    return (raw.strip() or None) if scheme.lower() == "bearer" else None


def token_key(key_hash: str) -> str:
    return TOKEN + key_hash


def _token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()  # as accounts.services stores it


def _owner(request: HttpRequest) -> int | None:
    """Whose page this is: the token's owner for an API call with a token (the token wins
    over a session there, as in the API's own authentication), else the session's user."""
    resolver = request.resolver_match
    if resolver is not None and resolver.namespaces[:1] == [API]:
        raw = _bearer(request)
        if raw is not None:
            found = cache.get(token_key(_token_hash(raw)))
            if found is None:
                request._page_cache_token = raw  # type: ignore[attr-defined]
                return None
            # Checked by the API when the map was filled, and dropped when the token changes.
            request._page_cache_checked = True  # type: ignore[attr-defined]
            return found if isinstance(found, int) else None
    return _session_owner(request)


def _session_owner(request: HttpRequest) -> int | None:
    """The signed-in user's id as the session holds it, without loading the user: a page in the
    cache was stored by a request whose user was loaded and checked (see `process_view`), under
    a key that includes the session's password-derived hash, and any change to the user row
    (a new password, deactivation) moves their generation, which retires that page."""
    session = getattr(request, "session", None)
    raw = session.get(SESSION_KEY) if session is not None else None
    try:
        return int(raw) if raw is not None else None
    except (TypeError, ValueError):
        return None


def _remember_token(request: HttpRequest, response: HttpResponse) -> None:
    """After the API has checked a token itself: map it to its owner for the next call (not
    this one's page: its generation would have to be read before the view read the data)."""
    raw = getattr(request, "_page_cache_token", None)
    user = getattr(request, "user", None)
    if raw and response.status_code == 200 and user is not None and user.is_authenticated:
        cache.set(token_key(_token_hash(raw)), user.pk, settings.PAGE_CACHE_SECONDS)


def _waiting_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _only_renews_csrf(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the response's one cookie is the browser's own CSRF cookie sent again (Django
    renews it whenever a page uses the token; a view's own `csrf_protect` does so inside the
    view). A hit needs no renewal: the browser keeps the cookie it has."""
    name = settings.CSRF_COOKIE_NAME
    sent = response.cookies.get(name)
    return (
        len(response.cookies) == 1 and sent is not None and sent.value == request.COOKIES.get(name)
    )


def _pack(
    request: HttpRequest, response: HttpResponse
) -> tuple[bytes, list[tuple[str, str]]] | None:
    if response.status_code != 200 or response.streaming:
        return None
    if response.cookies and not _only_renews_csrf(request, response):
        return None
    # "no-store" tells browsers and shared caches to keep no copy. A view marked `own_data`
    # (a download of the person's own resume) is kept here like any of their pages; any other
    # view that says it (a token shown once) is never stored.
    if "no-store" in response.get("Cache-Control", "") and not getattr(
        request, "_page_cache_own", False
    ):
        return None
    body = response.content
    if len(body) > MAX_BYTES:
        return None
    return body, [(h, response[h]) for h in KEPT_HEADERS if response.has_header(h)]


class PageCacheMiddleware:
    """Sits after authentication and messages. See the module's docstring.

    The lookup happens in `process_view`, once Django has resolved the address (so the view's
    namespace is known without resolving it a second time), and a page served from the cache
    still passes back through every middleware's response phase (security headers included)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            # Whatever the outcome, and with the page cache off too (the coach's cache keys on
            # the same generations): a write that sent no signals is seen on the next page.
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                generation.touch(user.pk)
            return response
        if not enabled():
            return response
        _remember_token(request, response)
        key = getattr(request, "_page_cache_key", None)
        if key is not None and "X-Page-Cache" not in response:
            packed = _pack(request, response)
            if packed is not None and not _waiting_messages(request):
                # Stored with the generations read before the view read any data.
                value = (request._page_cache_generations, *packed)  # type: ignore[attr-defined]
                cache.set(key, value, settings.PAGE_CACHE_SECONDS)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if (
            not enabled()
            or request.method not in ("GET", "HEAD")
            or not _cacheable_view(request, view)
            or _waiting_messages(request)
        ):
            return None
        owner = _owner(request)
        if owner is None:
            return None
        key = _key(request, owner)
        # One round trip: the generations and the page, kept with those it was rendered at.
        generations, found = generation.current_with(owner, [key])
        hit = found.get(key)
        if hit is None or hit[0] != generations:
            # Only a page rendered for a user Django has loaded and checked is stored.
            if not getattr(request, "_page_cache_checked", False) and request.user.pk != owner:
                return None
            request._page_cache_key = key  # type: ignore[attr-defined]
            request._page_cache_own = getattr(view, "page_cache_own", False)  # type: ignore[attr-defined]
            request._page_cache_generations = generations  # type: ignore[attr-defined]
            return None
        _, body, headers = hit
        response = HttpResponse(body)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


def _token_changed(sender: type, instance: Any, **_: Any) -> None:
    cache.delete(token_key(instance.key_hash))


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from pmpath.accounts.models import APIToken

    post_save.connect(_token_changed, sender=APIToken, dispatch_uid="pagecache-token-save")
    post_delete.connect(_token_changed, sender=APIToken, dispatch_uid="pagecache-token-delete")
