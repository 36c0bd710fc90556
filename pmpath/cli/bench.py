"""`pmpath bench`: build the heavy user's data and measure every page against DESIGN.md §4."""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from pmpath.cli._django import CLIError, console, describe_database, ensure_database, print_json

app = typer.Typer(
    help="Benchmarks: heavy-user data, page latency, cold start.", no_args_is_help=True
)

COLD_START_TARGET_S = 3.0


@app.command("seed")
def seed(
    scale: float = typer.Option(1.0, "--scale", min=0.001, help="1 = the heavy user of DESIGN.md."),
    users: int = typer.Option(1, "--users", min=1, help="How many heavy users (hosted mode)."),
    seed_value: int = typer.Option(42, "--seed", help="Random seed; the same seed, the same data."),
    force: bool = typer.Option(False, "--force", help="Rebuild even if the same data is there."),
) -> None:
    """Build the heavy user(s): deterministic, through the same constraints as the services."""
    ensure_database()
    from pmpath.bench.heavy import seed as build

    started = time.perf_counter()
    for line in build(scale=scale, users=users, seed=seed_value, force=force):
        console.print(f"  {line}", highlight=False)
    console.print(f"Heavy data ready in {time.perf_counter() - started:.1f}s.")


@app.command("pages")
def pages(
    duration: int = typer.Option(
        0,
        "--duration",
        min=0,
        help="Seconds of load per page; 0 (the default): long enough for about --samples "
        "requests at the page's warm-up pace, 1 to 3 s.",
    ),
    samples: int = typer.Option(
        100, "--samples", min=10, help="Requests to aim for per page when --duration is 0."
    ),
    connections: int = typer.Option(
        1,
        "--connections",
        "-c",
        min=1,
        max=512,
        help="Requests in flight. One, as one person's browser asks, measures a page's own "
        "time; more, on a single-threaded worker, adds waiting for the others.",
    ),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Server processes."),
    threads: int = typer.Option(1, "--threads", min=1, max=64, help="Threads per process."),
    target_rps: float = typer.Option(
        0,
        "--target-rps",
        help="Throughput mode: judge each page by requests/s (the server has one core) "
        "instead of p99.",
    ),
    mix_duration: float = typer.Option(
        20.0,
        "--mix-duration",
        min=1,
        help="Throughput mode: seconds of the mix, every signed-in page and API read in turn.",
    ),
    each: bool = typer.Option(
        True,
        "--each/--mix-only",
        help="Throughput mode: measure each page alone before the mix (--mix-only: the mix).",
    ),
    only: str | None = typer.Option(None, "--only", help="Only pages whose name contains this."),
    out: Path = typer.Option(Path("bench/results"), "--out", help="Folder for the JSON report."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Serve with gunicorn on one core and load every page with wrk from the other."""
    ensure_database()
    from django.contrib.auth import get_user_model

    from pmpath.accounts.models import APIToken
    from pmpath.accounts.services import create_token
    from pmpath.bench import load, registry
    from pmpath.bench.heavy import browser_cookie, heavy_user
    from pmpath.bench.queries import count_queries

    registry.discover()
    try:
        user = heavy_user()
    except get_user_model().DoesNotExist:
        raise CLIError("no heavy user: run `pmpath bench seed` first") from None
    APIToken.objects.filter(user=user, name="bench").delete()
    _, token = create_token(user, name="bench")
    chosen = [p for p in registry.PAGES.values() if not only or only in p.name]
    if not chosen:
        raise CLIError(f"no page name contains {only!r}")
    sql = count_queries(chosen, user, token)

    cookie = browser_cookie(user)
    server = load.Server(workers=workers, env=dict(os.environ), core=0, threads=threads)
    results = []
    mixed: list[tuple[str, dict[str, str]]] = []
    mix: dict[str, int] | None = None
    try:
        ready = server.wait_ready()
        for page in chosen:
            headers = dict(page.headers)
            if page.auth == "session":
                headers["Cookie"] = cookie
            elif page.auth == "token":
                headers["Authorization"] = f"Bearer {token}"
            if page.htmx:
                headers["HX-Request"] = "true"
            url = server.url + page.path(user)
            if load.in_mix(page, sql[page.name][0]):
                mixed.append((page.path(user), headers))
            warm = []
            for _ in range(3):  # warm the worker's caches and connection
                request = urllib.request.Request(url, headers=headers)
                started = time.perf_counter()
                with contextlib.suppress(OSError):
                    urllib.request.urlopen(request, timeout=10).read()
                warm.append(time.perf_counter() - started)
            if target_rps and not each:
                continue
            seconds = duration or load.seconds_for(
                min(warm[1:]), samples=samples, connections=connections, download=page.download
            )
            report = load.run_wrk(
                url,
                headers=headers,
                duration=seconds,
                # One download at a time: sixteen whole-data exports in flight would still be
                # running on the server when the next page's measurement starts.
                connections=1 if page.download else connections,
                core=1,
            )
            status, statements = sql[page.name]
            results.append(
                load.Result(
                    name=page.name,
                    path=page.path(user),
                    requests=report["requests"],
                    rps=report["requests"] / (report["duration_us"] / 1e6),
                    p50_ms=report["p50_us"] / 1000,
                    p95_ms=report["p95_us"] / 1000,
                    p99_ms=report["p99_us"] / 1000,
                    max_ms=report["max_us"] / 1000,
                    errors=report["socket_errors"] + report["http_errors"],
                    status=status,
                    sql=statements,
                    target_p99_ms=page.target_p99_ms,
                    target_rps=target_rps,
                    target_p50_ms=0.0 if target_rps else page.target_p50_ms,
                    seconds=seconds,
                )
            )
        if target_rps and mixed:
            mix = load.run_wrk_mix(
                server.url, mixed, duration=mix_duration, connections=connections, core=1
            )
    finally:
        server.stop()
    database = "postgresql" if "postgresql" in describe_database().lower() else "sqlite"
    meta = {
        "database": database,
        "workers": workers,
        "threads": threads,
        "target_rps": target_rps,
        "connections": connections,
        "duration_s": duration or "auto",
        "samples": samples,
        "cpus": os.cpu_count(),
        "server_ready_s": round(ready, 3),
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    if mix is not None:
        meta["mix"] = load.mix_summary(mix, pages=len(mixed), target_rps=target_rps)
    path = load.write_report(results, meta, out)
    if as_json:
        print_json({"meta": meta, "pages": [r.__dict__ | {"ok": r.ok} for r in results]})
        return
    table = Table(
        "Page",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "target (p50 / p99 ms)" if not target_rps else "target",
        "req/s",
        "SQL",
        "errors",
        "",
        title=f"Pages on {describe_database()} · {workers} worker(s) · {connections} connection(s)",
    )
    for r in results:
        table.add_row(
            r.name,
            f"{r.p50_ms:.1f}",
            f"{r.p95_ms:.1f}",
            f"{r.p99_ms:.1f}",
            f"≥{r.target_rps:.0f}/s"
            if r.target_rps
            else f"{r.target_p50_ms:g} / {r.target_p99_ms:g}",
            f"{r.rps:.0f}",
            str(r.sql),
            str(r.errors) if r.status < 400 else f"HTTP {r.status}",
            _verdict(r),
        )
    console.width = max(console.width, 110)
    console.print(table)
    total = sum(r.rps for r in results) / max(len(results), 1)
    console.print(f"Mean throughput {total:.0f} req/s · report: {path}", highlight=False)
    if "mix" in meta:
        m = meta["mix"]
        verdict = "[green]ok[/]" if m["ok"] else "[red]MISS[/]"
        console.print(
            f"Mix of {m['pages']} signed-in pages and API reads, {connections} connections: "
            f"{m['rps']:.0f} req/s on one core (target ≥ {target_rps:.0f}), p50 {m['p50_ms']:.1f} "
            f"ms, p99 {m['p99_ms']:.1f} ms, {m['errors']} errors {verdict}",
            highlight=False,
        )
    if not load.passed(results, meta.get("mix")):
        raise typer.Exit(1)


def _verdict(result: Any) -> str:
    if result.ok:
        return "[green]ok[/]"
    if result.misses == ["req/s"]:  # throughput mode: the mix is judged, a page alone is shown
        return f"[yellow]{result.rps:.0f}/s alone[/]"
    return f"[red]MISS {' '.join(result.misses)}[/]"


@app.command("coldstart")
def coldstart(
    runs: int = typer.Option(3, "--runs", min=1, max=20),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Time `pmpath serve` from launch to the first answered page (target ≤ 3 s)."""
    ensure_database()
    from pmpath.bench.load import free_port

    timings = []
    for _ in range(runs):
        port = free_port()
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "pmpath.cli.main", "serve", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                        timings.append(time.perf_counter() - started)
                        break
                except OSError:
                    if process.poll() is not None or time.perf_counter() - started > 30:
                        raise CLIError("pmpath serve did not answer within 30 s") from None
                    time.sleep(0.02)
        finally:
            process.terminate()
            process.wait(timeout=20)
    summary = {
        "runs": runs,
        "median_s": round(statistics.median(timings), 3),
        "max_s": round(max(timings), 3),
        "target_s": COLD_START_TARGET_S,
    }
    if as_json:
        print_json(summary)
    else:
        verdict = "[green]ok[/]" if summary["max_s"] <= COLD_START_TARGET_S else "[red]MISS[/]"
        console.print(
            f"Cold start (pmpath serve → first page): median {summary['median_s']:.2f}s, "
            f"worst {summary['max_s']:.2f}s of {runs} "
            f"(target ≤ {COLD_START_TARGET_S:.0f}s) {verdict}",
            highlight=False,
        )
    if summary["max_s"] > COLD_START_TARGET_S:
        raise typer.Exit(1)


@app.command("load")
def load_test(
    users: int = typer.Option(200, "--users", min=1, max=2000, help="Simulated candidates."),
    duration: float = typer.Option(120, "--duration", min=10, help="Seconds of load."),
    kill_after: float = typer.Option(
        80, "--kill-after", min=0, help="Kill one web process after this many seconds (0: never)."
    ),
    spawn_rate: float = typer.Option(
        5, "--spawn-rate", min=0.1, help="Candidates logging in per second as the run starts."
    ),
    workers: int = typer.Option(2, "--workers", min=1, max=16, help="Processes per web server."),
    accounts: int = typer.Option(
        200, "--accounts", min=1, max=200, help="Seeded candidate accounts the users log in as."
    ),
    scale: float = typer.Option(
        0.005, "--scale", min=0.001, help="Each candidate's data, as a share of the heavy user."
    ),
    locust: str = typer.Option(".venv-load/bin/locust", "--locust", help="The locust command."),
    out: Path = typer.Option(Path("bench/results"), "--out", help="Folder for the JSON report."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Hosted load test: candidates through nginx to two web processes; one killed half-way."""
    ensure_database()
    from django.db import connection

    from pmpath.bench import hosted
    from pmpath.bench.heavy import HEAVY_PASSWORD, heavy_username
    from pmpath.bench.heavy import seed as build

    if connection.vendor != "postgresql":
        raise CLIError("the load test runs on PostgreSQL: set DATABASE_URL (and PMPATH_REDIS_URL)")
    candidates = min(users, accounts)
    started = time.perf_counter()
    for line in build(scale=scale, users=candidates):
        console.print(f"  {line}", highlight=False)
    console.print(f"{candidates} candidates ready in {time.perf_counter() - started:.1f}s.")
    connection.close()
    try:
        report, path = hosted.run(
            users=users,
            duration=duration,
            kill_after=kill_after or None,
            spawn_rate=spawn_rate,
            workers=workers,
            locust=locust,
            usernames=[heavy_username(i) for i in range(candidates)],
            password=HEAVY_PASSWORD,
            out=out,
        )
    except hosted.LoadError as exc:
        raise CLIError(str(exc)) from None
    if as_json:
        from dataclasses import asdict

        print_json(asdict(report))
        return
    table = Table(title=f"{users} candidates for {report.duration_s:.0f} s through nginx")
    for column in ("Request", "count", "errors", "p50 ms", "p99 ms"):
        table.add_column(column, justify="left" if column == "Request" else "right")
    for name, entry in sorted(report.by_name.items()):
        table.add_row(
            name, str(entry["requests"]), str(entry["failures"]), f"{entry['p50_ms']:.0f}",
            f"{entry['p99_ms']:.0f}",
        )  # fmt: skip
    console.print(table)
    console.print(
        f"{report.requests} requests, {report.rps} req/s, p50 {report.p50_ms} ms, "
        f"p95 {report.p95_ms} ms, p99 {report.p99_ms} ms, errors {report.error_rate:.3%}",
        highlight=False,
    )
    if report.killed_at_s is not None:
        console.print(
            f"Killed one web process at {report.killed_at_s} s: errors before "
            f"{report.before_kill['error_rate']:.3%} of {report.before_kill['requests']}, after "
            f"{report.after_kill['error_rate']:.3%} of {report.after_kill['requests']}",
            highlight=False,
        )
    console.print(f"Report: {path}")
