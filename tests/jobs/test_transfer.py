"""Applications in and out (CSV, JSON), the activity log and the funnel: services, pages
and the command line."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from typer.testing import CliRunner

from pmpath.cli.main import app
from pmpath.jobs import queries, transfer
from pmpath.jobs.importers.applications import parse_applications_csv, template_csv
from pmpath.jobs.models import Application, StageChange
from pmpath.jobs.services import ensure_stages, move_application, update_application
from tests.jobs.factories import make_application
from tests.perf import assert_constant_queries

runner = CliRunner()


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def stage(user, name):
    return next(s for s in ensure_stages(user) if s.name == name)


def a_search(user):
    """Three applications: one moved to Screening, one rejected after applying, one saved."""
    first = make_application(user, role_title="PM, Payments", company_name="Acme")
    update_application(
        user,
        application_id=first.pk,
        source="Referral",
        notes="=HYPERLINK(1)",
        applied_on=date(2026, 3, 2),
    )
    move_application(user, application_id=first.pk, stage_id=stage(user, "Applied").pk)
    move_application(user, application_id=first.pk, stage_id=stage(user, "Screening").pk)
    second = make_application(user, role_title="Senior PM", company_name="Globex")
    update_application(user, application_id=second.pk, source="LinkedIn")
    move_application(user, application_id=second.pk, stage_id=stage(user, "Applied").pk)
    move_application(user, application_id=second.pk, stage_id=stage(user, "Rejected").pk)
    make_application(user, role_title="APM", company_name="Initech")
    return first, second


def grow_history(user, count):
    """Bring the user's applications up to `count`, each with two moves."""
    stages = ensure_stages(user)
    now = timezone.now()
    have = Application.objects.filter(user=user).count()
    made = Application.objects.bulk_create(
        [
            Application(
                user=user,
                role_title=f"Role {i}",
                stage=stages[1],
                position=i,
                stage_changed_at=now,
                source=("LinkedIn", "Referral", "Site")[i % 3],
            )
            for i in range(have, count)
        ]
    )
    StageChange.objects.bulk_create(
        [
            StageChange(user=user, application=a, to_stage=s, changed_at=now - timedelta(days=d))
            for a in made
            for s, d in ((stages[0], 5), (stages[1], 1))
        ]
    )


# --- CSV round trip and idempotence ---------------------------------------------------------


def test_an_exported_csv_reimports_into_a_fresh_account_unchanged(alice, bob):
    a_search(alice)
    exported = transfer.export_applications_csv(alice)
    report = transfer.import_applications(bob, "alice.csv", exported.encode())
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert report.problems == []
    assert transfer.export_applications_csv(bob) == exported
    rows = {r["role"]: r for r in rows_of(exported)}
    assert rows["PM, Payments"]["notes"] == "'=HYPERLINK(1)"  # never a live formula
    bobs = Application.objects.get(user=bob, role_title="PM, Payments")
    assert bobs.notes == "=HYPERLINK(1)" and bobs.stage.name == "Screening"
    assert bobs.applied_on == date(2026, 3, 2) and bobs.company.name == "Acme"


def test_importing_the_same_file_twice_changes_nothing(alice):
    a_search(alice)
    exported = transfer.export_applications_csv(alice).encode()
    before = (Application.objects.count(), StageChange.objects.count())
    report = transfer.import_applications(alice, "again.csv", exported)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert (Application.objects.count(), StageChange.objects.count()) == before
    report = transfer.import_applications(alice, "again.csv", exported)
    assert report.unchanged == 3 and report.headline.endswith("0 new, 0 updated, 3 unchanged.")


def test_a_changed_stage_in_the_file_is_recorded_as_a_move(alice):
    first, _ = a_search(alice)
    text = transfer.export_applications_csv(alice).replace(
        'PM, Payments",Acme,Screening', 'PM, Payments",Acme,Interviewing'
    )
    report = transfer.import_applications(alice, "moved.csv", text.encode())
    assert (report.updated, report.unchanged) == (1, 2)
    first.refresh_from_db()
    assert first.stage.name == "Interviewing"
    last = StageChange.objects.filter(application=first).order_by("-id").first()
    assert (last.from_stage.name, last.to_stage.name) == ("Screening", "Interviewing")


def test_columns_the_file_leaves_out_are_left_alone(alice):
    first, _ = a_search(alice)
    text = 'company,role,applied_on\nACME,"pm,  payments",2026-03-02\n'
    report = transfer.import_applications(alice, "short.csv", text.encode())
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    first.refresh_from_db()
    assert first.notes == "=HYPERLINK(1)" and first.source == "Referral"


def test_bad_rows_are_reported_by_row_and_field_and_the_rest_import(alice):
    ensure_stages(alice)
    text = (
        "Role,Company,Stage,Applied on,Archived,Next action due\r\n"
        "PM Growth,Acme,Applied,2026-01-12,,\r\n"
        ",Acme,Applied,2026-01-13,,\r\n"
        "PM Search,Globex,Shortlisted,someday,maybe,31/02/2026\r\n"
        "PM Growth,acme,Screening,2026-01-12,,\r\n"
    )
    report = transfer.import_applications(alice, "mine.csv", text.encode())
    found = {(p.position, p.field) for p in report.problems}
    assert ("row 3", "role") in found
    assert {("row 4", "stage"), ("row 4", "applied_on"), ("row 4", "archived")} <= found
    assert ("row 4", "next_action_due") in found
    assert ("row 5", "role") in found  # same company, role and date as row 2
    assert report.created == 2
    search = Application.objects.get(user=alice, role_title="PM Search")
    assert search.stage.name == "Saved" and search.applied_on is None
    assert search.archived_at is None
    stage_problem = next(p for p in report.problems if p.field == "stage")
    assert "Shortlisted" in stage_problem.message and "Saved, Applied" in stage_problem.message


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "The file is empty."),
        (b"company,stage\nAcme,Applied\n", "no role column"),
    ],
)
def test_a_file_that_cannot_be_read_says_why_and_imports_nothing(alice, data, message):
    report = transfer.import_applications(alice, "x.csv", data)
    assert report.total == 0 and message in report.problems[0].message
    assert not Application.objects.filter(user=alice).exists()


def test_the_import_is_all_or_nothing(alice, monkeypatch):
    from pmpath.jobs.models import StageChange as Model

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    text = "role,company\nPM A,Acme\nPM B,Globex\n"
    monkeypatch.setattr(Model.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        transfer.import_applications(alice, "x.csv", text.encode())
    assert not Application.objects.filter(user=alice).exists()


def test_the_template_reads_back_without_problems():
    parsed = parse_applications_csv(template_csv().encode())
    assert parsed.problems == []
    assert [a.role for a in parsed.applications] == [
        "Product Manager, Growth",
        "Associate Product Manager",
    ]


def test_a_semicolon_file_from_european_excel_imports(alice):
    text = "Position;Employer;Status;Date applied\r\nPM;Acme;Applied;12.01.2026\r\n"
    report = transfer.import_applications(alice, "excel.csv", text.encode("cp1252"))
    assert report.created == 1
    application = Application.objects.get(user=alice)
    assert application.applied_on == date(2026, 1, 12) and application.stage.name == "Applied"


# --- JSON, activity log, funnel CSV -------------------------------------------------------


def test_the_json_export_has_every_application_with_its_history(alice):
    a_search(alice)
    data = transfer.export_applications_json(alice)
    assert data["format"] == "pmpath-applications" and data["version"] == 1
    assert [s["name"] for s in data["stages"]][:2] == ["Saved", "Applied"]
    by_role = {a["role"]: a for a in data["applications"]}
    assert [h["stage"] for h in by_role["Senior PM"]["history"]] == ["Saved", "Applied", "Rejected"]
    assert by_role["PM, Payments"]["applied_on"] == "2026-03-02"
    assert by_role["Senior PM"]["stage_outcome"] == "lost"
    json.dumps(data)


def test_the_activity_log_lists_each_application_with_dated_moves(alice):
    a_search(alice)
    rows = rows_of(transfer.activity_csv(alice))
    payments = rows[0]
    assert payments["role"] == "PM, Payments"  # applied first
    assert payments["company"] == "Acme" and payments["source"] == "Referral"
    assert payments["applied_on"] == "2026-03-02" and payments["stage"] == "Screening"
    today = timezone.now().date().isoformat()
    assert payments["stage_changes"] == f"{today} Saved; {today} Applied; {today} Screening"


def test_the_activity_log_keeps_to_the_dates_asked_for(alice):
    a_search(alice)
    Application.objects.filter(user=alice, role_title="PM, Payments").update(
        applied_on=date(2020, 1, 5)
    )
    StageChange.objects.filter(user=alice, application__role_title="PM, Payments").update(
        changed_at=timezone.now() - timedelta(days=2000)
    )
    rows = rows_of(transfer.activity_csv(alice, start=date(2020, 1, 1), end=date(2020, 1, 31)))
    assert [r["role"] for r in rows] == ["PM, Payments"]
    recent = rows_of(transfer.activity_csv(alice, start=timezone.now().date()))
    assert {r["role"] for r in recent} == {"Senior PM", "APM"}


def test_the_funnel_csv_has_a_row_per_stage_and_per_source(alice):
    a_search(alice)
    stages = rows_of(transfer.user_funnel_csv(alice))
    applied = next(r for r in stages if r["stage"] == "Applied")
    assert applied["reached"] == "2" and applied["conversion_to_next_percent"] == "50.0"
    assert next(r for r in stages if r["stage"] == "Rejected")["on_path"] == "no"
    sources = {r["source"]: r for r in rows_of(transfer.user_funnel_csv(alice, table="sources"))}
    assert sources["Referral"]["response_rate_percent"] == "100.0"
    assert sources["LinkedIn"]["responded"] == "1"  # a rejection is an answer


def test_the_funnel_query_reads_in_four_queries_then_one_until_something_changes(
    alice, django_assert_num_queries
):
    grow_history(alice, 200)
    ensure_stages(alice)
    with django_assert_num_queries(4):
        funnel = queries.funnel(alice)
    assert funnel.applications == 200 and funnel.sent == 200
    applied = next(r for r in funnel.stages if r.stage.name == "Applied")
    saved = next(r for r in funnel.stages if r.stage.name == "Saved")
    assert applied.reached == 200 and saved.median_days == 4.0
    with django_assert_num_queries(2):  # the stages and the fingerprint
        assert queries.funnel(alice) == funnel
    grow_history(alice, 201)
    assert queries.funnel(alice).applications == 201


# --- pages --------------------------------------------------------------------------------


def test_the_overview_shows_the_funnel_table_and_chart_data(alice, alice_client):
    a_search(alice)
    body = alice_client.get(reverse("jobs:index")).content.decode()
    assert 'id="funnel-heading"' in body and '<table class="funnel-table">' in body
    assert 'id="funnel-data" type="application/json"' in body
    assert "vendor/chart.umd.min.js" in body and "pmpath/funnel.js" in body
    assert "Of <strong>2</strong> applications sent, <strong>1</strong>" not in body
    assert "<strong>2</strong> applications sent, <strong>2</strong> got a response" in body
    assert "a no is an answer too" in body and "Rejected" in body


def test_an_empty_overview_explains_the_funnel_without_a_chart(alice, alice_client):
    body = alice_client.get(reverse("jobs:index")).content.decode()
    assert "The funnel appears once you track applications" in body
    assert "chart.umd.min.js" not in body and "funnel-data" not in body
    assert reverse("jobs:activity_csv") in body


def test_the_overview_with_its_funnel_reads_in_constant_queries(alice, alice_client):
    assert_constant_queries(
        alice_client, reverse("jobs:index"), lambda n: grow_history(alice, n), small=5, large=500
    )


def test_the_downloads_are_csv_and_json_attachments(alice, alice_client):
    a_search(alice)
    for name, kind in [
        ("jobs:applications_export", "text/csv"),
        ("jobs:applications_export_json", "application/json"),
        ("jobs:applications_template", "text/csv"),
        ("jobs:funnel_csv", "text/csv"),
        ("jobs:activity_csv", "text/csv"),
    ]:
        response = alice_client.get(reverse(name))
        assert response.status_code == 200 and response["Content-Type"].startswith(kind)
        assert response["Content-Disposition"].startswith("attachment;")
    ranged = alice_client.get(reverse("jobs:activity_csv") + "?start=2026-01-01&end=2026-12-31")
    assert "2026-01-01-to-2026-12-31" in ranged["Content-Disposition"]
    wrong = alice_client.get(reverse("jobs:activity_csv") + "?start=2026-02-01&end=2026-01-01")
    assert wrong.status_code == 400 and b"start date is after the end date" in wrong.content


def test_the_downloads_read_in_constant_queries(alice, alice_client):
    for name in ("jobs:applications_export", "jobs:activity_csv", "jobs:funnel_csv"):
        assert_constant_queries(
            alice_client, reverse(name), lambda n: grow_history(alice, n), small=5, large=300
        )


def test_the_import_page_reports_what_it_did(alice, alice_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("mine.csv", b"role,company\nPM,Acme\n,Globex\n", "text/csv")
    body = alice_client.post(reverse("jobs:applications_import"), {"file": upload})
    text = body.content.decode()
    assert "Imported from mine.csv: 1 new, 0 updated, 0 unchanged." in text
    assert "row 3" in text and "role is required" in text


def test_the_applications_page_offers_export_and_import(alice, alice_client):
    body = alice_client.get(reverse("jobs:applications")).content.decode()
    for name in (
        "jobs:applications_export",
        "jobs:applications_export_json",
        "jobs:applications_import",
        "jobs:applications_template",
    ):
        assert reverse(name) in body


# --- command line -------------------------------------------------------------------------


def test_the_cli_exports_applications_as_csv_and_json(alice):
    a_search(alice)
    result = runner.invoke(app, ["jobs", "export", "--user", "alice", "--what", "applications"])
    assert result.exit_code == 0, result.output
    assert {r["role"] for r in rows_of(result.output)} == {"PM, Payments", "Senior PM", "APM"}
    result = runner.invoke(
        app, ["jobs", "export", "--user", "alice", "--what", "applications", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["applications"]) == 3


def test_the_cli_export_still_exports_postings_by_default(alice):
    from tests.jobs.factories import make_posting

    make_posting(alice)
    result = runner.invoke(app, ["jobs", "export", "--user", "alice"])
    assert result.exit_code == 0 and result.output.startswith("title,company")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "xml"], "--format must be csv or json"),
        (["--what", "contacts"], "--what must be postings or applications"),
    ],
)
def test_the_cli_export_rejects_unknown_choices(alice, args, message):
    from pmpath.cli._django import CLIError

    result = runner.invoke(app, ["jobs", "export", "--user", "alice", *args])
    # `pmpath` turns a CLIError into one line on standard error (tests/cli/test_errors.py)
    assert isinstance(result.exception, CLIError) and message in str(result.exception)


def test_the_cli_imports_applications_idempotently(alice, tmp_path):
    path = tmp_path / "apps.csv"
    path.write_text(template_csv(), encoding="utf-8")
    first = runner.invoke(
        app, ["jobs", "import-applications", str(path), "--user", "alice", "--json"]
    )
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["created"] == 2
    again = runner.invoke(
        app, ["jobs", "import-applications", str(path), "--user", "alice", "--json"]
    )
    assert json.loads(again.output)["unchanged"] == 2
    assert Application.objects.filter(user=alice).count() == 2


def test_the_cli_prints_the_funnel(alice):
    a_search(alice)
    result = runner.invoke(app, ["jobs", "funnel", "--user", "alice", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["sent"], data["responded"]) == (2, 2)
    table = runner.invoke(app, ["jobs", "funnel", "--user", "alice"])
    assert "Screening" in table.output and "Responses: 2 of 2 sent (100%)" in table.output
