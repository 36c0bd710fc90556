"""Contacts in and out: LinkedIn's data export, vCard and CSV (the parsers are pure, in
importers/; this stores what they read).

Every import is atomic (one transaction: all of it or nothing), idempotent (contacts are found
by LinkedIn profile, then e-mail, then an unambiguous name; interactions by their external
key, so importing the same export again changes nothing) and bulk (a constant number of
queries per thousand rows: 30,000 connections in a few seconds). A newer export adds what is
new and moves a contact who changed employer, keeping the old one as a Position so "who used
to work there" still finds them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from pmpath.core import generation
from pmpath.jobs.company_match import CompanyMatcher, company_key
from pmpath.network import bulk, services
from pmpath.network.importers import csvfile, linkedin, vcard
from pmpath.network.importers.base import (
    ImportProblem,
    ParsedContact,
    ParsedContacts,
    Problem,
    tidy_block,
)
from pmpath.network.models import Contact, ImportRun, Interaction, Position, Tag, fold_name

__all__ = ["ImportProblem", "ImportReport", "export_csv", "export_vcf", "import_file"]

MAX_UPLOAD_BYTES = linkedin.MAX_ZIP_BYTES  # any one file: 50 MB
BATCH = 2000
# Called as rows are stored: (rows done, rows in all). The CLI draws its progress bar with it.
Progress = Callable[[int, int], None]


@dataclass
class FileReport:
    file: str
    noun: str  # what was counted: "contacts" or "interactions"
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    new_contacts: int = 0  # invitations add the people they were sent to or came from

    @property
    def line(self) -> str:
        text = (
            f"{self.file}: {self.added} {self.noun} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.skipped} skipped"
        )
        if self.new_contacts:
            text += f" ({self.new_contacts} new contact{'s' if self.new_contacts != 1 else ''})"
        return text


@dataclass
class ImportReport:
    filename: str
    kind: str  # "linkedin" | "vcard" | "csv"
    files: list[FileReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    run: ImportRun | None = None
    repeat_of: ImportRun | None = None  # the same bytes were imported before

    @property
    def added(self) -> int:
        return sum(f.added + f.new_contacts for f in self.files)

    @property
    def updated(self) -> int:
        return sum(f.updated for f in self.files)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)

    @property
    def headline(self) -> str:
        if self.repeat_of is not None:
            when = timezone.localtime(self.repeat_of.created_at).strftime("%d %b %Y")
            return f"{self.filename} was already imported on {when}; nothing changed."
        if not self.files:
            return f"Nothing imported from {self.filename}."
        return "; ".join(f.line for f in self.files) + "."


# --- entry points ------------------------------------------------------------------------


def import_file(
    user: Any,
    *,
    filename: str,
    data: bytes,
    progress: Progress | None = None,
    force: bool = False,
    linkedin_only: bool = False,
) -> ImportReport:
    """Import a LinkedIn export (ZIP or one of its CSVs), a .vcf or a contacts CSV, told apart
    by content. Raises ImportProblem (naming the file) when the file cannot be imported at
    all; then nothing is stored."""
    filename = (filename or "upload").replace("\\", "/").rsplit("/", 1)[-1][:200] or "upload"
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportProblem(
            filename,
            f"the file is {linkedin.size(len(data))}; the limit is "
            f"{linkedin.size(MAX_UPLOAD_BYTES)}.",
        )
    checksum = hashlib.sha256(data).hexdigest()
    if not force:
        earlier = ImportRun.objects.owned_by(user).filter(checksum=checksum).first()
        if earlier is not None:
            return ImportReport(filename, earlier.kind, repeat_of=earlier)
    if linkedin.is_zip(data):
        export = linkedin.read_zip(data, filename)
        return _import_linkedin(user, filename, checksum, export, progress)
    if linkedin.sniff_csv(data) is not None:
        export = linkedin.read_csv(data, filename)
        return _import_linkedin(user, filename, checksum, export, progress)
    if linkedin_only:
        raise ImportProblem(filename, f"this is not a LinkedIn export: {linkedin.EXPECTED}.")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \r\n\t").upper()
    if filename.lower().endswith((".vcf", ".vcard")) or head.startswith(b"BEGIN:VCARD"):
        cards = vcard.parse_vcards(data, filename)
        return _import_contacts(user, filename, checksum, "vcard", cards, progress)
    if csvfile.sniff(data):
        rows = csvfile.parse_contacts_csv(data, filename)
        return _import_contacts(user, filename, checksum, "csv", rows, progress)
    raise ImportProblem(
        filename,
        f"this is neither a LinkedIn export nor a contacts file: {linkedin.EXPECTED}, or "
        f"of a contacts CSV ({csvfile.EXPECTED}); a vCard file starts with BEGIN:VCARD.",
    )


def template_csv() -> str:
    return csvfile.template_csv()


def export_csv(user: Any) -> str:
    return csvfile.write_contacts_csv(exported_contacts(user))


def export_vcf(user: Any) -> str:
    return vcard.write_vcards(exported_contacts(user))


def exported_contacts(user: Any) -> Iterable[ParsedContact]:
    # Plain rows, not model instances, and every tag in one query: 20,000 contacts export in a
    # fraction of the time instances and a prefetch per chunk took.
    tags: dict[int, list[str]] = {}
    links = (
        Contact.tags.through.objects.filter(contact__user=user)
        .order_by("tag__name")
        .values_list("contact_id", "tag__name")
    )
    for contact_id, name in links:
        tags.setdefault(contact_id, []).append(name)
    rows = (
        Contact.objects.owned_by(user)
        .order_by("last_name", "first_name", "id")
        .values_list("id", *_EXPORTED)
    )
    for contact_id, *values in rows.iterator(chunk_size=BATCH):
        yield ParsedContact(
            **dict(zip(_EXPORTED_AS, values, strict=True)), tags=tags.get(contact_id, [])
        )


_EXPORTED = (
    "first_name", "last_name", "email", "phone", "company_name", "role", "headline",
    "linkedin_url", "linkedin_key", "how_met", "notes", "strength", "cadence_days", "connected_on",
)  # fmt: skip
_EXPORTED_AS = tuple("company" if name == "company_name" else name for name in _EXPORTED)


# --- the user's contacts, indexed for matching ------------------------------------------

# What an import reads and writes of a contact. Light records rather than model instances:
# building 30,000 Contact objects costs a second on the reference machine.
_FIELDS = (
    "first_name", "last_name", "headline", "company_id", "company_name", "company_key", "role",
    "email", "phone", "linkedin_url", "linkedin_key", "how_met", "strength", "notes",
    "connected_on", "source", "cadence_days",
)  # fmt: skip


@dataclass(slots=True, eq=False)
class _Person:
    id: int | None = None
    first_name: str = ""
    last_name: str = ""
    headline: str = ""
    company_id: int | None = None
    company_name: str = ""
    company_key: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""
    linkedin_key: str = ""
    how_met: str = ""
    strength: int = 1
    notes: str = ""
    connected_on: date | None = None
    source: str = "manual"
    cadence_days: int | None = None

    def row(self, user: Any) -> dict[str, Any]:
        return {"user_id": user.pk, **{name: getattr(self, name) for name in _FIELDS}}


class _Book:
    """Every contact of the user, loaded once, found by profile, e-mail or unambiguous name."""

    def __init__(self, user: Any) -> None:
        self.by_key: dict[str, _Person] = {}
        self.by_email: dict[str, _Person] = {}
        self.by_name: dict[str, list[_Person]] = {}
        # The same name without a profile: the only ones a row with a profile may match by name.
        self.by_name_unkeyed: dict[str, list[_Person]] = {}
        rows = Contact.objects.owned_by(user).values_list("id", *_FIELDS)
        for row in rows.iterator(chunk_size=BATCH):
            self.add(_Person(*row))

    def add(self, person: _Person) -> None:
        if person.linkedin_key:
            self.by_key.setdefault(person.linkedin_key, person)
        if person.email:
            self.by_email.setdefault(person.email.lower(), person)
        name = fold_name(person.first_name, person.last_name)
        if name:
            self.by_name.setdefault(name, []).append(person)
            if not person.linkedin_key:
                self.by_name_unkeyed.setdefault(name, []).append(person)

    def reindex(self, person: _Person, old_key: str, old_email: str) -> None:
        if person.linkedin_key and person.linkedin_key != old_key:
            self.by_key.setdefault(person.linkedin_key, person)
        if person.email and person.email.lower() != (old_email or "").lower():
            self.by_email.setdefault(person.email.lower(), person)

    def find(self, parsed: ParsedContact) -> _Person | None:
        key, email = parsed.linkedin_key, parsed.email.lower()
        if key and key in self.by_key:
            return self.by_key[key]
        found = self.by_email.get(email) if email else None
        # Two different LinkedIn profiles are two people, whatever their addresses.
        if found and not (key and found.linkedin_key and found.linkedin_key != key):
            return found
        name = fold_name(parsed.first_name, parsed.last_name)
        named = (self.by_name_unkeyed if key else self.by_name).get(name, [])
        named = [
            p
            for p in named
            if not (email and p.email and p.email.lower() != email)
            and not (
                parsed.connected_on and p.connected_on and p.connected_on != parsed.connected_on
            )
        ]
        return named[0] if len(named) == 1 else None

    def find_person(self, name: str, key: str) -> _Person | None:
        """For messages and invitations: by profile, else a name only one contact has."""
        if key and key in self.by_key:
            return self.by_key[key]
        named = self.by_name.get(fold_name(name, ""), [])
        return named[0] if len(named) == 1 else None


class _Progress:
    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done, self.shown = progress, max(total, 1), 0, -1

    def advance(self, count: int) -> None:
        self.done = min(self.total, self.done + count)
        # At most ~100 calls whatever the size, plus the last one.
        if self.progress and (
            self.done == self.total or self.done - self.shown >= self.total / 100
        ):
            self.shown = self.done
            self.progress(self.done, self.total)


class _Companies:
    """services.set_company, asked once per distinct name (one matcher for the import)."""

    def __init__(self, user: Any) -> None:
        self.matcher: CompanyMatcher = services.company_matcher(user)
        self.memo: dict[str, tuple[str, str, int | None]] = {}

    def apply(self, person: _Person, name: str) -> None:
        hit = self.memo.get(name)
        if hit is None:
            services.set_company(person, name, self.matcher)  # type: ignore[arg-type]
            self.memo[name] = (person.company_name, person.company_key, person.company_id)
        else:
            person.company_name, person.company_key, person.company_id = hit


# --- storing contacts --------------------------------------------------------------------


@dataclass
class _Met:
    """An interaction to write, with the person it is with (who may be new in this import)."""

    person: _Person
    values: dict[str, Any]


@dataclass
class _Work:
    """What one import will write, gathered before anything is written."""

    user: Any
    book: _Book
    companies: _Companies
    today: date
    create: list[_Person] = field(default_factory=list)
    update: dict[int, tuple[_Person, set[str]]] = field(default_factory=dict)
    positions: list[Position] = field(default_factory=list)
    tags: list[tuple[_Person, list[str]]] = field(default_factory=list)
    interactions: list[_Met] = field(default_factory=list)
    seen: dict[int, int | None] = field(default_factory=dict)  # id(person) → its row
    problems: list[Problem] = field(default_factory=list)


def _same(stored: Any, given: Any) -> bool:
    if isinstance(stored, str) or isinstance(given, str):
        return tidy_block(stored) == tidy_block(given)
    return bool(stored == given)


def _new_contact(work: _Work, parsed: ParsedContact, source: str) -> _Person:
    person = _Person(
        first_name=parsed.first_name,
        last_name=parsed.last_name,
        headline=parsed.headline,
        role=parsed.role,
        email=parsed.email,
        phone=parsed.phone,
        linkedin_url=parsed.linkedin_url,
        linkedin_key=parsed.linkedin_key,
        how_met=parsed.how_met,
        strength=parsed.strength or 1,
        notes=parsed.notes,
        connected_on=parsed.connected_on,
        source=source,
        cadence_days=parsed.cadence_days,
    )
    work.companies.apply(person, parsed.company)
    work.create.append(person)
    work.book.add(person)
    if parsed.tags:
        work.tags.append((person, parsed.tags))
    return person


def _merge(work: _Work, person: _Person, parsed: ParsedContact, *, from_linkedin: bool) -> bool:
    """Bring a stored contact up to date with what the file says; True when anything changed.

    A LinkedIn export owns the current employer and job title; otherwise it only fills what
    is empty. A contacts file the person made (vCard, CSV) overrides every field it gives."""
    changed: set[str] = set()
    old_key, old_email = person.linkedin_key, person.email

    def put(name: str, value: Any) -> None:
        if value not in ("", None) and not _same(getattr(person, name), value):
            setattr(person, name, value)
            changed.add(name)

    def fill(name: str, value: Any) -> None:
        if value not in ("", None) and getattr(person, name) in ("", None):
            setattr(person, name, value)
            changed.add(name)

    if parsed.company and not _same(person.company_name, parsed.company):
        old = (person.company_id, person.company_name, person.company_key, person.role)
        work.companies.apply(person, parsed.company)
        changed |= {"company_id", "company_name", "company_key"}
        if old[1] and old[2] != person.company_key and person.id:
            # They moved on: keep the old employer, so "who used to work there" finds them.
            work.positions.append(
                Position(
                    user=work.user,
                    contact_id=person.id,
                    company_id=old[0],
                    company_name=old[1],
                    company_key=old[2] or company_key(old[1]),
                    title=old[3] or "",
                    ended_on=work.today,
                )
            )
    put("role", parsed.role)
    if from_linkedin:
        for name in (
            "first_name", "last_name", "email", "linkedin_url", "linkedin_key", "connected_on",
        ):  # fmt: skip
            fill(name, getattr(parsed, name))
    else:
        for name in (
            "first_name", "last_name", "email", "phone", "headline", "linkedin_url",
            "linkedin_key", "how_met", "notes", "strength", "cadence_days", "connected_on",
        ):  # fmt: skip
            put(name, getattr(parsed, name))
    if parsed.tags:
        work.tags.append((person, parsed.tags))
    if not changed:
        return False
    work.book.reindex(person, old_key, old_email)
    if person.id is not None:  # one created earlier in this import is written as it ends up
        entry = work.update.setdefault(person.id, (person, set()))
        entry[1].update(changed)
    return True


def _take_contacts(
    work: _Work, rows: list[ParsedContact], report: FileReport, *, source: str, from_linkedin: bool
) -> None:
    for parsed in rows:
        found = work.book.find(parsed)
        if found is not None and id(found) in work.seen:
            earlier = work.seen[id(found)]
            work.problems.append(
                Problem(report.file, parsed.row, "", f"The same person as row {earlier}.", True)
            )
            report.skipped += 1
        elif found is None:
            work.seen[id(_new_contact(work, parsed, source))] = parsed.row
            report.added += 1
        else:
            work.seen[id(found)] = parsed.row
            if _merge(work, found, parsed, from_linkedin=from_linkedin):
                report.updated += 1
            else:
                report.unchanged += 1


def _write(work: _Work, tick: _Progress) -> set[int]:
    """Write everything gathered; returns the ids of contacts whose stay-in-touch dates may
    have changed. A bounded number of statements per thousand rows."""
    touched: set[int] = set()
    for start in range(0, len(work.create), BATCH):
        chunk = work.create[start : start + BATCH]
        ids = bulk.insert(Contact, [person.row(work.user) for person in chunk])
        for person, pk in zip(chunk, ids, strict=True):
            person.id = pk
            # New contacts have no interactions yet; only a cadence gives them a due date.
            if person.cadence_days:
                touched.add(pk)
        tick.advance(len(chunk))
    by_fields: dict[frozenset[str], list[Contact]] = {}
    now = timezone.now()
    for person, fields in work.update.values():
        if fields & {"first_name", "last_name"}:  # both, so the name_key is folded from both
            fields = fields | {"first_name", "last_name"}
        values = {name: getattr(person, name) for name in fields}
        contact = Contact(pk=person.id, user_id=work.user.pk, updated_at=now, **values)
        by_fields.setdefault(frozenset(fields | {"updated_at"}), []).append(contact)
        if "cadence_days" in fields:
            touched.add(person.id)  # type: ignore[arg-type]
    for names, contacts in by_fields.items():
        Contact.objects.bulk_update(contacts, sorted(names), batch_size=500)
        tick.advance(len(contacts))
    Position.objects.bulk_create(work.positions, batch_size=BATCH)
    touched |= _write_tags(work)
    met = [
        {**one.values, "user_id": work.user.pk, "contact_id": one.person.id}
        for one in work.interactions
    ]
    for start in range(0, len(met), BATCH):
        part = met[start : start + BATCH]
        bulk.insert(Interaction, part)
        touched.update(row["contact_id"] for row in part)
        tick.advance(len(part))
    return touched


def _write_tags(work: _Work) -> set[int]:
    if not work.tags:
        return set()
    existing = {t.name.lower(): t.pk for t in Tag.objects.owned_by(work.user)}
    missing: dict[str, str] = {}
    for _person, names in work.tags:
        for name in names:
            if name.lower() not in existing:
                missing.setdefault(name.lower(), name)
    if missing:
        Tag.objects.bulk_create([Tag(user=work.user, name=n) for n in missing.values()])
        existing = {t.name.lower(): t.pk for t in Tag.objects.owned_by(work.user)}
    through = Contact.tags.through
    have = set(through.objects.filter(contact__user=work.user).values_list("contact_id", "tag_id"))
    links = {
        (person.id, existing[name.lower()])
        for person, names in work.tags
        for name in names
        if name.lower() in existing
    } - have
    through.objects.bulk_create(
        [through(contact_id=c, tag_id=t) for c, t in sorted(links)], batch_size=BATCH
    )
    # A tag may carry a cadence: whoever got one needs their next-due date worked out.
    return {c for c, _ in links if c is not None}


# --- LinkedIn ----------------------------------------------------------------------------


def _import_linkedin(
    user: Any,
    filename: str,
    checksum: str,
    export: linkedin.LinkedInExport,
    progress: Progress | None,
) -> ImportReport:
    report = ImportReport(filename, "linkedin", problems=list(export.problems))
    days: list[linkedin.ConversationDay] = []
    if export.messages is not None:
        known = {c.linkedin_key for c in export.connections or () if c.linkedin_key}
        known |= set(
            Contact.objects.owned_by(user)
            .exclude(linkedin_key="")
            .values_list("linkedin_key", flat=True)
        )
        names, keys = linkedin.my_identity(export.messages, export.my_name, known)
        days = linkedin.conversation_days(export.messages, names, keys)
    rows = len(export.connections or ()) + len(days) + len(export.invitations or ())
    tick = _Progress(progress, rows)
    with transaction.atomic():
        work = _Work(user, _Book(user), _Companies(user), timezone.localdate())
        if export.connections is not None:
            file = FileReport(export.files["connections"], "contacts")
            file.skipped = sum(1 for p in export.problems if p.skipped and p.file == file.file)
            _take_contacts(work, export.connections, file, source="linkedin", from_linkedin=True)
            tick.advance(file.unchanged + file.skipped)
            report.files.append(file)
        existing_keys = set(
            Interaction.objects.owned_by(user)
            .filter(external_key__startswith="linkedin-")
            .values_list("external_key", flat=True)
        )
        if export.invitations is not None:
            report.files.append(_take_invitations(work, export, existing_keys, tick))
        if export.messages is not None:
            report.files.append(_take_messages(work, export, days, existing_keys, tick))
        touched = _write(work, tick)
        _finish(user, report, work, touched, checksum)
    tick.advance(rows)
    return report


def _take_invitations(
    work: _Work, export: linkedin.LinkedInExport, existing_keys: set[str], tick: _Progress
) -> FileReport:
    file = FileReport(export.files["invitations"], "interactions")
    file.skipped = sum(1 for p in export.problems if p.skipped and p.file == file.file)
    for invitation in export.invitations or ():
        key = linkedin.invitation_key(invitation)
        if key in existing_keys:
            file.unchanged += 1
            tick.advance(1)
            continue
        existing_keys.add(key)
        person = work.book.find_person(invitation.name, invitation.linkedin_key)
        if person is None:
            person = _new_contact(work, linkedin.contact_for_invitation(invitation), "linkedin")
            file.new_contacts += 1
        values = {
            "occurred_on": invitation.sent_on,
            "channel": "linkedin",
            "direction": invitation.direction,
            "summary": linkedin.invitation_summary(invitation),
            "external_key": key,
        }
        work.interactions.append(_Met(person, values))
        file.added += 1
    return file


def _take_messages(
    work: _Work,
    export: linkedin.LinkedInExport,
    days: list[linkedin.ConversationDay],
    existing_keys: set[str],
    tick: _Progress,
) -> FileReport:
    file = FileReport(export.files["messages"], "interactions")
    file.skipped = sum(1 for p in export.problems if p.skipped and p.file == file.file)
    for day in days:
        key = day.external_key[:300]
        if key in existing_keys:
            file.unchanged += 1
            tick.advance(1)
            continue
        person = next(
            (p for name, k in day.counterparts if (p := work.book.find_person(name, k))), None
        )
        if person is None:
            who = ", ".join(name or k for name, k in day.counterparts[:3]) or "nobody"
            work.problems.append(
                Problem(
                    file.file,
                    day.row,
                    "",
                    f"A conversation with {who}, who is not among your contacts.",
                    True,
                )
            )
            file.skipped += 1
            tick.advance(1)
            continue
        existing_keys.add(key)
        values = {
            "occurred_on": day.day,
            "channel": "linkedin",
            "direction": day.direction,
            "summary": day.summary,
            "external_key": key,
        }
        work.interactions.append(_Met(person, values))
        file.added += 1
    return file


# --- vCard and CSV -----------------------------------------------------------------------


def _import_contacts(
    user: Any,
    filename: str,
    checksum: str,
    kind: str,
    parsed: ParsedContacts,
    progress: Progress | None,
) -> ImportReport:
    contacts, problems = parsed.contacts, parsed.problems
    report = ImportReport(filename, kind, problems=list(problems))
    tick = _Progress(progress, len(contacts))
    with transaction.atomic():
        work = _Work(user, _Book(user), _Companies(user), timezone.localdate())
        file = FileReport(filename, "contacts")
        file.skipped = sum(1 for p in problems if p.skipped)
        _take_contacts(work, contacts, file, source=kind, from_linkedin=False)
        tick.advance(file.unchanged + file.skipped)
        report.files.append(file)
        touched = _write(work, tick)
        _finish(user, report, work, touched, checksum)
    tick.advance(len(contacts))
    return report


def _finish(user: Any, report: ImportReport, work: _Work, touched: set[int], checksum: str) -> None:
    report.problems += work.problems
    report.problems.sort(key=lambda p: (p.file, p.row or 0))
    ids = sorted(touched)
    for start in range(0, len(ids), BATCH):
        services.refresh_contacts(user, ids[start : start + BATCH])
    report.run = ImportRun.objects.create(
        user=user,
        kind=report.kind,
        filename=report.filename[:255],
        checksum=checksum,
        summary=report.headline[:500],
        added=report.added,
        updated=report.updated,
    )
    # The rows went in by bulk insert, which sends no signal: retire what was built on the old.
    generation.touch_after_commit(user.pk)
