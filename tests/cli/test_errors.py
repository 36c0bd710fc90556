"""Bad input ends with one clear line naming the problem, never a traceback. These run the real
`pmpath` command in a subprocess, as a person would."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest


def pmpath(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PMPATH_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-m", "pmpath.cli.main", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_one_clear_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_a_malformed_database_url_is_named(tmp_path: Path):
    result = pmpath(
        "setup", env={"PMPATH_DATA_DIR": str(tmp_path), "DATABASE_URL": "mysql://x@y/z"}
    )
    assert_one_clear_line(result, "DATABASE_URL")


def test_an_unreachable_database_is_named(tmp_path: Path):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://nobody@127.0.0.1:{port}/pmpath"
    result = pmpath("setup", env={"PMPATH_DATA_DIR": str(tmp_path), "DATABASE_URL": url})
    assert_one_clear_line(result, "cannot connect", f"127.0.0.1:{port}")


def test_an_unwritable_data_folder_is_named(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = pmpath("setup", env={"PMPATH_DATA_DIR": str(blocker / "data")})
    assert_one_clear_line(result, "PMPATH_DATA_DIR", "not writable")


def test_a_wrong_setting_value_is_named(tmp_path: Path):
    result = pmpath("setup", env={"PMPATH_DATA_DIR": str(tmp_path), "PMPATH_DEBUG": "perhaps"})
    assert_one_clear_line(result, "PMPATH_DEBUG")


def test_serving_before_setup_says_to_run_setup(tmp_path: Path):
    result = pmpath("serve", "--port", "1", env={"PMPATH_DATA_DIR": str(tmp_path)})
    assert_one_clear_line(result, "pmpath setup")


@pytest.fixture(scope="module")
def ready_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ready")
    result = pmpath("setup", env={"PMPATH_DATA_DIR": str(folder)}, timeout=120)
    assert result.returncode == 0, result.stderr
    return folder


def test_a_taken_port_is_named(ready_data_dir: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = pmpath("serve", "--port", str(port), env={"PMPATH_DATA_DIR": str(ready_data_dir)})
    assert_one_clear_line(result, f"port {port}", "already in use")


def test_an_unknown_user_is_named(ready_data_dir: Path):
    result = pmpath("demo", "--user", "nobody", env={"PMPATH_DATA_DIR": str(ready_data_dir)})
    assert_one_clear_line(result, "no user named 'nobody'")


def test_setup_is_idempotent(ready_data_dir: Path):
    result = pmpath("setup", env={"PMPATH_DATA_DIR": str(ready_data_dir)})
    assert result.returncode == 0
    assert "knowledge base up to date" in result.stdout
