"""The hosted mix really sends every listed request, in turn, with its own headers: wrk against
a small recording server (skipped where wrk is not installed; CI installs it)."""

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pmpath.bench.load import BenchError, run_wrk_mix

pytestmark = pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed")


def test_the_mix_sends_each_request_with_its_own_headers():
    seen: list[tuple[str, str, str]] = []

    class Recorder(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            seen.append((self.path, self.headers.get("Cookie", ""), self.headers.get("X-Kind", "")))
            body = b"ok"
            self.send_response(200 if self.path != "/missing" else 404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        requests = [
            ("/a?x=1", {"Cookie": "s=1; csrftoken=abc", "X-Kind": "page"}),
            ("/b", {"Authorization": "Bearer t", "X-Kind": "api"}),
            ("/c", {"X-Kind": "partial", "HX-Request": "true"}),
        ]
        report = run_wrk_mix(base, requests, duration=1, connections=2, core=None)
        assert report["requests"] >= 30 and report["http_errors"] == 0
        assert {path for path, _, _ in seen} == {"/a?x=1", "/b", "/c"}
        assert ("/a?x=1", "s=1; csrftoken=abc", "page") in seen
        assert all(
            kind == {"/a?x=1": "page", "/b": "api", "/c": "partial"}[p] for p, _, kind in seen
        )
        counts = [sum(1 for p, _, _ in seen if p == path) for path, _ in requests]
        assert max(counts) - min(counts) <= 2  # in turn, not one page hammered

        report = run_wrk_mix(base, [("/missing", {})], duration=1, connections=1, core=None)
        assert report["http_errors"] == report["requests"] > 0
    finally:
        server.shutdown()


def test_a_header_that_would_break_the_listing_is_refused():
    with pytest.raises(BenchError, match="tab or new line"):
        run_wrk_mix("http://127.0.0.1:9", [("/a", {"X": "one\ttwo"})], duration=1,
                    connections=1, core=None)  # fmt: skip
