"""`pmpath portfolio export`: the same exports as the web pages, from a terminal."""

import io
import zipfile

from pypdf import PdfReader
from typer.testing import CliRunner

from pmpath.cli._django import CLIError
from pmpath.cli.main import app
from tests.portfolio.factories import make_case

runner = CliRunner()


def test_it_exports_the_site_as_a_zip(alice, tmp_path):
    make_case(alice, title="Helping sellers publish")
    out = tmp_path / "portfolio.zip"
    result = runner.invoke(
        app, ["portfolio", "export", "--format", "site", "--out", str(out), "--user", "alice"]
    )
    assert result.exit_code == 0, result.output
    assert "1 published case study" in result.output
    names = zipfile.ZipFile(out).namelist()
    assert "index.html" in names and "helping-sellers-publish.html" in names


def test_it_exports_the_pdf_for_the_only_user_without_user(alice, tmp_path):
    make_case(alice, title="Helping sellers publish")
    out = tmp_path / "portfolio.pdf"
    result = runner.invoke(app, ["portfolio", "export", "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Helping sellers publish" in text


def test_a_wrong_format_or_place_is_one_clear_line(alice, tmp_path):
    # CLIError ends the command; run() prints it as one line (tests/cli/test_errors.py).
    wrong = runner.invoke(
        app, ["portfolio", "export", "--format", "docx", "--out", str(tmp_path / "x")]
    )
    assert isinstance(wrong.exception, CLIError)
    assert "'docx' is not a format; use site or pdf" in str(wrong.exception)
    folder = runner.invoke(app, ["portfolio", "export", "--format", "site", "--out", str(tmp_path)])
    assert "is a folder" in str(folder.exception)
    missing = runner.invoke(
        app, ["portfolio", "export", "--format", "site", "--out", str(tmp_path / "no" / "x.zip")]
    )
    assert "does not exist" in str(missing.exception)


def test_several_users_must_say_whose_portfolio(alice, bob, tmp_path):
    result = runner.invoke(
        app, ["portfolio", "export", "--format", "site", "--out", str(tmp_path / "p.zip")]
    )
    assert "say whose portfolio with --user" in str(result.exception)
