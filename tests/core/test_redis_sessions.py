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
