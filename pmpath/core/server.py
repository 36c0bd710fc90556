"""The two ways pmpath serves HTTP: waitress for one person on a laptop (threads, in-process
worker, starts in well under a second), gunicorn for a hosted instance (pre-forked processes)."""

from __future__ import annotations

import errno
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# pg_advisory_lock key for schema changes: any fixed 64-bit number unique to pmpath.
MIGRATION_LOCK = 0x706D70617468  # "pmpath"


class PortInUse(Exception):
    pass


def check_port(host: str, port: int) -> None:
    """Bind and release the address first, so a taken port gives one clear line rather than
    gunicorn's five retries or waitress's traceback."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(f"port {port} on {host} is already in use") from None
            raise


# One process per core, each with threads (gunicorn's gthread worker). Measured on one core of
# the reference machine, with every signed-in page in turn on PostgreSQL and Redis
# (docs/performance.md): one process of 8 threads 770-960 requests/s, two of 4 threads 550-575,
# four single-threaded 408. Processes sharing a core pay for switching between them; threads
# wait on Redis and PostgreSQL without holding the interpreter.
DEFAULT_THREADS = 8
KEEPALIVE_SECONDS = 75


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def settle_memory() -> None:
    """After the app is loaded (before workers fork): move every object that lives for the
    process's lifetime out of the garbage collector's sight, and collect less often. A page
    creates thousands of short-lived objects; with the default thresholds the full collections
    they trigger walk every module, model and template too, and show as the slowest 1% of
    requests. Forked workers also keep sharing those pages of memory."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 100)


def run_gunicorn(*, host: str, port: int, workers: int, threads: int = 1) -> None:
    from gunicorn.app.base import BaseApplication

    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    options: dict[str, Any] = {
        "bind": bind,
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "preload_app": True,
        "timeout": 30,
        # Longer than the proxy keeps an idle connection (deploy/nginx/pmpath.conf: 60 s), so
        # the proxy always closes first: a server closing an idle connection just as the proxy
        # sends a request on it shows as a reset, which makes nginx take the process out of
        # service for a while (with one process left, everything fails meanwhile).
        "keepalive": KEEPALIVE_SECONDS,
        "graceful_timeout": 20,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "pmpath",
    }

    class Application(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from pmpath.wsgi import application

            settle_memory()
            return application

    Application().run()


@contextmanager
def migration_lock() -> Iterator[None]:
    """Hold PostgreSQL's advisory lock for schema changes, so web processes starting at once
    apply migrations one after the other (SQLite's immediate transactions already serialise)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])
