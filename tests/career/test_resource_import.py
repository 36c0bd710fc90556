"""Importing and exporting resources through the services: atomic, idempotent, owned."""

import json

import pytest

from pmpath.career.models import Resource
from pmpath.career.resource_queries import export_rows
from pmpath.career.resource_services import ResourceError, import_resources
from pmpath.career.resource_transfer import format_csv, format_json
from tests.conftest import make_user

MINE = (
    "name,provider,kind,cost,currency,skills,levels\n"
    "Our onboarding course,Acme Academy,course,0,,leadership,pm\n"
    "Team reading list,,article,,,communication,\n"
)


def test_a_person_imports_their_own_resources_and_again_changes_nothing(alice):
    first = import_resources(alice, "mine.csv", MINE)
    assert (first.created, first.ok) == (2, True)
    assert set(Resource.objects.filter(owner=alice).values_list("key", flat=True)) == {""}
    again = import_resources(alice, "mine.csv", MINE)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert again.headline == "Imported from mine.csv: 0 new, 0 updated, 2 unchanged."


def test_a_changed_row_updates_only_the_columns_the_file_has(alice):
    import_resources(alice, "mine.csv", MINE)
    report = import_resources(
        alice, "more.csv", "name,provider,kind,hours\nOur onboarding course,Acme Academy,course,6\n"
    )
    assert (report.updated, report.created) == (1, 0)
    course = Resource.objects.get(owner=alice, name="Our onboarding course")
    assert (course.hours, course.skills, course.cost) == (6, ["leadership"], 0)


def test_rows_the_shared_catalogue_has_are_skipped_not_copied(alice):
    text = (
        "key,name,provider,kind\n"
        "the-mom-test,Anything,Anyone,book\n"
        ",Shape Up,Basecamp (Ryan Singer),book\n"
        ",My own,,book\n"
    )
    report = import_resources(alice, "list.csv", text)
    assert (report.in_catalogue, report.created) == (2, 1)
    assert "2 already in the shared catalogue" in report.headline
    assert Resource.objects.get(key="the-mom-test").name == "The Mom Test"


def test_one_bad_row_imports_nothing_and_names_every_problem(alice):
    import_resources(alice, "mine.csv", MINE)
    text = MINE.replace("Team reading list,,article", "Team reading list,,lecture")
    text += "Another,,book,lots,,,\n"
    report = import_resources(alice, "bad.csv", text.replace("Our onboarding", "Renamed"))
    assert not report.ok
    assert [(p.position, p.field) for p in report.problems] == [
        ("row 3", "kind"),
        ("row 4", "cost"),
    ]
    assert report.headline == "Nothing imported from bad.csv: 2 problems to fix first."
    assert Resource.objects.filter(owner=alice).count() == 2
    assert not Resource.objects.filter(name="Renamed").exists()


def test_an_empty_file_is_a_problem_not_a_success(alice):
    assert str(import_resources(alice, "e.csv", "name,kind\n").problems[0]) == (
        "file: has no resources in it"
    )


def test_bobs_import_never_touches_alices_resources(alice, bob):
    import_resources(alice, "mine.csv", MINE)
    report = import_resources(bob, "mine.csv", MINE.replace("0,,leadership", "5,EUR,leadership"))
    assert report.created == 2
    assert Resource.objects.get(owner=alice, name="Our onboarding course").cost == 0
    assert Resource.objects.get(owner=bob, name="Our onboarding course").currency == "EUR"


def test_only_an_admin_imports_into_the_shared_catalogue(alice):
    with pytest.raises(ResourceError, match="only an instance admin"):
        import_resources(alice, "shared.csv", MINE, shared=True)
    admin = make_user("ada", is_staff=True)
    report = import_resources(admin, "shared.csv", MINE, shared=True)
    assert report.created == 2
    assert Resource.objects.filter(owner__isnull=True, name="Team reading list").exists()


def test_a_shared_import_matches_shipped_resources_by_key_and_keeps_new_keys(db):
    text = (
        "key,name,kind,hours\n"
        "the-mom-test,The Mom Test,book,4\n"
        "bootcamp-week-1,Bootcamp week 1,course,10\n"
    )
    report = import_resources(None, "catalogue.csv", text, shared=True)
    assert (report.updated, report.created) == (1, 1)
    assert Resource.objects.get(key="the-mom-test").hours == 4
    assert Resource.objects.get(key="bootcamp-week-1").owner is None
    assert import_resources(None, "catalogue.csv", text, shared=True).unchanged == 2


def test_a_persons_export_reads_back_without_changes_in_both_formats(alice):
    import_resources(alice, "mine.csv", MINE)
    rows = list(export_rows(alice, scope="mine"))
    assert [r["name"] for r in rows] == ["Our onboarding course", "Team reading list"]
    for name, body in [("x.csv", format_csv(rows)), ("x.json", format_json(rows))]:
        report = import_resources(alice, name, body)
        assert (report.created, report.updated, report.unchanged) == (0, 0, 2), name


def test_the_whole_visible_list_reads_back_as_already_there(alice):
    import_resources(alice, "mine.csv", MINE)
    body = format_json(export_rows(alice, scope="all"))
    report = import_resources(alice, "all.json", body)
    shared = Resource.objects.filter(owner__isnull=True).count()
    assert (report.created, report.unchanged, report.in_catalogue) == (0, 2, shared)
    assert json.loads(body)["format"] == "pmpath-resources"
