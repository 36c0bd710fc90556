"""Writes for the learning catalogue: shipped resources (the seed), resources people add,
imports, and enrolments.

Who may write what:
- a signed-in person adds, edits and deletes their own resources (owner = them; only they
  see them);
- an instance admin (is_staff) also adds, edits and deletes shared ones (owner NULL);
- the shipped catalogue is loaded by the seed, matched by key.
Resources a person adds never get a key: keys are unique across the instance, and one
person's file must not claim a key another person or a future catalogue needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from pmpath.career.models import ENROLMENT_STATUSES, Enrolment, Resource
from pmpath.career.resource_queries import can_edit, others_enrolled, visible_or_404
from pmpath.career.resource_transfer import (
    COLUMNS,
    Problem,
    ResourceRecord,
    identity,
    parse,
    read_record,
)
from pmpath.core import generation

FIELDS = tuple(c for c in COLUMNS if c != "key")


class ResourceError(Exception):
    """A resource or enrolment value pmpath cannot store; the message names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


def _changes(resource: Resource, record: ResourceRecord, names: Iterable[str]) -> list[str]:
    changed = []
    for name in names:
        value = getattr(record, name)
        if getattr(resource, name) != value:
            setattr(resource, name, value)
            changed.append(name)
    return changed


# --- the shipped catalogue ----------------------------------------------------------------


def upsert_shipped(records: list[ResourceRecord]) -> tuple[int, int]:
    """Create or update shared resources by key (the seed's step). Returns (created, updated)."""
    stored = {
        r.key: r
        for r in Resource.objects.filter(owner__isnull=True, key__in=[x.key for x in records])
    }
    created: list[Resource] = []
    updated = 0
    for record in records:
        resource = stored.get(record.key)
        if resource is None:
            created.append(
                Resource(owner=None, key=record.key, **record.model_dump(include=set(FIELDS)))
            )
            continue
        changed = _changes(resource, record, FIELDS)
        if changed:
            resource.save(update_fields=[*changed, "updated_at"])
            updated += 1
    Resource.objects.bulk_create(created)
    if created:  # shared rows, by bulk_create (no signal): everyone's
        generation.touch_after_commit(None)
    return len(created), updated


# --- one resource -------------------------------------------------------------------------


def _validated(values: dict[str, Any]) -> ResourceRecord:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ResourceError("", f"Unknown resource fields: {', '.join(sorted(unknown))}")
    record, problems = read_record(values, "resource")
    if record is None:
        first = problems[0]
        raise ResourceError(first.field, first.message)
    return record


def create_resource(user: Any, *, shared: bool = False, **values: Any) -> Resource:
    """Add a resource: the user's own, or (admins only) a shared one."""
    if shared and not getattr(user, "is_staff", False):
        raise ResourceError("shared", "only an instance admin can add to the shared catalogue")
    record = _validated(values)
    return Resource.objects.create(
        owner=None if shared else user, **record.model_dump(include=set(FIELDS))
    )


def update_resource(user: Any, resource: Resource, **values: Any) -> Resource:
    if not can_edit(user, resource):
        raise Resource.DoesNotExist  # callers fetched it with editable_or_404; never reached
    record = _validated(values)
    changed = _changes(resource, record, FIELDS)
    if changed:
        resource.save(update_fields=[*changed, "updated_at"])
    return resource


def delete_resource(user: Any, resource: Resource) -> None:
    """Delete a resource the user may edit. A shared one others are enrolled in stays: their
    plans and certificates hang on it."""
    if not can_edit(user, resource):
        raise Resource.DoesNotExist
    if resource.owner_id is None:
        others = others_enrolled(user, resource)
        if others:
            people = "person is" if others == 1 else "people are"
            raise ResourceError(
                "", f"{others} {people} enrolled in it, so it stays in the catalogue."
            )
    resource.delete()


# --- import -------------------------------------------------------------------------------


@dataclass
class ImportReport:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    in_catalogue: int = 0  # a person's rows that the shared catalogue already has
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def headline(self) -> str:
        if self.problems:
            count = len(self.problems)
            return (
                f"Nothing imported from {self.source}: {count} "
                f"problem{'s' if count != 1 else ''} to fix first."
            )
        line = (
            f"Imported from {self.source}: {self.created} new, {self.updated} updated, "
            f"{self.unchanged} unchanged"
        )
        if self.in_catalogue:
            line += f", {self.in_catalogue} already in the shared catalogue"
        return line + "."

    def as_dict(self) -> dict[str, Any]:
        return {
            "summary": self.headline,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "in_catalogue": self.in_catalogue,
            "problems": [vars(p) for p in self.problems],
        }


def import_resources(
    user: Any | None, name: str, data: bytes | str, *, shared: bool = False
) -> ImportReport:
    """Import a CSV or JSON file of resources, all or nothing: with any bad row, nothing is
    stored and every problem is reported by row and field.

    Into the shared catalogue (`shared`, for admins; `user` None from the command line): rows
    match stored shared resources by key, else by name and provider. Into a person's own
    list: rows the shared catalogue already has (same key, or same name and provider) are
    skipped, and the rest match the person's own by name and provider. Importing the same
    file twice changes nothing."""
    if shared and user is not None and not getattr(user, "is_staff", False):
        raise ResourceError("shared", "only an instance admin can import into the shared catalogue")
    if not shared and user is None:
        raise ResourceError("user", "say whose resources these are")
    parsed = parse(name, data)
    report = ImportReport(source=name, problems=list(parsed.problems))
    if report.problems:
        return report
    if not parsed.records:
        report.problems.append(Problem("file", "", "has no resources in it"))
        return report
    with transaction.atomic():
        shared_rows = list(Resource.objects.filter(owner__isnull=True))
        by_key = {r.key: r for r in shared_rows if r.key}
        by_identity = {identity(r.name, r.provider): r for r in shared_rows}
        if not shared:
            own = Resource.objects.filter(owner=user).order_by("id")
            mine = {identity(r.name, r.provider): r for r in reversed(list(own))}
        created: list[Resource] = []
        for _position, record, given in parsed.records:
            if shared:
                match = by_key.get(record.key) if record.key else None
                match = match or by_identity.get(record.identity)
            else:
                if (record.key and record.key in by_key) or record.identity in by_identity:
                    report.in_catalogue += 1
                    continue
                match = mine.get(record.identity)
            if match is None:
                values = record.model_dump(include=set(FIELDS))
                key = record.key if shared and record.key not in by_key else ""
                created.append(Resource(owner=None if shared else user, key=key, **values))
                continue
            names = [n for n in FIELDS if n in given]
            changed = _changes(match, record, names)
            if shared and record.key and not match.key and record.key not in by_key:
                match.key = record.key
                by_key[record.key] = match
                changed.append("key")
            if changed:
                match.save(update_fields=[*changed, "updated_at"])
                report.updated += 1
            else:
                report.unchanged += 1
        Resource.objects.bulk_create(created, batch_size=500)
        report.created = len(created)
        if created:  # bulk_create sends no signal; shared rows are everyone's
            generation.touch_after_commit(None if shared or user is None else user.pk)
    return report


# --- enrolments ---------------------------------------------------------------------------

STATUSES = tuple(key for key, _ in ENROLMENT_STATUSES)


def enrol(user: Any, *, resource_id: Any, status: str = "planned") -> Enrolment:
    """Put a resource the user can see on their plan. Enrolling again keeps the enrolment
    (and its progress), reviving it if it was dropped."""
    if status not in ("planned", "active"):
        raise ResourceError("status", "a new enrolment starts as planned or in progress")
    resource = visible_or_404(user, resource_id)
    today = timezone.localdate()
    with transaction.atomic():
        enrolment, created = Enrolment.objects.select_for_update().get_or_create(
            user=user,
            resource=resource,
            defaults={"status": status, "started_on": today if status == "active" else None},
        )
        if not created and enrolment.status == "dropped":
            enrolment.status = status
            if status == "active" and enrolment.started_on is None:
                enrolment.started_on = today
            enrolment.save(update_fields=["status", "started_on", "updated_at"])
    return enrolment


def update_enrolment(
    user: Any,
    enrolment: Enrolment,
    *,
    status: str,
    progress: int,
    started_on: date | None = None,
    completed_on: date | None = None,
    certificate_url: str = "",
    applied_notes: str = "",
) -> Enrolment:
    """Record progress. Marking it done fills 100% and today's completion date unless given;
    starting it fills today's start date."""
    if enrolment.user_id != getattr(user, "pk", None):
        raise Enrolment.DoesNotExist
    if status not in STATUSES:
        raise ResourceError("status", f"must be one of {', '.join(STATUSES)}")
    if not 0 <= progress <= 100:
        raise ResourceError("progress", "must be between 0 and 100 per cent")
    certificate_url = certificate_url.strip()
    if certificate_url and not certificate_url.lower().startswith(("https://", "http://")):
        raise ResourceError("certificate_url", "must be a web address starting with https://")
    today = timezone.localdate()
    if status in ("active", "done") and started_on is None:
        started_on = enrolment.started_on or today
    if status == "done":
        progress = 100
        completed_on = completed_on or today
    else:
        completed_on = None
    if started_on and completed_on and completed_on < started_on:
        raise ResourceError("completed_on", "is before the start date")
    enrolment.status = status
    enrolment.progress = progress
    enrolment.started_on = started_on
    enrolment.completed_on = completed_on
    enrolment.certificate_url = certificate_url
    enrolment.applied_notes = applied_notes.strip()
    enrolment.save()
    return enrolment


def delete_enrolment(user: Any, enrolment: Enrolment) -> None:
    if enrolment.user_id != getattr(user, "pk", None):
        raise Enrolment.DoesNotExist
    enrolment.delete()
