"""One person's data, whole: export it, load it into another instance, delete it.

Nothing here names an area's models. What a user owns is worked out from the models
themselves, so an app added tomorrow is covered without touching this file:

- a user's data is what deleting the user deletes: a model whose foreign key to the user
  model cascades owns the rows that point at the user (the field named `user`, else
  `owner`, else the first such key); a key that is only set to null (`updated_by`) is a
  reference, not ownership;
- a model without one belongs to a user through a cascading key to an owned model (a mock's
  items, a many-to-many table's rows), found repeatedly until nothing new turns up;
- anything else a record points at is catalogue (competencies, questions, resources,
  other users): written as its natural key (a unique field, or the fields of a unique
  constraint), never as an id, and looked up by that key when loading.

Loading is atomic (one transaction, files removed again if it fails), maps every old id to
the new one in dependency order, and is idempotent: the export's id is recorded with the new
account (core.AccountImport), so loading the same file again changes nothing."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import io
import json
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from pmpath.core import generation

FORMAT = "pmpath-account"
FORMAT_VERSION = 1
DOCUMENT = "account.json"
FILES = "files/"
MAX_JSON_BYTES = 512 * 1024 * 1024
MAX_ZIP_ENTRIES = 200_000
BATCH = 500
# Rows with a foreign key to a user that are not that user's data.
NOT_USER_DATA = {
    "admin.LogEntry": "the admin site's audit log, about the instance rather than the person",
    "accounts.User_groups": "permission groups are the instance's, given by an admin",
    "accounts.User_user_permissions": "permissions are the instance's, given by an admin",
}


class AccountDataError(Exception):
    """One clear line naming the file, the record and the field."""


# --- which models hold a user's data ------------------------------------------------------


@dataclass(frozen=True)
class Owned:
    model: type[models.Model]
    path: str  # the lookup from a row to its user: "user", "owner", "mock__user"
    owner_field: str | None  # the key to the user on directly owned models

    @property
    def label(self) -> str:
        return self.model._meta.label


def _user_model() -> Any:
    return get_user_model()


def _label(model: Any) -> str:
    return str(model._meta.label)


def _cascades(f: Any) -> bool:
    return bool(f.is_relation and f.remote_field.on_delete is models.CASCADE)


def _owner_key(model: type[models.Model]) -> str | None:
    user = _user_model()
    keys = [f.name for f in model._meta.concrete_fields if _cascades(f) and f.related_model is user]
    for preferred in ("user", "owner"):
        if preferred in keys:
            return preferred
    return keys[0] if keys else None


def owned_models() -> list[Owned]:
    """Every model holding user data, in an order where what a row needs comes before it."""
    user = _user_model()
    found: dict[str, Owned] = {}
    candidates = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m is not user and m._meta.label not in NOT_USER_DATA and m._meta.managed
    ]
    for model in candidates:
        key = _owner_key(model)
        if key:
            found[model._meta.label] = Owned(model, key, key)
    grew = True
    while grew:
        grew = False
        for model in candidates:
            if model._meta.label in found:
                continue
            parents = [
                f
                for f in model._meta.concrete_fields
                if _cascades(f) and _label(f.related_model) in found
            ]
            if parents:
                parents.sort(key=lambda f: f.null)  # a required key is the truer parent
                parent = found[_label(parents[0].related_model)]
                found[model._meta.label] = Owned(model, f"{parents[0].name}__{parent.path}", None)
                grew = True
    return _in_dependency_order(list(found.values()))


def _in_dependency_order(owned: list[Owned]) -> list[Owned]:
    labels = {o.label: o for o in owned}
    needs = {
        o.label: {
            _label(f.related_model)
            for f in o.model._meta.concrete_fields
            if f.is_relation
            and not f.null
            and _label(f.related_model) in labels
            and f.related_model is not o.model
        }
        for o in owned
    }
    ordered: list[Owned] = []
    done: set[str] = set()
    while len(ordered) < len(owned):
        ready = sorted(label for label in labels if label not in done and needs[label] <= done)
        if not ready:
            stuck = sorted(set(labels) - done)
            raise AccountDataError(f"required foreign keys form a cycle among {stuck}")
        for label in ready:
            ordered.append(labels[label])
            done.add(label)
    return ordered


def user_rows(owned: Owned, user: Any) -> models.QuerySet:
    return owned.model._default_manager.filter(**{owned.path: user}).order_by("pk")


# --- values in and out of JSON --------------------------------------------------------------


def _out(f: models.Field, value: Any) -> Any:
    if value is None or isinstance(f, models.JSONField):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    return value


def _in(f: models.Field, value: Any) -> Any:
    if value is None or isinstance(f, models.JSONField):
        return value
    if isinstance(f, models.BinaryField):
        return base64.b64decode(value)
    if isinstance(f, models.DurationField):
        return dt.timedelta(seconds=value)
    if isinstance(f, models.FileField):
        return value
    return f.to_python(value)


def _natural_fields(model: type[models.Model]) -> list[str] | None:
    opts = model._meta
    for f in opts.concrete_fields:
        if f.unique and not f.primary_key:
            return [f.name]
    conditional = None
    for c in opts.constraints:
        if isinstance(c, models.UniqueConstraint) and c.fields:
            if c.condition is None:
                return list(c.fields)
            conditional = conditional or list(c.fields)
    if opts.unique_together:
        return list(opts.unique_together[0])
    return conditional  # e.g. a shipped question's key: unique when set


class _Keys:
    """Natural keys of catalogue rows, written once per row."""

    def __init__(self) -> None:
        self.memo: dict[tuple[str, Any], Any] = {}
        self.user_model = _user_model()

    def of(self, model: type[models.Model], pk: Any) -> Any:
        label = model._meta.label
        if (label, pk) in self.memo:
            return self.memo[(label, pk)]
        names = _natural_fields(model)
        obj = model._default_manager.filter(pk=pk).first()
        if obj is None:
            key: Any = None
        elif not names:
            key = {"pk": _out(model._meta.pk, pk)}
        else:
            key = {}
            for name in names:
                f: Any = model._meta.get_field(name)
                value = getattr(obj, f.attname)
                if f.is_relation and value is not None:
                    key[name] = self.of(f.related_model, value)
                else:
                    key[name] = _out(f, value)
            if not any(v not in ("", None) for v in key.values()):
                key = {"pk": _out(model._meta.pk, pk)}  # a conditional key that is not set
        self.memo[(label, pk)] = key
        return key


def _lookup(model: type[models.Model], key: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, value in key.items():
        f: Any = model._meta.pk if name == "pk" else model._meta.get_field(name)
        if isinstance(value, dict) and f.is_relation:
            found |= _lookup(f.related_model, value, f"{prefix}{name}__")
        else:
            found[f"{prefix}{name}"] = _in(f, value) if value is not None else None
    return found


# --- export ------------------------------------------------------------------------------------


def _header(user: Any) -> dict[str, Any]:
    from pmpath import __version__

    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "export_id": uuid.uuid4().hex,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "pmpath_version": __version__,
        "user": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
        },
    }


def _records(user: Any, files: list[str]) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """Each model's rows of the user, as JSON-ready dicts, one model after another."""
    owned = owned_models()
    ids = {o.label: set(user_rows(o, user).values_list("pk", flat=True)) for o in owned}
    keys = _Keys()
    for o in owned:
        if not ids[o.label]:
            continue
        pk = o.model._meta.pk
        # Plain tuples rather than model instances: several times faster for 100,000 rows.
        names = [pk.attname] + [f.attname for f in _exported_fields(o)]
        plan = _plan(o)
        rows = (
            {"id": _out(pk, row[0]), "fields": _fields(plan, row[1:], user, ids, keys, files)}
            for row in user_rows(o, user).values_list(*names).iterator(chunk_size=2000)
        )
        yield o.label, rows


def export_account(user: Any) -> tuple[dict[str, Any], list[str]]:
    """The whole document in memory (tests, small accounts) and the uploaded files it names."""
    files: list[str] = []
    records = {label: list(rows) for label, rows in _records(user, files)}
    document = {
        **_header(user),
        "records": records,
        "counts": {label: len(rows) for label, rows in records.items()},
        "files": sorted(set(files)),
    }
    return document, files_list(document)


def write_export(user: Any, out: TextIO) -> dict[str, Any]:
    """The same document, written as it is read, row by row: memory stays small however
    much the user has. Returns the header with the counts and file names."""
    files: list[str] = []
    header = _header(user)
    counts: dict[str, int] = {}
    out.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "records": {')
    for index, (label, rows) in enumerate(_records(user, files)):
        out.write(("," if index else "") + f"\n{json.dumps(label)}: [")
        count = 0
        for row in rows:
            out.write(("," if count else "") + "\n" + json.dumps(row, ensure_ascii=False))
            count += 1
        out.write("]")
        counts[label] = count
    summary = {**header, "counts": counts, "files": sorted(set(files))}
    tail = {"counts": counts, "files": summary["files"]}
    out.write("\n}, " + json.dumps(tail, ensure_ascii=False)[1:] + "\n")
    return summary


def files_list(document: dict[str, Any]) -> list[str]:
    return list(document["files"])


def _encoder(f: Any) -> Any:
    """How one field's values go into JSON, chosen once per field rather than per value."""
    if isinstance(f, models.JSONField):
        return None
    if isinstance(f, models.DateField | models.TimeField):  # DateTimeField is a DateField
        return lambda v: None if v is None else v.isoformat()
    if isinstance(f, models.DecimalField | models.UUIDField):
        return lambda v: None if v is None else str(v)
    if isinstance(f, models.DurationField | models.BinaryField):
        return lambda v: _out(f, v)
    return None  # strings, numbers, booleans: as they are


def _plan(o: Owned) -> list[tuple[str, Any, Any, bool]]:
    """(name, related model or None, encoder, is a file) for each exported field."""
    return [
        (f.name, f.related_model if f.is_relation else None, _encoder(f),
         isinstance(f, models.FileField))
        for f in _exported_fields(o)
    ]  # fmt: skip


def _fields(
    plan: list[tuple[str, Any, Any, bool]],
    row: tuple,
    user: Any,
    ids: dict[str, set[Any]],
    keys: _Keys,
    files: list[str],
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for (name, target, encode, is_file), value in zip(plan, row, strict=True):
        if target is not None and value is not None:
            if target is keys.user_model:
                values[name] = (
                    {"self": True} if value == user.pk else {"key": keys.of(target, value)}
                )
            elif value in ids.get(target._meta.label, ()):
                values[name] = value  # another of the user's records, by its id
            else:
                values[name] = {"key": keys.of(target, value)}
        elif encode is not None:
            values[name] = encode(value)
        else:
            if is_file and value:
                files.append(str(value))
            values[name] = value
    return values


def _exported_fields(o: Owned) -> list[Any]:
    return [
        f for f in o.model._meta.concrete_fields if not f.primary_key and f.name != o.owner_field
    ]


def export_json(user: Any) -> str:
    buffer = io.StringIO()
    write_export(user, buffer)
    return buffer.getvalue()


def write_export_zip(user: Any, out: Any) -> dict[str, Any]:
    """The document plus the uploaded files, to a path or a binary file object."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open(DOCUMENT, "w") as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8")
            summary = write_export(user, text)
            text.flush()
            text.detach()  # the ZIP entry is closed by its own `with`
        for name in summary["files"]:
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as handle:
                    archive.writestr(FILES + name, handle.read())
    return summary


# --- import ------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    username: str
    created: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    already: AccountImportInfo | None = None

    @property
    def records(self) -> int:
        return sum(self.created.values())

    @property
    def headline(self) -> str:
        if self.already is not None:
            when = self.already.when.strftime("%d %b %Y %H:%M")
            return (
                f"This export was already imported into {self.username} on {when}; nothing changed."
            )
        return f"Imported {self.records} records into the account {self.username}."


@dataclass
class AccountImportInfo:
    when: dt.datetime


def peek_header(path: Path) -> dict[str, Any] | None:
    """The header `write_export` puts on the first line (id, user), read without parsing
    the rest: enough to see that a large file was imported already."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive, archive.open(DOCUMENT) as handle:
                first = handle.readline(65536)
        else:
            with path.open("rb") as handle:
                first = handle.readline(65536)
        header = json.loads(first.decode().split(', "records": {', 1)[0] + "}")
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        return None
    if not isinstance(header.get("user"), dict) or "export_id" not in header:
        return None
    return header


def previous_import(header: dict[str, Any], username: str = "") -> ImportReport | None:
    """The report of an earlier import of this export into this account name, if any."""
    from pmpath.core.models import AccountImport

    username = username or str(header["user"].get("username", ""))
    done = AccountImport.objects.filter(
        user__username=username, export_id=header["export_id"]
    ).first()
    if done is None:
        return None
    return ImportReport(username, already=AccountImportInfo(done.created_at))


def read_export(path: Path) -> tuple[dict[str, Any], dict[str, bytes], str]:
    """The document, its files (from a ZIP) and the file's checksum. Bounded before parsing."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise AccountDataError(f"{name}: the file is larger than {MAX_JSON_BYTES >> 20} MB")
        raw = path.read_bytes()
    except OSError as exc:
        raise AccountDataError(f"{name}: cannot read it ({exc.strerror or exc})") from None
    files: dict[str, bytes] = {}
    if zipfile.is_zipfile(path):
        raw, files = _read_zip(path)
    try:
        document = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise AccountDataError(f"{name}: not a pmpath account export (bad JSON: {exc})") from None
    _check_document(name, document)
    return document, files, hashlib.sha256(raw).hexdigest()


def _read_zip(path: Path) -> tuple[bytes, dict[str, bytes]]:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise AccountDataError(f"{name}: more than {MAX_ZIP_ENTRIES} entries")
            if sum(e.file_size for e in entries) > MAX_JSON_BYTES * 4:
                raise AccountDataError(f"{name}: it would unpack to more than 2 GB")
            if DOCUMENT not in archive.namelist():
                raise AccountDataError(f"{name}: the ZIP has no {DOCUMENT}")
            files = {
                e.filename[len(FILES) :]: archive.read(e)
                for e in entries
                if e.filename.startswith(FILES) and not e.is_dir()
            }
            return archive.read(DOCUMENT), files
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise AccountDataError(f"{name}: the ZIP is damaged ({exc})") from None


def _check_document(name: str, document: Any) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise AccountDataError(f'{name}: not a pmpath account export (no "format": "{FORMAT}")')
    if document.get("format_version", 0) > FORMAT_VERSION:
        raise AccountDataError(f"{name}: written by a newer pmpath; upgrade pmpath to import it")
    for key in ("export_id", "user", "records"):
        if key not in document:
            raise AccountDataError(f"{name}: the export has no {key!r}")
    if not isinstance(document["records"], dict) or not isinstance(document["user"], dict):
        raise AccountDataError(f'{name}: "records" and "user" must be JSON objects')
    if not str(document["user"].get("username") or "").strip():
        raise AccountDataError(f"{name}: the export names no user")
    owned = {o.label for o in owned_models()}
    for label, rows in document["records"].items():
        if label not in owned:
            raise AccountDataError(
                f"{name}: it holds {label} records, which this version of pmpath does not have"
            )
        if not isinstance(rows, list):
            raise AccountDataError(f"{name}: the {label} records are not a list")
        for index, row in enumerate(rows):
            if not isinstance(row, dict) or not isinstance(row.get("fields", {}), dict):
                raise AccountDataError(f"{name}: {label} record number {index + 1} is malformed")


def import_account(
    document: dict[str, Any], *, files: dict[str, bytes], checksum: str, username: str = ""
) -> ImportReport:
    from pmpath.core.models import AccountImport

    username = username or document["user"]["username"]
    report = ImportReport(username)
    earlier = previous_import(document, username)
    if earlier is not None:
        return earlier
    if _user_model()._default_manager.filter(username=username).exists():
        raise AccountDataError(
            f"a user named {username!r} already exists: import as a new account with "
            "--as NEWNAME (an export is loaded into a new account, never merged)"
        )
    saved: list[str] = []
    try:
        with transaction.atomic():
            user = _create_user(document["user"], username)
            _Loader(user, document, files, report, saved).run()
            AccountImport.objects.create(
                user=user,
                export_id=document["export_id"],
                checksum=checksum,
                records=report.records,
            )
            generation.touch_after_commit(user.pk)  # the rows went in by bulk writes
    except BaseException:
        for name in saved:  # the rows are rolled back; their files go too
            default_storage.delete(name)
        raise
    return report


def _create_user(values: dict[str, Any], username: str) -> Any:
    User = _user_model()
    user = User(
        username=username,
        email=values.get("email", ""),
        first_name=values.get("first_name", ""),
        last_name=values.get("last_name", ""),
    )
    if values.get("date_joined"):
        user.date_joined = dt.datetime.fromisoformat(values["date_joined"])
    user.set_unusable_password()  # passwords do not travel: set one with changepassword
    user.save()
    return user


class _Loader:
    def __init__(
        self,
        user: Any,
        document: dict[str, Any],
        files: dict[str, bytes],
        report: ImportReport,
        saved: list[str],
    ) -> None:
        self.user, self.document, self.files = user, document, files
        self.report, self.saved = report, saved
        self.new_ids: dict[str, dict[Any, Any]] = {}
        self.catalogue: dict[tuple[str, str], Any] = {}
        self.deferred: list[tuple[models.Model, str, str, Any, str]] = []
        self.renewed: dict[tuple[str, str], int] = {}

    def run(self) -> None:
        owned = owned_models()
        loading = {o.label for o in owned if o.label in self.document["records"]}
        for o in owned:
            rows = self.document["records"].get(o.label) or []
            if rows:
                self._load(o, rows, loading)
        self._fill_deferred()
        for (label, name), count in sorted(self.renewed.items()):
            self.report.warnings.append(
                f"{label}: {count} {name} value(s) already in use here; the copies got new ones"
            )

    def _load(self, o: Owned, rows: list[dict[str, Any]], loading: set[str]) -> None:
        stamps = [
            f
            for f in o.model._meta.concrete_fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        now = timezone.now()
        objs, old_ids = [], []
        for row in rows:
            where = f"{o.label} record {row.get('id')}"
            try:
                obj = self._build(o, row.get("fields") or {}, loading, where)
            except AccountDataError:
                raise
            except (ValueError, TypeError, LookupError, AttributeError) as exc:
                raise AccountDataError(f"{where}: {exc}") from None
            for f in stamps:  # an export without them (an older pmpath): now
                if getattr(obj, f.attname) is None:
                    setattr(obj, f.attname, now)
            objs.append(obj)
            old_ids.append(row.get("id"))
        try:
            with transaction.atomic(), _exported_times(stamps):
                created = o.model._default_manager.bulk_create(objs, batch_size=BATCH)
        except IntegrityError:
            self._name_the_culprit(o, objs, old_ids)
            raise
        self.new_ids[o.label] = {old: obj.pk for old, obj in zip(old_ids, created, strict=True)}
        self.report.created[o.label] = len(created)

    def _name_the_culprit(self, o: Owned, objs: list[models.Model], old_ids: list[Any]) -> None:
        for obj, old in zip(objs, old_ids, strict=True):
            try:
                with transaction.atomic():
                    obj.pk = None
                    o.model._default_manager.bulk_create([obj])
                    raise _Probe
            except _Probe:
                continue
            except IntegrityError as exc:
                first = str(exc).strip().splitlines()[0]
                raise AccountDataError(
                    f"{o.label} record {old}: cannot be stored ({first})"
                ) from None

    def _build(
        self, o: Owned, values: dict[str, Any], loading: set[str], where: str
    ) -> models.Model:
        opts: Any = o.model._meta
        known = {f.name for f in opts.concrete_fields}
        for name in values:
            if name not in known:
                raise AccountDataError(f"{where}: field {name!r} is not in this version of pmpath")
        obj = o.model()
        if o.owner_field:
            setattr(obj, opts.get_field(o.owner_field).attname, self.user.pk)
        for f in opts.concrete_fields:
            if f.primary_key or f.name == o.owner_field or f.name not in values:
                continue
            value = values[f.name]
            if f.is_relation:
                self._relate(obj, o, f, value, loading, where)
            elif isinstance(f, models.FileField):
                setattr(obj, f.attname, "")
                if value:
                    self._file(obj, f, value, where)
            else:
                try:
                    setattr(obj, f.attname, _in(f, value))
                except Exception as exc:
                    raise AccountDataError(f"{where}: field {f.name!r}: {exc}") from None
        self._fresh_unique(obj, o)
        return obj

    def _relate(
        self, obj: models.Model, o: Owned, f: Any, value: Any, loading: set[str], where: str
    ) -> None:
        target = f.related_model
        label = target._meta.label
        if value is None:
            setattr(obj, f.attname, None)
        elif isinstance(value, dict) and value.get("self"):
            setattr(obj, f.attname, self.user.pk)
        elif isinstance(value, dict):
            setattr(obj, f.attname, self._catalogue(target, value.get("key"), f, where))
        elif label in self.new_ids:
            new = self.new_ids[label].get(value)
            if new is None:
                raise AccountDataError(
                    f"{where}: field {f.name!r} points at {label} record {value}, "
                    "which is not in the file"
                )
            setattr(obj, f.attname, new)
        elif label in loading and f.null:
            setattr(obj, f.attname, None)  # loaded later (a cycle or itself): filled in at the end
            self.deferred.append((obj, o.label, f.attname, value, label))
        else:
            raise AccountDataError(
                f"{where}: field {f.name!r} points at {label} record {value}, "
                "which is not in the file"
            )

    def _catalogue(self, model: type[models.Model], key: Any, f: Any, where: str) -> Any:
        label = model._meta.label
        memo = (label, json.dumps(key, sort_keys=True))
        if memo not in self.catalogue:
            found = None
            if isinstance(key, dict) and key:
                found = (
                    model._default_manager.filter(**_lookup(model, key))
                    .values_list("pk", flat=True)
                    .first()
                )
            self.catalogue[memo] = found
        pk = self.catalogue[memo]
        if pk is None:
            if not f.null:
                raise AccountDataError(
                    f"{where}: field {f.name!r} refers to {label} {key}, which this instance "
                    "does not have (load the knowledge base with `pmpath setup`)"
                )
            self.report.warnings.append(f"{where}: {label} {key} is not here; {f.name} left empty")
        return pk

    def _file(self, obj: models.Model, f: Any, name: str, where: str) -> None:
        data = self.files.get(name)
        if data is None:
            self.report.warnings.append(
                f"{where}: the file {name} is not in the export (export with --out FILE.zip)"
            )
            return
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        stored = default_storage.save(f.generate_filename(obj, base), ContentFile(data))
        self.saved.append(stored)
        setattr(obj, f.attname, stored)

    def _fresh_unique(self, obj: models.Model, o: Owned) -> None:
        """Unique values (calendar UIDs, link tokens) are kept when free, so a move to a new
        instance keeps subscriptions working; when taken (a copy on the same instance), the
        copy gets new ones."""
        for f in o.model._meta.concrete_fields:
            if not f.unique or f.primary_key or f.is_relation:
                continue
            value = getattr(obj, f.attname)
            if (
                value in (None, "")
                or not o.model._default_manager.filter(**{f.name: value}).exists()
            ):
                continue
            if isinstance(f, models.UUIDField):
                setattr(obj, f.attname, uuid.uuid4())
            else:
                import secrets

                fresh = secrets.token_hex(32)[: f.max_length or 64]
                setattr(obj, f.attname, fresh)
            key = (o.label, f.name)
            self.renewed[key] = self.renewed.get(key, 0) + 1

    def _fill_deferred(self) -> None:
        by_model: dict[str, list[tuple[models.Model, str]]] = {}
        for obj, label, attname, old, target in self.deferred:
            new = self.new_ids.get(target, {}).get(old)
            if new is None:
                raise AccountDataError(
                    f"{label}: a {attname} points at {target} record {old}, "
                    "which is not in the file"
                )
            setattr(obj, attname, new)
            by_model.setdefault(label, []).append((obj, attname))
        for label, items in by_model.items():
            model = apps.get_model(label)
            for attname in {a for _, a in items}:
                model._default_manager.bulk_update(
                    [obj for obj, a in items if a == attname], [attname], batch_size=BATCH
                )


@contextmanager
def _exported_times(stamps: list[Any]) -> Iterator[None]:
    """Created/updated times are stored as exported, not stamped "now" on insert. The
    fields' auto_now flags are switched off for the insert: import-account runs in a command
    of its own, not beside request threads that save the same models."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in stamps]
    for f in stamps:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


class _Probe(Exception):
    """Rolls back a trial insert that worked."""


# --- deletion ----------------------------------------------------------------------------------


def user_files(user: Any) -> list[str]:
    names: list[str] = []
    for o in owned_models():
        file_fields = [f for f in o.model._meta.concrete_fields if isinstance(f, models.FileField)]
        for f in file_fields:
            names += [n for n in user_rows(o, user).values_list(f.attname, flat=True) if n]
    return names


def delete_account(user: Any) -> dict[str, int]:
    """Delete the account, every row it owns (by cascade) and its uploaded files. The rows go
    in one transaction; the files once it has committed."""
    names, user_id = user_files(user), user.pk
    counts = {o.label: user_rows(o, user).count() for o in owned_models()}
    with transaction.atomic():
        # Rows nothing points at go first, in one statement per table: Django's cascade
        # would otherwise load each of them (100,000 interactions) before deleting it.
        for owned in reversed(owned_models()):
            if not owned.model._meta.related_objects:
                rows = user_rows(owned, user)
                rows._raw_delete(rows.db)
        user.delete()
        transaction.on_commit(lambda: _remove_files(names, user_id=user_id))
    return {label: n for label, n in counts.items() if n}


def _remove_files(names: Iterable[str], *, user_id: int | None = None) -> None:
    root = Path(settings.MEDIA_ROOT).resolve()
    for name in names:
        default_storage.delete(name)
    # The areas keep a user's uploads under <area>/<user id>/: those folders go as a whole.
    if user_id is not None and root.is_dir():
        import shutil

        for area in root.iterdir():
            folder = area / str(user_id)
            if area.is_dir() and folder.is_dir() and folder.resolve().parent == area.resolve():
                shutil.rmtree(folder, ignore_errors=True)
