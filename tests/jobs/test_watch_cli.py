"""`pmpath jobs import URL|FILE`, `pmpath jobs board` and `pmpath jobs watch`, through
CliRunner and recorded answers."""

import json

import httpx
from typer.testing import CliRunner

from pmpath.cli._django import CLIError
from pmpath.cli.main import app
from pmpath.jobs import imports
from pmpath.jobs.models import Posting, Watch
from tests.conftest import onboard
from tests.jobs.boardfakes import fixture_answer, greenhouse_jobs, greenhouse_url, json_answer
from tests.jobs.boardfakes import replay as replaying
from tests.jobs.importers import fixture_bytes

runner = CliRunner()


def error_of(result) -> str:
    """The one line `pmpath` prints for a CLIError (main.run turns it into exit status 1)."""
    assert isinstance(result.exception, CLIError), result.output
    return str(result.exception)


GREENHOUSE = "https://boards-api.greenhouse.io/v1/boards/northwindanalytics/jobs?content=true"


def test_jobs_import_takes_a_job_pages_address(alice):
    url = "https://careers.example.test/jobs/42"
    with replaying({url: httpx.Response(200, content=fixture_bytes("jsonld.html"))}):
        result = runner.invoke(app, ["jobs", "import", url, "--user", "alice", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["postings"] == [Posting.objects.get(user=alice).pk]


def test_jobs_import_says_why_an_address_failed(alice):
    url = "http://intranet.test/jobs/1"
    with replaying({}):
        result = runner.invoke(app, ["jobs", "import", url, "--user", "alice"])
    assert error_of(result).startswith(f"{url}: refused, intranet.test is a private")


def test_jobs_import_still_takes_a_file(alice, tmp_path):
    path = tmp_path / "postings.csv"
    path.write_bytes(fixture_bytes("postings.csv"))
    result = runner.invoke(app, ["jobs", "import", str(path), "--user", "alice"])
    assert result.exit_code == 0, result.output
    assert "Imported from postings.csv:" in result.stdout
    assert Posting.objects.filter(user=alice).count() >= 2


def test_a_multi_posting_import_reports_progress_in_chunks(alice, monkeypatch):
    monkeypatch.setattr(imports, "PROGRESS_CHUNK", 2)
    seen = []
    outcome = imports.import_file(
        alice, "postings.csv", fixture_bytes("postings.csv"), progress=lambda *a: seen.append(a)
    )
    total = len(outcome.postings)
    assert total > 2 and seen[0] == (0, total) and seen[-1] == (total, total)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_jobs_board_imports_every_job_as_json(alice):
    with replaying({GREENHOUSE: fixture_answer("greenhouse.json")}):
        result = runner.invoke(
            app, ["jobs", "board", "greenhouse:northwindanalytics", "--user", "alice", "--json"]
        )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["postings"]) == 5
    assert (
        data["summary"]
        == "Imported from greenhouse:northwindanalytics: 5 new, 0 updated, 0 unchanged."
    )
    assert ("jobs[5]", "title") in [(p["position"], p["field"]) for p in data["problems"]]


def test_jobs_board_explains_an_unknown_board(alice):
    with replaying({greenhouse_url("nosuchco"): httpx.Response(404)}):
        result = runner.invoke(app, ["jobs", "board", "greenhouse:nosuchco", "--user", "alice"])
    assert error_of(result).startswith("greenhouse:nosuchco: there is no such board")


def test_jobs_board_explains_how_to_name_a_board(alice):
    result = runner.invoke(app, ["jobs", "board", "northwind", "--user", "alice"])
    assert "write the board as KIND:NAME" in error_of(result)


def test_watch_add_list_poll_pause_and_remove(alice):
    onboard(alice, target_level="pm")
    added = runner.invoke(
        app, ["jobs", "watch", "add", "Acme", "greenhouse:acme", "--user", "alice"]
    )
    assert added.exit_code == 0 and "Watching Acme (greenhouse:acme)." in added.output
    answer = json_answer(greenhouse_jobs("Product Manager, Maps", "Software Engineer"))
    with replaying({greenhouse_url("acme"): answer}):
        polled = runner.invoke(app, ["jobs", "watch", "poll", "--user", "alice", "--json"])
    assert polled.exit_code == 0, polled.output
    assert json.loads(polled.stdout) == [
        {
            "board": "greenhouse:acme",
            "company": "Acme",
            "new": 1,
            "jobs_on_board": 2,
            "not_modified": False,
            "error": "",
        }
    ]
    listed = json.loads(
        runner.invoke(app, ["jobs", "watch", "list", "--user", "alice", "--json"]).stdout
    )
    assert [(w["board"], w["jobs_on_board"], w["active"]) for w in listed] == [
        ("greenhouse:acme", 2, True)
    ]
    paused = runner.invoke(app, ["jobs", "watch", "pause", "greenhouse:acme", "--user", "alice"])
    assert paused.exit_code == 0 and not Watch.objects.get().active
    removed = runner.invoke(
        app, ["jobs", "watch", "remove", str(listed[0]["id"]), "--user", "alice"]
    )
    assert removed.exit_code == 0 and not Watch.objects.exists()


def test_watch_poll_without_a_user_checks_every_due_board(alice, bob):
    for user in (alice, bob):
        runner.invoke(
            app, ["jobs", "watch", "add", "Acme", "greenhouse:acme", "--user", user.username]
        )
    answer = json_answer(greenhouse_jobs("Product Manager"))
    with replaying({greenhouse_url("acme"): answer}) as recorder:
        result = runner.invoke(app, ["jobs", "watch", "poll"])
    assert result.exit_code == 0, result.output
    assert len(recorder.requests) == 2 and Posting.objects.count() == 2
    with replaying({}):
        assert "No boards to check." in runner.invoke(app, ["jobs", "watch", "poll"]).output


def test_watch_commands_name_a_board_that_is_not_watched(alice):
    result = runner.invoke(app, ["jobs", "watch", "remove", "lever:nobody", "--user", "alice"])
    assert error_of(result).startswith("lever:nobody: you do not watch this board")


def test_watch_add_refuses_a_board_watched_already(alice):
    runner.invoke(app, ["jobs", "watch", "add", "Acme", "greenhouse:acme", "--user", "alice"])
    again = runner.invoke(
        app, ["jobs", "watch", "add", "Acme", "greenhouse:acme", "--user", "alice"]
    )
    assert error_of(again) == "you already watch greenhouse:acme"
