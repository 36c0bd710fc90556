"""A stub OpenAI-compatible chat endpoint on 127.0.0.1, for the written-critique tests."""

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer


class StubChat(BaseHTTPRequestHandler):
    received: list = []
    reply = "Name a segment."

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        StubChat.received.append((self.path, dict(self.headers), body))
        answer = {"choices": [{"message": {"role": "assistant", "content": f" {self.reply} "}}]}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@contextmanager
def running_stub() -> Iterator[str]:
    """Serve the stub; yields its base URL (ending in /v1). Requests land in StubChat.received."""
    StubChat.received = []
    server = HTTPServer(("127.0.0.1", 0), StubChat)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
