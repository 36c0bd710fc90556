"""`pmpath serve --production` with its defaults: one gunicorn process per core, each answering
on several threads (gunicorn's gthread worker), which keeps connections open between requests
(a single-threaded sync worker closes each one)."""

from __future__ import annotations

import http.client
import os
from pathlib import Path

from pmpath.bench.load import Server
from pmpath.core.server import default_workers


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def test_the_default_is_one_threaded_process_per_core(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "PMPATH_REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["PMPATH_DATA_DIR"] = str(tmp_path)
    server = Server(workers=0, threads=0, env=env, core=None)
    try:
        server.wait_ready(timeout=90)
        assert len(children_of(server.process.pid)) == default_workers()
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        sockets = set()
        for _ in range(3):
            connection.request("GET", "/-/health")
            answer = connection.getresponse()
            answer.read()
            assert answer.status == 200
            assert answer.getheader("Connection", "").lower() != "close"
            sockets.add(id(connection.sock))
        assert len(sockets) == 1  # one connection for all three
        connection.close()
    finally:
        server.stop()


def test_it_keeps_idle_connections_open_longer_than_nginx_does():
    """Else a process may close a kept connection just as nginx sends on it: a reset, and
    nginx takes the process out of service (with the other one down, every request fails)."""
    import re

    from pmpath.core.server import KEEPALIVE_SECONDS

    site = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "pmpath.conf"
    upstream = site.read_text().split("upstream pmpath {", 1)[1].split("}", 1)[0]
    found = re.search(r"^\s*keepalive_timeout (\d+)s;", upstream, re.MULTILINE)
    assert found is not None, "the upstream block sets keepalive_timeout"
    assert int(found.group(1)) < KEEPALIVE_SECONDS
