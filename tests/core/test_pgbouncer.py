"""pmpath works behind PgBouncer in transaction mode (PMPATH_DATABASE_POOLED=1): a real
PgBouncer with a pool of two server connections in front of the local PostgreSQL, several
threads reading and writing at once, a streamed export and a bulk import through it."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

POSTGRES = ("127.0.0.1", 5432)

SCRIPT = r"""
import threading
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client

db = settings.DATABASES["default"]
assert db["DISABLE_SERVER_SIDE_CURSORS"] and db["OPTIONS"]["prepare_threshold"] is None
call_command("migrate", verbosity=0)

from pmpath.accounts.models import User
from pmpath.network.models import Contact

user = User.objects.create_user("alice", password="a long test password 42")
Contact.objects.bulk_create(
    [Contact(user=user, first_name="Person", last_name=f"{i:05d}") for i in range(3000)],
    batch_size=500,
)

errors = []

def work(n):
    try:
        for i in range(40):
            Contact.objects.create(user=user, first_name=f"Thread {n}", last_name=f"contact {i}")
            streamed = sum(1 for _ in Contact.objects.filter(user=user).iterator(chunk_size=200))
            assert streamed >= 3000
    except Exception as exc:  # reported below
        errors.append(repr(exc))
    finally:
        connections.close_all()

threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not errors, errors
assert Contact.objects.filter(user=user).count() == 3000 + 4 * 40

client = Client(HTTP_HOST="127.0.0.1")
client.force_login(user)
export = client.get("/network/export.csv")
assert export.status_code == 200
body = b"".join(export.streaming_content) if export.streaming else export.content
assert body.count(b"\n") >= 3160, body[:200]
with connection.cursor() as cursor:
    cursor.execute("SHOW transaction_isolation")
print("ok", Contact.objects.count())
"""


def _up(address: tuple[str, int]) -> bool:
    try:
        with socket.create_connection(address, timeout=0.5):
            return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _required() -> bool:
    return os.environ.get("PMPATH_REQUIRE_POSTGRES") == "1"


@pytest.fixture
def pgbouncer(tmp_path: Path):
    binary = shutil.which("pgbouncer") or (
        "/usr/sbin/pgbouncer" if Path("/usr/sbin/pgbouncer").exists() else None
    )
    if binary is None or not _up(POSTGRES):
        if _required():
            pytest.fail(
                "PgBouncer and PostgreSQL on 127.0.0.1:5432 are needed (apt-get install pgbouncer)"
            )
        pytest.skip("no pgbouncer binary or no PostgreSQL on 127.0.0.1:5432")
    name = f"pmpath_pgbouncer_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    # Its own folder under /tmp: PgBouncer may run as another user (below), who cannot enter
    # pytest's private temporary folders.
    folder = Path(tempfile.mkdtemp(prefix="pmpath-pgbouncer-"))
    port = _free_port()
    (folder / "users.txt").write_text('"postgres" ""\n')
    (folder / "pgbouncer.ini").write_text(
        f"[databases]\npmpath = host=127.0.0.1 port=5432 dbname={name} user=postgres\n"
        "[pgbouncer]\nlisten_addr = 127.0.0.1\n"
        f"listen_port = {port}\nauth_type = trust\nauth_file = {folder}/users.txt\n"
        "pool_mode = transaction\ndefault_pool_size = 2\nmax_client_conn = 50\n"
        f"unix_socket_dir =\nlogfile = {folder}/pgbouncer.log\npidfile = {folder}/pgbouncer.pid\n"
    )
    command = [binary]
    if os.geteuid() == 0:  # PgBouncer refuses to run as root
        postgres = pwd.getpwnam("postgres")
        for path in (folder, *folder.iterdir()):
            os.chown(path, postgres.pw_uid, postgres.pw_gid)
        command += ["-u", "postgres"]
    process = subprocess.Popen([*command, str(folder / "pgbouncer.ini")])
    deadline = time.monotonic() + 10
    while not _up(("127.0.0.1", port)):
        assert process.poll() is None, (folder / "pgbouncer.log").read_text()
        assert time.monotonic() < deadline, "PgBouncer did not start"
        time.sleep(0.05)
    yield f"postgresql://postgres@127.0.0.1:{port}/pmpath"
    process.terminate()
    process.wait(timeout=10)
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=False
    )


def test_it_works_behind_pgbouncer_in_transaction_mode(pgbouncer: str, tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PMPATH_", "DATABASE_URL"))}
    env.update(
        PMPATH_DATA_DIR=str(tmp_path / "data"),
        DATABASE_URL=pgbouncer,
        PMPATH_DATABASE_POOLED="1",
        DJANGO_SETTINGS_MODULE="pmpath.settings",
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("ok 3160")
