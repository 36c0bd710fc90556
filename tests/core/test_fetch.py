"""Outgoing fetches over a mock transport: never the network."""

import httpx
import pytest

from pmpath.core.fetch import FetchError, fetch, is_public

PUBLIC = {"jobs.example.test": ["93.184.216.34"], "boards.example.test": ["93.184.216.35"]}


def resolver(host, port):
    return PUBLIC.get(host, ["127.0.0.1"] if host == "intranet.test" else [])


def transport(handler):
    return httpx.MockTransport(handler)


def no_sleep(seconds):
    pass


def test_it_fetches_a_public_page():
    result = fetch(
        "https://jobs.example.test/pm",
        transport=transport(lambda r: httpx.Response(200, text="<h1>PM</h1>")),
        resolver=resolver,
    )
    assert result.status == 200 and result.text() == "<h1>PM</h1>"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/admin",
        "http://localhost.localdomain.invalid/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.8/",
        "http://192.168.1.1/",
        "http://intranet.test/",
        "file:///etc/passwd",
        "ftp://jobs.example.test/",
    ],
)
def test_it_refuses_private_loopback_and_non_http_addresses(url):
    called = []
    with pytest.raises(FetchError):
        fetch(
            url,
            transport=transport(lambda r: called.append(r) or httpx.Response(200)),
            resolver=resolver,
        )
    assert called == []


def test_an_admin_can_allow_a_private_host():
    result = fetch(
        "http://intranet.test/jobs",
        transport=transport(lambda r: httpx.Response(200, text="ok")),
        resolver=resolver,
        allow_hosts=["intranet.test"],
    )
    assert result.status == 200


def test_a_redirect_to_a_private_address_is_refused():
    def handler(request):
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:8000/secret"})

    with pytest.raises(FetchError, match="refused"):
        fetch("https://jobs.example.test/pm", transport=transport(handler), resolver=resolver)


def test_public_redirects_are_followed():
    def handler(request):
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "/new"})
        return httpx.Response(200, text="moved here")

    result = fetch("https://jobs.example.test/old", transport=transport(handler), resolver=resolver)
    assert result.url == "https://jobs.example.test/new" and result.text() == "moved here"


def test_an_oversized_answer_is_refused():
    big = b"x" * 2048
    with pytest.raises(FetchError, match="limit"):
        fetch(
            "https://jobs.example.test/big",
            transport=transport(lambda r: httpx.Response(200, content=big)),
            resolver=resolver,
            max_bytes=1024,
        )


def test_server_errors_are_retried_with_back_off():
    answers = iter([httpx.Response(503), httpx.Response(502), httpx.Response(200, text="ok")])
    waits = []
    result = fetch(
        "https://jobs.example.test/flaky",
        transport=transport(lambda r: next(answers)),
        resolver=resolver,
        sleep=waits.append,
    )
    assert result.text() == "ok" and waits == [0.5, 1.0]


def test_a_failing_server_gives_one_clear_error():
    with pytest.raises(FetchError, match="HTTP 503"):
        fetch(
            "https://jobs.example.test/down",
            transport=transport(lambda r: httpx.Response(503)),
            resolver=resolver,
            sleep=no_sleep,
        )


def test_connection_failures_are_retried_then_reported():
    def handler(request):
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(FetchError, match="cannot connect"):
        fetch(
            "https://jobs.example.test/",
            transport=transport(handler),
            resolver=resolver,
            sleep=no_sleep,
        )


def test_conditional_requests_send_validators_and_report_not_modified():
    seen = {}

    def handler(request):
        seen.update(request.headers)
        return httpx.Response(304)

    result = fetch(
        "https://boards.example.test/jobs",
        transport=transport(handler),
        resolver=resolver,
        etag='"abc"',
        last_modified="Wed, 25 Nov 2026 10:00:00 GMT",
    )
    assert result.not_modified
    assert seen["if-none-match"] == '"abc"'
    assert seen["if-modified-since"].startswith("Wed")


def test_public_and_private_addresses_are_told_apart():
    assert is_public("93.184.216.34")
    for address in [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "169.254.1.1",
        "::1",
        "fe80::1",
        "::ffff:127.0.0.1",
        "0.0.0.0",
    ]:
        assert not is_public(address), address


def test_a_name_that_turns_private_after_the_check_is_refused_at_connect_time(monkeypatch):
    # DNS rebinding: the first look-up (the check) sees a public address, the connection's own
    # look-up gets 127.0.0.1. The real transport's socket layer checks again and refuses.
    from pmpath.core.fetch import _PROXY_VARIABLES

    for name in _PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])
    with pytest.raises(FetchError, match="now resolves to a private") as caught:
        fetch(
            "http://rebind.example.test/",
            resolver=lambda host, port: next(answers),
            retries=0,
            sleep=no_sleep,
        )
    assert caught.value.reason == "refused"


def test_the_connect_time_check_lets_an_allowed_host_through():
    import httpcore

    from pmpath.core.fetch import _PublicOnlyBackend

    backend = _PublicOnlyBackend(lambda host, port: ["127.0.0.1"], ["127.0.0.1"])
    with pytest.raises(FetchError):
        backend.connect_tcp("elsewhere.test", 9, timeout=0.5)
    # Allowed: a real connection attempt follows (to the closed discard port), not a refusal.
    with pytest.raises(httpcore.ConnectError):
        backend.connect_tcp("127.0.0.1", 9, timeout=0.5)
