"""`pmpath serve` really serves: start it as a person would and fetch pages over HTTP."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.cli.test_errors import pmpath


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_answers_pages_and_static_files_then_stops_on_ctrl_c(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PMPATH_", "DATABASE_URL"))}
    env["PMPATH_DATA_DIR"] = str(tmp_path)
    assert pmpath("setup", env={"PMPATH_DATA_DIR": str(tmp_path)}, timeout=120).returncode == 0
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pmpath.cli.main", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A shell running this suite in the background ignores SIGINT, and an ignored signal
        # is inherited: give the server the default disposition, as a terminal would.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as page:
                    assert page.status == 200
                    assert b"Create your account" in page.read()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "pmpath serve did not answer in 30 s"
                time.sleep(0.1)
        css = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/vendor/pico.min.css")
        assert css.status == 200
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=60)
    assert server.returncode == 0, err
    assert f"http://127.0.0.1:{port}/" in out
    assert "Traceback" not in err
