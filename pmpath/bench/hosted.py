"""The hosted load test: many candidates at once against two web processes behind nginx, on
PostgreSQL and Redis, with one web process killed half-way.

It runs the deployment recipe itself: the nginx server block in deploy/nginx/pmpath.conf (with
a self-signed certificate and free ports substituted), two `pmpath serve --production`
processes as the systemd units start them, and locust (headless, loopback only, bounded in
time) as the candidates (bench/locustfile.py). Every request is logged with its time, so the
report gives the error rate before and after the kill separately."""

from __future__ import annotations

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pmpath.bench.load import free_port

ROOT = Path(__file__).resolve().parents[2]
NGINX_SITE = ROOT / "deploy" / "nginx" / "pmpath.conf"
LOCUSTFILE = ROOT / "bench" / "locustfile.py"


class LoadError(Exception):
    pass


@dataclass
class Phase:
    requests: int = 0
    failures: int = 0

    @property
    def error_rate(self) -> float:
        return self.failures / self.requests if self.requests else 0.0


@dataclass
class LoadReport:
    users: int
    duration_s: float
    requests: int
    failures: int
    error_rate: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    killed_at_s: float | None
    before_kill: dict
    after_kill: dict
    by_name: dict = field(default_factory=dict)
    failures_by_status: dict = field(default_factory=dict)


def nginx_conf(folder: Path, *, listen: int, upstreams: list[int], cert: Path, key: Path) -> Path:
    """The deploy recipe's server block with this run's ports and certificate, wrapped in a
    minimal main configuration that keeps every file inside `folder`."""
    site = NGINX_SITE.read_text()
    replacements = {
        "listen 443 ssl;": f"listen 127.0.0.1:{listen} ssl;",
        "listen [::]:443 ssl;": "",
        "server 127.0.0.1:8001": f"server 127.0.0.1:{upstreams[0]}",
        "server 127.0.0.1:8002": f"server 127.0.0.1:{upstreams[1]}",
        "/etc/letsencrypt/live/pm.example.org/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/pm.example.org/privkey.pem": str(key),
    }
    for old, new in replacements.items():
        if old not in site:
            raise LoadError(f"{NGINX_SITE}: expected {old!r} in the recipe")
        site = site.replace(old, new)
    # The plain-HTTP server only redirects; this run has no port 80 to give it.
    head, rest = site.split("# --- plain http: redirect ---", 1)
    site = head + rest.split("# --- https ---", 1)[1]
    (folder / "site.conf").write_text(site)
    user = "user root root;\n" if os.geteuid() == 0 else ""
    main = f"""{user}worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
  include {folder}/site.conf;
}}
"""
    path = folder / "nginx.conf"
    path.write_text(main)
    return path


def self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def _wait(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise LoadError(f"{' '.join(map(str, process.args))} exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2, verify=False).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise LoadError(f"{url} did not answer within {timeout:.0f} s")


def summarise(log: Path, *, users: int, duration: float, killed_at: float | None) -> LoadReport:
    rows = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    if not rows:
        raise LoadError("locust made no requests")
    before, after = Phase(), Phase()
    by_name: dict[str, dict] = {}
    by_status: dict[str, int] = {}
    for row in rows:
        phase = after if killed_at is not None and row["t"] >= killed_at else before
        phase.requests += 1
        phase.failures += row["failed"]
        entry = by_name.setdefault(row["name"], {"requests": 0, "failures": 0, "ms": []})
        entry["requests"] += 1
        entry["failures"] += row["failed"]
        entry["ms"].append(row["ms"])
        if row["failed"]:
            by_status[str(row["status"])] = by_status.get(str(row["status"]), 0) + 1
    times = sorted(row["ms"] for row in rows)

    def pct(values: list[float], q: float) -> float:
        return round(values[min(len(values) - 1, int(q * len(values)))], 1)

    for entry in by_name.values():
        ms = sorted(entry.pop("ms"))
        entry.update(p50_ms=pct(ms, 0.5), p99_ms=pct(ms, 0.99))
    start = min(row["t"] for row in rows)
    failures = before.failures + after.failures
    return LoadReport(
        users=users,
        duration_s=duration,
        requests=len(rows),
        failures=failures,
        error_rate=failures / len(rows),
        rps=round(len(rows) / duration, 1),
        p50_ms=round(statistics.median(times), 1),
        p95_ms=pct(times, 0.95),
        p99_ms=pct(times, 0.99),
        killed_at_s=None if killed_at is None else round(killed_at - start, 1),
        before_kill=asdict(before) | {"error_rate": before.error_rate},
        after_kill=asdict(after) | {"error_rate": after.error_rate},
        by_name=by_name,
        failures_by_status=by_status,
    )


def run(
    *,
    users: int,
    duration: float,
    kill_after: float | None,
    spawn_rate: float,
    workers: int,
    locust: str,
    usernames: list[str],
    password: str,
    out: Path,
) -> tuple[LoadReport, Path]:
    for tool in ("nginx", "openssl"):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            raise LoadError(f"{tool} is needed (apt-get install nginx-light openssl)")
    if not Path(locust).exists() and not shutil.which(locust):
        raise LoadError(f"locust not found at {locust} (make bench-load installs it)")
    folder = Path(tempfile.mkdtemp(prefix="pmpath-load-"))
    os.chmod(folder, 0o755)
    cert, key = self_signed(folder)
    ports = [free_port(), free_port()]
    listen = free_port()
    pmpath = str(Path(sys.executable).with_name("pmpath"))
    # As the recipe's pmpath.env says: the public origin is trusted for forms.
    server_env = {**os.environ, "PMPATH_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{listen}"}
    servers = [
        subprocess.Popen(
            [
                pmpath,
                "serve",
                "--production",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
            ],
            start_new_session=True,  # its own process group: killed with its workers
            env=server_env,
            stdout=subprocess.DEVNULL,
            stderr=open(folder / f"web-{port}.log", "w"),  # noqa: SIM115
        )
        for port in ports
    ]
    nginx_bin = shutil.which("nginx") or "/usr/sbin/nginx"
    conf = nginx_conf(folder, listen=listen, upstreams=ports, cert=cert, key=key)
    nginx = subprocess.Popen(
        [nginx_bin, "-p", str(folder), "-c", str(conf), "-g", "daemon off;"],
        stderr=open(folder / "nginx.out", "w"),  # noqa: SIM115
    )
    log = folder / "requests.jsonl"
    killed: list[float] = []
    try:
        for port, server in zip(ports, servers, strict=True):
            _wait(f"http://127.0.0.1:{port}/-/health", server)
        _wait(f"https://127.0.0.1:{listen}/-/health", nginx)
        env = {
            **os.environ,
            "PMPATH_LOAD_USERS": ",".join(usernames),
            "PMPATH_LOAD_PASSWORD": password,
            "PMPATH_LOAD_LOG": str(log),
            "PMPATH_LOAD_INSECURE": "1",
        }
        command = [
            locust,
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(spawn_rate),
            "--run-time",
            f"{int(duration)}s",
            "--host",
            f"https://127.0.0.1:{listen}",
            "--only-summary",
            "--stop-timeout",
            "5",
            "--loglevel",
            "WARNING",
        ]
        started = time.monotonic()

        def kill() -> None:
            time.sleep(kill_after or 0)
            os.killpg(servers[0].pid, signal.SIGKILL)
            killed.append(time.time())

        killer = threading.Thread(target=kill, daemon=True) if kill_after else None
        if killer:
            killer.start()
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=duration + 120
        )
        elapsed = time.monotonic() - started
        if not log.exists():
            raise LoadError(f"locust failed: {done.stderr[-2000:]}")
    finally:
        nginx.send_signal(signal.SIGQUIT)
        for server in servers:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
        for process in (nginx, *servers):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    report = summarise(
        log, users=users, duration=min(elapsed, duration), killed_at=killed[0] if killed else None
    )
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"load-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(asdict(report), indent=2))
    return report, path
