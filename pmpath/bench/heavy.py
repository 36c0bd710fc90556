"""The heavy user: a year of a busy candidate's data, built deterministically from a seed."""

from __future__ import annotations

import hashlib
import random
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from pmpath.bench import registry
from pmpath.core.knowledge import is_current, mark_loaded

HEAVY_PASSWORD = "heavy user bench password"


def heavy_username(index: int) -> str:
    return "heavy" if index == 0 else f"heavy-{index:04d}"


def seed(*, scale: float = 1.0, users: int = 1, seed: int = 42, force: bool = False) -> list[str]:
    """Build (or rebuild) the heavy users. Skips the work when the same data is already there."""
    registry.discover()
    names = sorted(registry.GENERATORS)
    # The data folder too: it holds what the rows point at (uploaded pictures, the secret that
    # signs calendar links, the saved ranking index), so a database seeded beside another
    # folder is rebuilt rather than measured with 404s.
    folder = Path(settings.DATA_DIR).resolve()
    recipe = f"scale={scale};users={users};seed={seed};generators={','.join(names)};data={folder}"
    fingerprint = hashlib.sha256(recipe.encode()).hexdigest()
    User = get_user_model()
    present = User.objects.filter(username=heavy_username(0)).exists()
    if not force and present and is_current("bench.heavy", fingerprint):
        return ["heavy data already present (use --force to rebuild)"]
    lines = []
    User.objects.filter(username__startswith="heavy").delete()
    for index in range(users):
        user = User.objects.create_user(username=heavy_username(index), password=HEAVY_PASSWORD)
        rng = random.Random(seed * 1_000_003 + index)
        for entry in sorted(registry.GENERATORS.values(), key=lambda g: (g.order, g.name)):
            started = time.perf_counter()
            with transaction.atomic():
                summary = entry.run(user, rng, scale)
            if index == 0:
                lines.append(f"{entry.name}: {summary} ({time.perf_counter() - started:.1f}s)")
    mark_loaded("bench.heavy", 1, fingerprint)
    # Bulk inserts leave PostgreSQL's planner statistics empty until autovacuum gets round to
    # them; a live database has them, so measure with them. A rebuild also leaves the old
    # rows dead in the tables (215,000 dead postings beside 100,000 live ones cost hosted mode
    # a quarter of its throughput), so reclaim them first; VACUUM cannot run inside a
    # transaction (the tests' own), where ANALYZE alone has to do.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return lines


def heavy_user() -> Any:
    return get_user_model().objects.get(username=heavy_username(0))


def browser_cookie(user: Any) -> str:
    """The Cookie header of a browser signed in as `user`: the session, and the CSRF cookie its
    first form page set (without it, every page with a form would set a new one, and a page
    that sets a cookie is not cached)."""
    from django.http import HttpRequest
    from django.middleware.csrf import get_token
    from django.test import Client

    client = Client()
    client.force_login(user)
    request = HttpRequest()
    get_token(request)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    csrf = request.META["CSRF_COOKIE"]
    return f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}"
