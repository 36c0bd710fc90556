import importlib
from types import SimpleNamespace

import pytest
from django.urls import reverse

from pmpath.core.env import ConfigError
from pmpath.security.csp import DEFAULT

REQUIRED = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]


def test_the_policy_allows_no_inline_script_or_style():
    for part in REQUIRED:
        assert part in DEFAULT
    assert "unsafe-inline" not in DEFAULT
    assert "unsafe-eval" not in DEFAULT


@pytest.mark.parametrize("name", ["core:home", "accounts:login", "jobs:index", "api:openapi-json"])
def test_every_response_carries_the_policy(alice_client, name):
    response = alice_client.get(reverse(name))
    assert response["Content-Security-Policy"] == DEFAULT


def test_static_files_and_errors_carry_it_too(charlie_client):
    assert charlie_client.get("/static/pmpath/app.js")["Content-Security-Policy"] == DEFAULT
    assert charlie_client.get("/no-such-page/")["Content-Security-Policy"] == DEFAULT


def test_the_other_protective_headers_are_sent(charlie_client):
    response = charlie_client.get(reverse("accounts:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_locally_cookies_work_over_plain_http(alice, charlie_client, settings):
    from tests.conftest import PASSWORD

    charlie_client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    cookie = charlie_client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["secure"]


def load_settings(monkeypatch, **environ):
    from pmpath import settings as module

    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    try:
        # A snapshot: the module object itself is reloaded back to normal below.
        return SimpleNamespace(**vars(importlib.reload(module)))
    finally:
        for name in environ:
            monkeypatch.delenv(name)
        importlib.reload(module)


def test_https_mode_turns_on_secure_cookies_hsts_and_timeouts(monkeypatch):
    hosted = load_settings(monkeypatch, PMPATH_HTTPS="1")
    assert hosted.SESSION_COOKIE_SECURE and hosted.CSRF_COOKIE_SECURE
    assert hosted.SESSION_COOKIE_HTTPONLY and hosted.CSRF_COOKIE_HTTPONLY
    assert hosted.SESSION_COOKIE_SAMESITE == "Lax"
    assert hosted.SECURE_HSTS_SECONDS == 365 * 24 * 3600
    assert hosted.SESSION_IDLE_MINUTES == 120
    assert hosted.SESSION_MAX_HOURS == 24 * 7
    assert hosted.SECURE_PROXY_SSL_HEADER is None


def test_locally_there_is_no_hsts_and_no_timeout(monkeypatch):
    local = load_settings(monkeypatch, PMPATH_DEBUG="0")
    assert not local.SESSION_COOKIE_SECURE
    assert local.SECURE_HSTS_SECONDS == 0
    assert local.SESSION_IDLE_MINUTES == 0 and local.SESSION_MAX_HOURS == 0


def test_a_trusted_proxy_is_believed_about_https(monkeypatch):
    proxied = load_settings(monkeypatch, PMPATH_HTTPS="1", PMPATH_TRUSTED_PROXIES="127.0.0.1,::1")
    assert proxied.TRUSTED_PROXIES == ["127.0.0.1", "::1"]
    assert proxied.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")


def test_a_malformed_proxy_address_stops_start_up_with_its_name(monkeypatch):
    with pytest.raises(ConfigError, match="PMPATH_TRUSTED_PROXIES: 'nginx' is not an address"):
        load_settings(monkeypatch, PMPATH_TRUSTED_PROXIES="nginx")


def test_hsts_is_sent_on_https_requests_in_https_mode(charlie_client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = charlie_client.get(reverse("accounts:login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"


def test_the_api_docs_load_swagger_ui_from_our_own_static_files(charlie_client):
    page = charlie_client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "/static/ninja/swagger-ui-init.js" in page
    assert "cdn" not in page.lower()
    assert charlie_client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
