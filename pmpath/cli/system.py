"""setup, serve, worker, demo and manage: running pmpath itself."""

from __future__ import annotations

import signal
import sys
import time
from typing import Any

import typer

from pmpath.cli._django import (
    CLIError,
    bootstrap,
    console,
    describe_database,
    ensure_database,
    get_user,
    print_json,
)


def setup(
    force: bool = typer.Option(False, "--force", help="Reload knowledge files even if unchanged."),
) -> None:
    """Create or upgrade the database and load the knowledge base. Safe to run again."""
    ensure_database(migrated=False)
    from django.core.management import call_command

    from pmpath.core.knowledge import run_seeds

    call_command("migrate", interactive=False, verbosity=0)
    loaded = run_seeds(force=force)
    console.print(f"Database ready: {describe_database()}", highlight=False)
    for line in loaded:
        console.print(f"  loaded {line}", highlight=False)
    if not loaded:
        console.print("  knowledge base up to date")


def _start_worker() -> Any:
    """Huey's consumer in threads of this process, so scheduled work runs without a second
    terminal. Its signal handlers are put back, so Ctrl+C still stops the server."""
    from huey.contrib.djhuey import HUEY

    if HUEY.immediate:
        return None
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    consumer = HUEY.create_consumer(
        workers=1, worker_type="thread", periodic=True, shutdown_timeout=5
    )
    consumer.start()
    for signum, handler in saved.items():
        signal.signal(signum, handler)
    return consumer


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on.", min=1, max=65535),
    threads: int = typer.Option(
        0,
        "--threads",
        help="Request threads per process (default 8).",
        min=0,
        max=64,
    ),
    worker: bool = typer.Option(True, "--worker/--no-worker", help="Run background tasks here."),
    production: bool = typer.Option(
        False,
        "--production",
        help="Hosted mode: gunicorn processes, migrations applied at start, no in-process worker "
        "(run `pmpath worker` beside it).",
    ),
    workers: int = typer.Option(
        0, "--workers", help="With --production: processes (default: one per core).", min=0, max=64
    ),
) -> None:
    """Serve the web app (and, by default, the background worker) until Ctrl+C."""
    started = time.perf_counter()
    from pmpath.core.server import PortInUse, check_port

    try:
        check_port(host, port)
    except PortInUse as exc:
        raise CLIError(f"{exc}: stop what is using it or choose another with --port") from None
    except OSError as exc:
        raise CLIError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    shown_host = f"[{host}]" if ":" in host else host
    if production:
        _serve_production(host, port, workers, threads, shown_host)
        return
    ensure_database()
    from waitress.server import create_server

    from pmpath.wsgi import application

    try:
        from django.conf import settings

        # waitress reads a whole body before the app sees it: refuse oversized ones as they
        # arrive, at the same limit the app applies (docs/security.md).
        server = create_server(
            application,
            host=host,
            port=port,
            threads=threads or 8,
            ident="pmpath",
            max_request_body_size=settings.MAX_REQUEST_BYTES,
        )
    except OSError as exc:
        raise CLIError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    consumer = _start_worker() if worker else None
    console.print(
        f"pmpath is running at [bold]http://{shown_host}:{port}/[/]"
        f"  (ready in {time.perf_counter() - started:.1f}s; Ctrl+C to stop)",
        highlight=False,
    )
    sys.stdout.flush()
    try:
        server.run()
    except KeyboardInterrupt:
        console.print("Stopping.")
    finally:
        server.close()
        if consumer is not None:
            consumer.stop(graceful=True)


def _serve_production(host: str, port: int, workers: int, threads: int, shown_host: str) -> None:
    ensure_database(migrated=False)
    from django.core.management import call_command

    from pmpath.core.knowledge import run_seeds
    from pmpath.core.server import DEFAULT_THREADS, default_workers, migration_lock, run_gunicorn

    # Several web processes start together (systemd, a deploy): one migrates at a time.
    with migration_lock():
        call_command("migrate", interactive=False, verbosity=0)
        run_seeds()
    count = workers or default_workers()
    threads = threads or DEFAULT_THREADS
    console.print(
        f"pmpath (production, {count} processes of {threads} threads) is running at "
        f"[bold]http://{shown_host}:{port}/[/]",
        highlight=False,
    )
    sys.stdout.flush()
    from django.db import connections

    connections.close_all()  # no connection may be shared by the forked processes
    run_gunicorn(host=host, port=port, workers=count, threads=threads)


def worker(
    workers: int = typer.Option(2, "--workers", "-w", min=1, max=32, help="Worker threads."),
) -> None:
    """Run the background task worker (for deployments that separate web and worker)."""
    ensure_database()
    from django.core.management import call_command

    call_command("run_huey", workers=workers, worker_type="thread")


def demo(
    user: str = typer.Option(..., "--user", help="Load the demo candidate into this account."),
    as_json: bool = typer.Option(False, "--json", help="Print what was loaded as JSON."),
) -> None:
    """Load the demo candidate's data into an account (idempotent)."""
    account = get_user(user)
    from pmpath.core.demo import load_demo

    loaded = load_demo(account)
    if as_json:
        print_json({"user": account.username, "loaded": loaded})
        return
    console.print(f"Demo data loaded for {account.username}:", highlight=False)
    for line in loaded:
        console.print(f"  {line}", highlight=False)


def manage(ctx: typer.Context) -> None:
    """Run a Django management command, e.g. `pmpath manage createsuperuser`."""
    bootstrap()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["pmpath manage", *ctx.args])


def register(app: typer.Typer) -> None:
    app.command()(setup)
    app.command()(serve)
    app.command()(worker)
    app.command()(demo)
    app.command(
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
        add_help_option=False,
    )(manage)
