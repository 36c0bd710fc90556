"""The page benchmark: a production server on one core, wrk on the other, every registered page
measured in turn on loopback. Bounded in time: each page runs for 1 to 3 seconds."""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# wrk prints this JSON line after each run (latencies in microseconds).
WRK_REPORT = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "socket_errors": %d, "http_errors": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


@dataclass
class Result:
    name: str
    path: str
    requests: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    status: int
    sql: int
    target_p99_ms: float
    target_rps: float = 0.0  # set in throughput mode, where latency includes queueing
    target_p50_ms: float = 0.0  # 0: not judged
    seconds: int = 0  # of load

    @property
    def misses(self) -> list[str]:
        """What this page failed, in words ("p50", "p99", "req/s", "errors")."""
        if self.errors or self.status >= 400:
            return ["errors"]
        if not self.requests:
            return ["no answer"]  # nothing finished in time: nothing measured, so not a pass
        if self.target_rps:
            return [] if self.rps >= self.target_rps else ["req/s"]
        missed = []
        if self.target_p50_ms and self.p50_ms > self.target_p50_ms:
            missed.append("p50")
        if self.p99_ms > self.target_p99_ms:
            missed.append("p99")
        return missed

    @property
    def ok(self) -> bool:
        return not self.misses


class BenchError(Exception):
    pass


def seconds_for(request_s: float, *, samples: int, connections: int, download: bool) -> int:
    """Seconds of load for about `samples` requests at this pace: 1 to 3. A slower page gets
    longer, so its p99 still rests on about a hundred requests. A download (judged on its own
    budget for the whole file) gets time for about three (at most 10 s)."""
    if download:
        return max(1, min(10, math.ceil(3 * request_s)))
    return max(1, min(3, math.ceil(samples * request_s / max(connections, 1))))


def in_mix(page: Any, status: int) -> bool:
    """Whether a page joins the hosted mix: a signed-in page or API read that answers (not a
    public page, and not a download of everything, which has a time budget of its own)."""
    return page.auth != "none" and not page.download and status < 400


def mix_summary(report: dict[str, int], *, pages: int, target_rps: float) -> dict[str, Any]:
    seconds = report["duration_us"] / 1e6
    rps = report["requests"] / seconds if seconds else 0.0
    errors = report["socket_errors"] + report["http_errors"]
    return {
        "pages": pages,
        "requests": report["requests"],
        "rps": round(rps, 1),
        "p50_ms": report["p50_us"] / 1000,
        "p99_ms": report["p99_us"] / 1000,
        "errors": errors,
        "target_rps": target_rps,
        "ok": rps >= target_rps and not errors,
    }


def passed(results: list[Result], mix: dict[str, Any] | None) -> bool:
    """Single-process mode: every page on its own targets. Throughput mode (a mix was run):
    the mix at its target, and no page with errors; a page's throughput alone is shown."""
    if mix is None:
        return all(r.ok for r in results)
    return bool(mix["ok"]) and all(r.misses in ([], ["req/s"]) for r in results)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def pinned(command: list[str], core: int | None) -> list[str]:
    """Prefix with taskset so the server and the load generator do not share a core."""
    if core is None or not shutil.which("taskset") or (os.cpu_count() or 1) < 2:
        return command
    return ["taskset", "-c", str(core), *command]


class Server:
    def __init__(
        self, *, workers: int, env: dict[str, str], core: int | None, threads: int = 1
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "pmpath.cli.main", "serve", "--production"]
        command += ["--port", str(self.port), "--workers", str(workers), "--threads", str(threads)]
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            pinned(command, core),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 60) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = self.process.stderr.read() if self.process.stderr else ""
                raise BenchError(f"the server exited: {err.strip()[-500:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/-/health", timeout=2) as answer:
                    if answer.status == 200:
                        return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.05)
        raise BenchError(f"the server did not answer within {timeout:.0f}s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


# The mix: every connection takes the next request of one list, round and round.
WRK_MIX = r"""
local requests = {}
local next_one = 1
init = function(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    local path, rest = line:match("^([^\t]*)\t?(.*)$")
    local headers = {}
    for name, value in rest:gmatch("([^\t:]+): ([^\t]*)") do headers[name] = value end
    requests[#requests + 1] = wrk.format("GET", path, headers)
  end
  file:close()
end
request = function()
  local chosen = requests[next_one]
  next_one = next_one % #requests + 1
  return chosen
end
"""


def _mix_line(path: str, headers: dict[str, str]) -> str:
    for text in (path, *headers, *headers.values()):
        if "\t" in text or "\n" in text:
            raise BenchError(f"a tab or new line in a mixed request: {text!r}")
    return "\t".join([path, *(f"{k}: {v}" for k, v in headers.items())])


def run_wrk_mix(
    base_url: str,
    requests: list[tuple[str, dict[str, str]]],
    *,
    duration: float,
    connections: int,
    core: int | None,
) -> dict[str, int]:
    """Load a list of requests (path, headers) in turn, as many people using different pages
    at once: the server's throughput over the whole list."""
    if not requests:
        raise BenchError("no requests to mix")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(_mix_line(path, headers) for path, headers in requests) + "\n")
    try:
        return run_wrk(
            base_url + requests[0][0],
            headers={},
            duration=duration,
            connections=connections,
            core=core,
            script=WRK_MIX + WRK_REPORT,
            args=[listing.name],
        )
    finally:
        Path(listing.name).unlink(missing_ok=True)


def run_wrk(
    url: str,
    *,
    headers: dict[str, str],
    duration: float,
    connections: int,
    core: int | None,
    script: str = WRK_REPORT,
    args: list[str] | None = None,
) -> dict[str, int]:
    wrk = shutil.which("wrk")
    if not wrk:
        raise BenchError("wrk is not installed (Debian: apt-get install wrk)")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script_file:
        script_file.write(script)
    try:
        command = [
            wrk,
            "-t1",
            f"-c{connections}",
            f"-d{max(1, round(duration))}s",
            "-s",
            script_file.name,
        ]
        for key, value in headers.items():
            command += ["-H", f"{key}: {value}"]
        out = subprocess.run(
            pinned([*command, url, *(["--", *args] if args else [])], core),
            capture_output=True,
            text=True,
            timeout=duration + 30,
            check=False,
        )
    finally:
        Path(script_file.name).unlink(missing_ok=True)
    for line in reversed(out.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise BenchError(f"wrk printed no report: {out.stderr.strip() or out.stdout.strip()}")


def write_report(results: list[Result], meta: dict, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"pages-{meta.get('database', 'db')}-{stamp}.json"
    data = {"meta": meta, "pages": [{**asdict(r), "ok": r.ok} for r in results]}
    path.write_text(json.dumps(data, indent=2))
    (folder / f"pages-{meta.get('database', 'db')}-latest.json").write_text(
        json.dumps(data, indent=2)
    )
    return path
