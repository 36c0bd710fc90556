"""The deployment recipe in deploy/ is checked by the tools that will read it: systemd's own
verifier for the units, `nginx -t` for the site (as `pmpath bench load` renders it, with a
self-signed certificate). The load test then runs that very site in front of two web
processes (docs/deploying.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pmpath.bench import hosted

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def _tool(name: str) -> str:
    found = shutil.which(name) or (
        f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None
    )
    if found is None:
        if os.environ.get("PMPATH_REQUIRE_E2E") == "1":  # CI installs them
            pytest.fail(f"{name} is needed for this test")
        pytest.skip(f"no {name} here")
    return found


def test_the_systemd_units_pass_systemds_verifier(tmp_path: Path):
    verify = _tool("systemd-analyze")
    pmpath = str(Path(sys.executable).with_name("pmpath"))
    units = []
    for unit in (DEPLOY / "systemd").glob("*.service"):
        text = unit.read_text().replace("/srv/pmpath/.venv/bin/pmpath", pmpath)
        name = unit.name.replace("@.service", "@8001.service")
        (tmp_path / name).write_text(text)
        units.append(str(tmp_path / name))
    assert len(units) == 2
    done = subprocess.run(
        [verify, "verify", "--man=no", *units], capture_output=True, text=True, timeout=60
    )
    complaints = [line for line in done.stderr.splitlines() if str(tmp_path) in line]
    assert not complaints, complaints


def test_the_nginx_site_is_valid_as_the_load_test_runs_it(tmp_path: Path):
    nginx = _tool("nginx")
    _tool("openssl")
    folder = tmp_path / "nginx"
    folder.mkdir()
    cert, key = hosted.self_signed(folder)
    conf = hosted.nginx_conf(folder, listen=18443, upstreams=[18001, 18002], cert=cert, key=key)
    done = subprocess.run(
        [nginx, "-t", "-p", str(folder), "-c", str(conf)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr
