"""A person's data, whole: export, import into a new account, delete. The heavy user's
generators put data in every area, so these tests reach every app's models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models

from pmpath.core import account_data
from pmpath.core.account_data import AccountDataError, import_account, owned_models
from tests.conftest import make_user

STAMPS = {"created_at", "updated_at"}


def _reachable_from_users() -> set[str]:
    """Worked out here independently: a model holds user data when deleting a user deletes
    its rows, through a chain of cascading keys."""
    user = apps.get_model(settings.AUTH_USER_MODEL)
    all_models = [m for m in apps.get_models(include_auto_created=True) if m is not user]

    def cascades(f: Any) -> bool:
        return f.is_relation and f.remote_field.on_delete is models.CASCADE

    found = {
        m._meta.label
        for m in all_models
        if any(f.related_model is user for f in m._meta.concrete_fields if cascades(f))
    } - set(account_data.NOT_USER_DATA)
    while True:
        more = {
            m._meta.label
            for m in all_models
            if m._meta.label not in found
            and m._meta.label not in account_data.NOT_USER_DATA
            and any(
                f.related_model._meta.label in found for f in m._meta.concrete_fields if cascades(f)
            )
        }
        if not more:
            return found
        found |= more


@pytest.fixture
def rich(db: Any) -> Any:
    """The heavy user at a tiny scale, plus what the generators do not make: an uploaded image,
    an API token and an own interview question."""
    from pmpath.accounts.services import create_token
    from pmpath.bench.heavy import heavy_user, seed
    from tests.portfolio.factories import make_case, make_image

    seed(scale=0.01, force=True)
    user = heavy_user()
    case = make_case(user, title="Exported case", slug="exported-case")
    make_image(user, case)
    create_token(user, name="laptop")
    return user


def _canonical(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The records with ids replaced by each row's position among its model's rows, so two
    exports compare equal when they hold the same data however the rows were numbered."""
    order = {
        label: {row["id"]: index for index, row in enumerate(rows)}
        for label, rows in document["records"].items()
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for label, rows in document["records"].items():
        model = apps.get_model(label)
        canon = []
        for row in rows:
            fields = {}
            for name, value in row["fields"].items():
                f = model._meta.get_field(name)
                if f.is_relation and value is not None and not isinstance(value, dict):
                    value = ("row", order[f.related_model._meta.label][value])
                elif isinstance(f, models.FileField) and value:
                    value = value.rsplit("/", 1)[-1]
                fields[name] = value
            canon.append(fields)
        out[label] = canon
    return out


def test_every_model_holding_user_data_is_exported(db):
    assert {o.label for o in owned_models()} == _reachable_from_users()


def test_the_export_holds_every_row_of_every_model_the_user_owns(rich):
    document, _ = account_data.export_account(rich)
    for owned in owned_models():
        stored = account_data.user_rows(owned, rich).count()
        assert document["counts"].get(owned.label, 0) == stored, owned.label
    # Data in every area, so the round trip below reaches every app.
    areas = {label.split(".")[0] for label in document["counts"]}
    assert {"career", "jobs", "network", "interview", "portfolio", "accounts"} <= areas


def test_catalogue_references_are_natural_keys_not_ids(rich):
    document, _ = account_data.export_account(rich)
    ratings = document["records"]["career.BehaviourRating"]
    behaviour = ratings[0]["fields"]["behaviour"]
    assert set(behaviour["key"]) == {"level", "competency", "order"}
    assert set(behaviour["key"]["level"]) == {"key"}


def test_an_account_survives_export_delete_and_import_unchanged(
    rich, tmp_path, django_capture_on_commit_callbacks
):
    first = rich
    out = tmp_path / "heavy.zip"
    summary = account_data.write_export_zip(first, out)
    image = summary["files"][0]
    with django_capture_on_commit_callbacks(execute=True):
        account_data.delete_account(first)
    assert not default_storage.exists(image)

    document, files, checksum = account_data.read_export(out)
    before = json.loads(json.dumps(document))  # the import must not change what it was given
    assert before["counts"] == summary["counts"]
    report = import_account(document, files=files, checksum=checksum, username="heavy-copy")
    assert report.records == sum(before["counts"].values())
    copy = apps.get_model(settings.AUTH_USER_MODEL).objects.get(username="heavy-copy")
    after, names = account_data.export_account(copy)
    after["records"].pop("core.AccountImport")
    assert _canonical(after) == _canonical(before)
    copied = []
    for name in names:
        with default_storage.open(name, "rb") as handle:
            copied.append(handle.read())
    assert sorted(copied) == sorted(files[name] for name in before["files"])
    assert not copy.has_usable_password()


def test_importing_the_same_export_twice_creates_nothing_new(rich, tmp_path):
    path = tmp_path / "heavy.json"
    path.write_text(account_data.export_json(rich))
    document, files, checksum = account_data.read_export(path)
    first = import_account(document, files=files, checksum=checksum, username="twin")
    total = _row_total()
    again = import_account(document, files=files, checksum=checksum, username="twin")
    assert again.already is not None and "nothing changed" in again.headline
    assert _row_total() == total
    assert first.records > 100


def test_a_copy_on_the_same_instance_gets_new_calendar_uids(rich, tmp_path):
    from pmpath.jobs.models import Interview

    path = tmp_path / "heavy.json"
    path.write_text(account_data.export_json(rich))
    document, files, checksum = account_data.read_export(path)
    import_account(document, files=files, checksum=checksum, username="twin")
    twin = apps.get_model(settings.AUTH_USER_MODEL).objects.get(username="twin")
    mine = set(Interview.objects.owned_by(rich).values_list("uid", flat=True))
    theirs = set(Interview.objects.owned_by(twin).values_list("uid", flat=True))
    assert len(theirs) == len(mine) > 0 and not mine & theirs


def _row_total() -> int:
    return sum(m._default_manager.count() for m in apps.get_models(include_auto_created=True))


def test_it_refuses_an_existing_username(alice, tmp_path):
    path = tmp_path / "alice.json"
    path.write_text(account_data.export_json(alice))
    document, files, checksum = account_data.read_export(path)
    with pytest.raises(AccountDataError, match="already exists: import as a new account"):
        import_account(document, files=files, checksum=checksum)


def test_a_bad_record_is_named_and_nothing_is_imported(alice, tmp_path):
    from pmpath.jobs.services import create_application

    create_application(alice, role_title="Product Manager", company_name="Acme")
    document, _ = account_data.export_account(alice)
    row = document["records"]["jobs.Application"][0]
    row["fields"]["stage"] = 999_999  # a stage the file does not hold
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document))
    document, files, checksum = account_data.read_export(path)
    total = _row_total()
    with pytest.raises(AccountDataError, match=r"jobs.Application record \d+: field 'stage'"):
        import_account(document, files=files, checksum=checksum, username="newcomer")
    assert _row_total() == total


def test_it_refuses_a_file_that_is_not_an_export(tmp_path):
    path = tmp_path / "notes.json"
    path.write_text('{"hello": 1}')
    with pytest.raises(AccountDataError, match="notes.json: not a pmpath account export"):
        account_data.read_export(path)
    path.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(AccountDataError, match="notes.json"):
        account_data.read_export(path)


def test_it_refuses_records_of_a_model_this_version_lacks(alice, tmp_path):
    document, _ = account_data.export_account(alice)
    document["records"]["future.Thing"] = [{"id": 1, "fields": {}}]
    path = tmp_path / "future.json"
    path.write_text(json.dumps(document))
    with pytest.raises(AccountDataError, match="future.Thing records"):
        account_data.read_export(path)


def test_deleting_an_account_removes_every_row_and_file_and_spares_others(
    rich, django_capture_on_commit_callbacks
):
    bob = make_user("bob")
    from tests.portfolio.factories import make_case, make_image

    bobs_image = make_image(bob, make_case(bob, slug="bobs"))
    bob_rows = {o.label: account_data.user_rows(o, bob).count() for o in owned_models()}
    mine = {
        o.label: list(account_data.user_rows(o, rich).values_list("pk", flat=True))
        for o in owned_models()
    }
    folder = Path(settings.MEDIA_ROOT) / "portfolio" / str(rich.pk)
    assert folder.is_dir()

    with django_capture_on_commit_callbacks(execute=True):
        account_data.delete_account(rich)

    for owned in owned_models():
        assert not owned.model._default_manager.filter(pk__in=mine[owned.label]).exists()
        assert account_data.user_rows(owned, bob).count() == bob_rows[owned.label]
    assert not folder.exists()
    assert default_storage.exists(bobs_image.image.name)


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([], '"records" and "user" must be JSON objects'),
        ({"network.Contact": {"id": 1}}, "the network.Contact records are not a list"),
        ({"network.Contact": [7]}, "network.Contact record number 1 is malformed"),
    ],
)
def test_a_malformed_export_is_refused_with_one_message(alice, tmp_path, records, message):
    document, _ = account_data.export_account(alice)
    document["records"] = records
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(document))
    with pytest.raises(AccountDataError, match=f"odd.json: {message}"):
        account_data.read_export(path)
