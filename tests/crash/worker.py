"""The crash test's worker. Run as `python -m tests.crash.worker` with PMPATH_DATA_DIR (and
DATABASE_URL for PostgreSQL) set; it loads Django once, then for each `run NAME SEED` line on
standard input forks a child that writes through pmpath's real services until it is killed:

- acknowledged writes: a contact saved by the contacts service, its key printed only after
  the service returned (the row is committed): `ack KEY`;
- imports: a LinkedIn Connections.csv (IMPORT_ROWS people) and an applications CSV
  (IMPORT_ROWS applications), announced by `import-start KIND TAG` and `import-done KIND TAG`.

Forking from a loaded parent keeps each run to the time until the kill rather than Django's
start-up, so fifty kills fit in seconds. The child is a real process, killed by SIGKILL."""

from __future__ import annotations

import os
import random
import sys

IMPORT_ROWS = 120


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())  # unbuffered: a printed key is a delivered key


def connections_csv(tag: str) -> bytes:
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice some missing e-mail addresses."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for n in range(IMPORT_ROWS):
        lines.append(
            f"imp,{tag}-{n},https://www.linkedin.com/in/imp-{tag}-{n},imp.{tag}.{n}@example.test,"
            f"Crashco {n % 7},Product Manager,01 Jan 2024"
        )
    return ("\n".join(lines) + "\n").encode()


def applications_csv(tag: str) -> bytes:
    lines = ["role,company,stage,applied_on,notes"]
    for n in range(IMPORT_ROWS):
        lines.append(f"role {tag}-{n},Crashco {n % 5},,2024-03-{1 + n % 28:02d},crash test")
    return ("\n".join(lines) + "\n").encode()


def child(run: str, seed: int) -> None:
    from pmpath.accounts.models import User
    from pmpath.jobs.transfer import import_applications
    from pmpath.network import imports
    from pmpath.network.contacts import save_contact

    rng = random.Random(seed)
    user = User.objects.get(username="crash")
    say(f"ready {run}")
    step = 0
    while True:
        step += 1
        tag = f"{run}-{step}"
        roll = rng.random()
        if roll < 0.12:
            say(f"import-start linkedin {tag}")
            imports.import_file(user, filename=f"{tag}.csv", data=connections_csv(tag))
            say(f"import-done linkedin {tag}")
        elif roll < 0.24:
            say(f"import-start applications {tag}")
            import_applications(user, f"{tag}.csv", applications_csv(tag))
            say(f"import-done applications {tag}")
        else:
            save_contact(user, first_name="ack", last_name=tag, notes="acknowledged write")
            say(f"ack {tag}")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pmpath.settings")
    import django

    django.setup()
    from django.db import connections

    # Load what the child uses before forking, so each child starts at once.
    import pmpath.jobs.transfer
    import pmpath.network.contacts
    import pmpath.network.imports  # noqa: F401

    connections.close_all()  # a child must open its own connection, never share the parent's
    say("zygote")
    for line in sys.stdin:
        words = line.split()
        if words[:1] == ["run"]:
            pid = os.fork()
            if pid == 0:
                try:
                    child(words[1], int(words[2]))
                finally:
                    os._exit(0)
            say(f"pid {pid}")
        elif words[:1] == ["reap"]:
            os.waitpid(int(words[1]), 0)
            say("reaped")


if __name__ == "__main__":
    main()
