"""`pmpath resume import` and `pmpath resume export`."""

from __future__ import annotations

import io
import json
from typing import Any

from pypdf import PdfReader
from typer.testing import CliRunner

from pmpath.cli._django import CLIError
from pmpath.cli.main import app
from pmpath.matching.models import Resume
from tests.matching.resume_factories import full, make_resume, make_versions, priya_text

runner = CliRunner()


def test_it_imports_a_json_resume_for_the_only_user(alice: Any, tmp_path: Any) -> None:
    path = tmp_path / "maya.json"
    path.write_text(json.dumps(full()))
    result = runner.invoke(app, ["resume", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported maya.json (2 jobs" in result.output
    assert Resume.objects.get(user=alice).data == full()
    again = runner.invoke(app, ["resume", "import", str(path), "--user", "alice"])
    assert "changed nothing" in again.output


def test_an_invalid_json_resume_lists_each_path_and_fails(alice: Any, tmp_path: Any) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"work": [{"startDate": "2020-13-45", "highlights": "x"}]}))
    result = runner.invoke(app, ["resume", "import", str(path)])
    assert isinstance(result.exception, CLIError)
    assert "bad.json is not valid JSON Resume (2 problems)" in str(result.exception)
    assert "work[0].highlights: 'x' should be a list" in result.output
    assert "work[0].startDate: '2020-13-45' is not a date" in result.output
    assert not Resume.objects.filter(user=alice).exists()


def test_a_text_resume_leaves_a_draft_unless_confirmed(alice: Any, tmp_path: Any) -> None:
    path = tmp_path / "priya.txt"
    path.write_text(priya_text())
    result = runner.invoke(app, ["resume", "import", str(path)])
    assert "found 3 jobs" in result.output and "Resume page" in result.output
    assert Resume.objects.get(user=alice).draft is not None
    confirmed = runner.invoke(app, ["resume", "import", str(path), "--confirm", "merge"])
    assert confirmed.exit_code == 0, confirmed.output
    resume = Resume.objects.get(user=alice)
    assert resume.draft is None and resume.data["basics"]["name"] == "Priya Raman"


def test_it_exports_json_to_standard_output_and_a_version_as_pdf(alice: Any, tmp_path: Any) -> None:
    make_resume(alice)
    make_versions(alice, 2)
    result = runner.invoke(app, ["resume", "export", "--format", "json-resume"])
    assert json.loads(result.stdout) == full()
    out = tmp_path / "v2.pdf"
    result = runner.invoke(
        app, ["resume", "export", "--format", "pdf", "--version", "version 2", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Wrote Version 2 as pdf" in result.output
    text = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "Maya Okafor" in text
    html = runner.invoke(app, ["resume", "export", "--format", "html"])
    assert "<h1>Maya Okafor</h1>" in html.stdout


def test_wrong_options_are_one_clear_line(alice: Any, tmp_path: Any) -> None:
    make_resume(alice)
    cases = {
        ("--format", "docx"): "--format: 'docx' is not a format",
        ("--format", "pdf"): "--out: give a file for the PDF",
        ("--version", "Nope"): "--version: no tailored version named 'Nope'",
    }
    for args, message in cases.items():
        result = runner.invoke(app, ["resume", "export", *args])
        assert isinstance(result.exception, CLIError) and message in str(result.exception)
    missing = runner.invoke(app, ["resume", "import", str(tmp_path / "none.pdf")])
    assert "none.pdf: no such file" in str(missing.exception)
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-" + bytes(11 << 20))
    refused = runner.invoke(app, ["resume", "import", str(big)])
    assert "big.pdf: the file is 11 MB; the limit is 10 MB" in str(refused.exception)


def test_an_empty_resume_is_not_exported(alice: Any) -> None:
    result = runner.invoke(app, ["resume", "export"])
    assert "the resume is empty" in str(result.exception)
