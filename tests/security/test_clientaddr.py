import pytest

from pmpath.security.clientaddr import client_address


@pytest.mark.parametrize(
    "meta, trusted, expected",
    [
        ({"REMOTE_ADDR": "203.0.113.9"}, (), "203.0.113.9"),
        # Not from a trusted proxy: the header is whatever the client made up.
        ({"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, (), "203.0.113.9"),
        (
            {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "1.2.3.4"},
            ("127.0.0.1",),
            "203.0.113.9",
        ),
        # From the trusted proxy: the last hop it added is the client.
        (
            {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.4"},
            ("127.0.0.1",),
            "198.51.100.4",
        ),
        # A client-supplied entry in front of the real one is not believed.
        (
            {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.4"},
            ("127.0.0.1",),
            "198.51.100.4",
        ),
        # Two trusted proxies in a row (a load balancer, then nginx) are both skipped.
        (
            {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.4, 10.0.0.5"},
            ("127.0.0.1", "10.0.0.0/8"),
            "198.51.100.4",
        ),
        (
            {"REMOTE_ADDR": "::1", "HTTP_X_FORWARDED_FOR": "[2001:db8::7]:4711"},
            ("::1",),
            "2001:db8::7",
        ),
        # Garbage stops the walk at the last trusted hop.
        (
            {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "not-an-ip"},
            ("127.0.0.1",),
            "127.0.0.1",
        ),
        ({"REMOTE_ADDR": ""}, (), "unknown"),
    ],
)
def test_it_finds_the_client_address(meta, trusted, expected):
    assert client_address(meta, trusted) == expected
