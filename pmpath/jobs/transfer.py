"""Applications in and out: CSV and JSON exports, the CSV import, the activity log an
employment office asks for, and the funnel as CSV. Page, CLI and API call these alike.

An imported row is the same application as a stored one when company, role (ignoring case
and spacing) and applied date match; that key is what makes importing a file twice change
nothing. Stored dates are never invented for imported rows, so the key stays stable.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, Max, OuterRef, Q
from django.utils import timezone

from pmpath.core import generation
from pmpath.jobs import queries
from pmpath.jobs.funnel import Funnel
from pmpath.jobs.importers.applications import (
    ParsedApplication,
    parse_applications_csv,
    write_applications_csv,
)
from pmpath.jobs.importers.base import Problem
from pmpath.jobs.importers.csvfile import _cell
from pmpath.jobs.models import Application, Company, Stage, StageChange
from pmpath.jobs.services import company_named, ensure_stages

TEXT_FIELDS = (
    "source",
    "referral",
    "next_action",
    "resume_version",
    "cover_letter_version",
    "salary_expectation",
    "notes",
)
JSON_FORMAT = "pmpath-applications"


def _key(company_id: int | None, role: str, applied_on: date | None) -> tuple:
    return (company_id, " ".join(role.split()).casefold(), applied_on)


# --- import -------------------------------------------------------------------------------


@dataclass
class ImportReport:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def headline(self) -> str:
        if not self.total:
            return f"Nothing imported from {self.source}."
        return (
            f"Imported from {self.source}: {self.created} new, {self.updated} updated, "
            f"{self.unchanged} unchanged."
        )


def import_applications(user: Any, name: str, data: bytes | str) -> ImportReport:
    """Read an applications CSV and store its rows, all in one transaction."""
    from pmpath.security.sniff import binary_kind

    kind = binary_kind(data) if isinstance(data, bytes | bytearray) else ""
    if kind:  # refused by name, not read as 50,000 lines of Windows-1252 noise
        message = f"{name} is {kind}, not a CSV file."
        return ImportReport(source=name, problems=[Problem("file", "", message)])
    parsed = parse_applications_csv(data)
    report = ImportReport(source=name, problems=list(parsed.problems))
    if parsed.applications:
        save_applications(user, parsed.applications, report)
    return report


def save_applications(user: Any, rows: list[ParsedApplication], report: ImportReport) -> None:
    """Create or update one application per row, atomically. A row matching a stored
    application changes only the columns the file has; a changed stage is recorded as a move."""
    stages = ensure_stages(user)
    by_name = {s.name.casefold(): s for s in stages}
    names = ", ".join(s.name for s in stages)
    now = timezone.now()
    with transaction.atomic():
        stored: dict[tuple, Application] = {}
        for application in Application.objects.owned_by(user).order_by("id"):
            key = _key(application.company_id, application.role_title, application.applied_on)
            stored.setdefault(key, application)
        tops = dict(
            Application.objects.owned_by(user)
            .values_list("stage")
            .annotate(top=Max("position"))
            .values_list("stage", "top")
        )
        companies: dict[str, Company | None] = {}
        seen: dict[tuple, int] = {}
        created: list[Application] = []
        moves: list[StageChange] = []
        for row in rows:
            where = f"row {row.row}"
            folded = row.company.casefold()
            if folded not in companies:
                companies[folded] = company_named(user, row.company)
            company = companies[folded]
            key = _key(company.pk if company else None, row.role, row.applied_on)
            if key in seen:
                message = (
                    f"Same company, role and applied date as row {seen[key]}, so it was skipped."
                )
                report.problems.append(Problem(where, "role", message))
                continue
            seen[key] = row.row
            stage = by_name.get(row.stage.casefold()) if row.stage else None
            if row.stage and stage is None:
                message = f"\u201c{row.stage}\u201d is not one of your stages ({names})"
                report.problems.append(Problem(where, "stage", message + "; it was left as is."))
            application = stored.get(key)
            if application is None:
                stage = stage or stages[0]
                tops[stage.pk] = (tops.get(stage.pk) or 0) + 1
                application = Application(
                    user=user,
                    company=company,
                    role_title=row.role,
                    stage=stage,
                    position=tops[stage.pk],
                    stage_changed_at=now,
                    applied_on=row.applied_on,
                    next_action_due=row.next_action_due,
                    archived_at=now if row.archived else None,
                    **{name: getattr(row, name) for name in TEXT_FIELDS},
                )
                created.append(application)
                stored[key] = application
                continue
            if application.pk is None:  # two rows that only differ in case: first one wins
                report.unchanged += 1
                continue
            changed = _update(application, row, stage, now, moves)
            if changed:
                application.save(update_fields=[*changed, "updated_at"])
                report.updated += 1
            else:
                report.unchanged += 1
        Application.objects.bulk_create(created, batch_size=500)
        moves += [
            StageChange(user=user, application=a, to_stage=a.stage, changed_at=now) for a in created
        ]
        StageChange.objects.bulk_create(moves, batch_size=500)
        report.created += len(created)
        generation.touch_after_commit(user.pk)  # bulk_create sends no signal


def _update(
    application: Application,
    row: ParsedApplication,
    stage: Stage | None,
    now: Any,
    moves: list[StageChange],
) -> list[str]:
    changed = []
    for name in (*TEXT_FIELDS, "next_action_due"):
        if name in row.columns and getattr(application, name) != getattr(row, name):
            setattr(application, name, getattr(row, name))
            changed.append(name)
    if stage is not None and stage.pk != application.stage_id:
        moves.append(
            StageChange(
                user_id=application.user_id,
                application=application,
                from_stage_id=application.stage_id,
                to_stage=stage,
                changed_at=now,
            )
        )
        application.stage, application.stage_changed_at = stage, now
        changed += ["stage", "stage_changed_at"]
    if "archived" in row.columns and row.archived != (application.archived_at is not None):
        application.archived_at = now if row.archived else None
        changed.append("archived_at")
    return changed


# --- export -------------------------------------------------------------------------------


# Exports read plain values rather than model instances: for 10,000 applications and their
# 20,000 moves that is several times faster, and it never loads the postings' descriptions.
EXPORTED = (
    "id",
    "role_title",
    "company__name",
    "stage__name",
    "stage__outcome",
    "applied_on",
    *TEXT_FIELDS,
    "next_action_due",
    "archived",
    "stage_changed_at",
    "created_at",
    "posting__source_url",
    "posting__apply_url",
)


def _histories(user: Any, stages: list[Stage]) -> dict[int, list[tuple[str, Any]]]:
    names = {s.pk: s.name for s in stages}
    histories: dict[int, list[tuple[str, Any]]] = {}
    rows = (
        StageChange.objects.owned_by(user)
        .order_by("application_id", "changed_at", "id")
        .values_list("application_id", "to_stage_id", "changed_at")
    )
    for application_id, stage_id, at in rows.iterator(chunk_size=5000):
        histories.setdefault(application_id, []).append((names.get(stage_id, ""), at))
    return histories


def _applications(user: Any) -> Any:
    return (
        Application.objects.owned_by(user)
        .annotate(archived=ExpressionWrapper(Q(archived_at__isnull=False), BooleanField()))
        .order_by(F("applied_on").asc(nulls_last=True), "created_at", "id")
        .values(*EXPORTED)
    )


def _record(row: dict[str, Any]) -> dict[str, Any]:
    """One application in the import's columns."""
    return {
        "role": row["role_title"],
        "company": row["company__name"] or "",
        "stage": row["stage__name"],
        "applied_on": row["applied_on"],
        **{name: row[name] for name in TEXT_FIELDS},
        "next_action_due": row["next_action_due"],
        "archived": bool(row["archived"]),
    }


def export_applications_csv(user: Any) -> str:
    """Every application, archived ones too, in the columns the import reads back."""
    return write_applications_csv(_record(row) for row in _applications(user).iterator(2000))


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def export_applications_json(user: Any) -> dict[str, Any]:
    """Every application with its whole history, and the stages, as one JSON document."""
    stages = ensure_stages(user)
    histories = _histories(user, stages)
    applications = []
    for row in _applications(user).iterator(chunk_size=2000):
        record = _record(row)
        record["applied_on"] = _iso(record["applied_on"])
        record["next_action_due"] = _iso(record["next_action_due"])
        record["id"] = row["id"]
        record["stage_outcome"] = row["stage__outcome"]
        record["posting_url"] = row["posting__source_url"] or row["posting__apply_url"] or ""
        record["created_at"] = _iso(row["created_at"])
        record["history"] = [
            {"stage": name, "at": at.isoformat()} for name, at in histories.get(row["id"], [])
        ]
        applications.append(record)
    return {
        "format": JSON_FORMAT,
        "version": 1,
        "exported_at": timezone.now().isoformat(),
        "stages": [{"name": s.name, "order": s.order, "outcome": s.outcome} for s in stages],
        "applications": applications,
    }


ACTIVITY_COLUMNS = (
    "applied_on",
    "company",
    "role",
    "source",
    "stage",
    "in_stage_since",
    "stage_changes",
    "posting_url",
)


def activity_csv(user: Any, *, start: date | None = None, end: date | None = None) -> str:
    """The search as an employment office reads it: one row per application with its
    applied date, company, role, where it was found, where it stands, and every dated move.
    With dates, only applications applied for or moved within them (both ends included)."""
    rows = _applications(user)
    if start or end:
        moved = StageChange.objects.filter(application=OuterRef("pk"))
        applied = Q(applied_on__isnull=False)
        if start:
            moved = moved.filter(changed_at__date__gte=start)
            applied &= Q(applied_on__gte=start)
        if end:
            moved = moved.filter(changed_at__date__lte=end)
            applied &= Q(applied_on__lte=end)
        rows = rows.filter(applied | Exists(moved))
    histories = _histories(user, ensure_stages(user))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ACTIVITY_COLUMNS)
    for row in rows.iterator(chunk_size=2000):
        changes = "; ".join(
            f"{timezone.localdate(at).isoformat()} {name}"
            for name, at in histories.get(row["id"], [])
        )
        values = (
            row["applied_on"],
            row["company__name"] or "",
            row["role_title"],
            row["source"],
            row["stage__name"],
            timezone.localdate(row["stage_changed_at"]),
            changes,
            row["posting__source_url"] or row["posting__apply_url"] or "",
        )
        writer.writerow([_cell(v) for v in values])
    return buffer.getvalue()


def _rate(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.1f}"


def funnel_csv(funnel: Funnel, *, table: str = "stages") -> str:
    """The funnel's stage table (or, with table="sources", response rate by source)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if table == "sources":
        writer.writerow(("source", "sent", "responded", "response_rate_percent"))
        for s in funnel.sources:
            writer.writerow([_cell(s.source), s.sent, s.responded, _rate(s.rate)])
        return buffer.getvalue()
    writer.writerow(
        (
            "stage",
            "outcome",
            "on_path",
            "reached",
            "in_stage_now",
            "next_stage",
            "conversion_to_next_percent",
            "median_days_in_stage",
            "ended_stays",
        )
    )
    for row in funnel.stages:
        writer.writerow(
            [
                _cell(row.stage.name),
                row.stage.outcome,
                "yes" if row.on_path else "no",
                row.reached,
                row.now,
                _cell(row.next_stage.name) if row.next_stage else "",
                _rate(row.conversion),
                "" if row.median_days is None else row.median_days,
                row.stays,
            ]
        )
    return buffer.getvalue()


def user_funnel_csv(user: Any, *, table: str = "stages") -> str:
    return funnel_csv(queries.funnel(user), table=table)
