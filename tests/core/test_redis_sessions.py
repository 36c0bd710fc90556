"""Hosted mode with Redis: sessions are cached in Redis and written through to the database."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REDIS = ("127.0.0.1", 6379)

SCRIPT = """
import django
django.setup()
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.sessions.backends.cached_db import SessionStore, KEY_PREFIX
from django.contrib.sessions.models import Session
store = SessionStore()
store["who"] = "alice"
store.save()
assert cache.get(KEY_PREFIX + store.session_key) is not None, "not in the cache"
assert Session.objects.filter(session_key=store.session_key).exists(), "not in the database"
cache.delete(KEY_PREFIX + store.session_key)
assert SessionStore(session_key=store.session_key)["who"] == "alice", "lost without the cache"
print(settings.SESSION_ENGINE, settings.CACHES["default"]["BACKEND"])
"""


def redis_is_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")
def test_sessions_live_in_redis_and_survive_a_flushed_cache(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PMPATH_", "DATABASE_URL"))}
    env.update(
        PMPATH_DATA_DIR=str(tmp_path),
        PMPATH_REDIS_URL="redis://127.0.0.1:6379/14",
        DJANGO_SETTINGS_MODULE="pmpath.settings",
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "cached_db" in done.stdout and "RedisCache" in done.stdout


DOWN_SCRIPT = """
import time
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from pmpath.accounts.models import User
user = User.objects.create_user("alice", password="a long test password 42")
client = Client(HTTP_HOST="127.0.0.1")
login = {"username": "alice", "password": "a long test password 42"}
assert client.post("/accounts/login/", login).status_code == 302
started = time.monotonic()
for _ in range(20):
    assert client.get("/jobs/companies/").status_code == 200
    assert client.post("/jobs/companies/", {"name": "Acme"}).status_code in (200, 302)
print("20 rounds in %.2f s" % (time.monotonic() - started))
"""


def test_the_site_keeps_answering_with_redis_down(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PMPATH_", "DATABASE_URL"))}
    env.update(
        PMPATH_DATA_DIR=str(tmp_path),
        PMPATH_REDIS_URL="redis://127.0.0.1:9/0",  # nothing listens on the discard port
        DJANGO_SETTINGS_MODULE="pmpath.settings",
    )
    done = subprocess.run(
        [sys.executable, "-c", DOWN_SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    seconds = float(done.stdout.split()[3])
    assert seconds < 10, done.stdout  # no connection timeout paid on every request
    assert "Redis unavailable" in done.stderr


def test_the_soft_cache_runs_its_recovery_hooks_when_redis_answers_again():
    from redis.exceptions import ConnectionError as RedisConnectionError

    from pmpath.core import cache as soft

    class Flaky:
        up = False

        def get(self, key, default=None):
            if not self.up:
                raise RedisConnectionError("refused")
            return "value"

    recovered = []

    def hook():
        recovered.append(True)

    soft.on_recovery(hook)
    client = soft._SoftClient(Flaky(), retry_after=0)
    assert client.get("k", "fallback") == "fallback"
    client._client.up = True
    assert client.get("k") == "value"
    assert recovered == [True]
    assert client.get("k") == "value" and recovered == [True]
    soft._recovery_hooks.remove(hook)


def test_the_soft_cache_builds_one_redis_client_per_pool_not_one_per_call():
    from pmpath.core.cache import SoftRedisCache

    backend = SoftRedisCache("redis://127.0.0.1:6379/9", {})
    client = backend._cache._client
    assert client.get_client("a") is client.get_client("b")
    assert client.get_client("a", write=True) is client.get_client("b", write=True)
