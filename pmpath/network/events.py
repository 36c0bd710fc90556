"""Writes for industry events: add and edit them (a local date-time plus an IANA zone, stored in
UTC), record who was met there, propose follow-ups once attended, and import calendars (.ics
files or addresses) keyed on each entry's UID so a re-import updates instead of duplicating.

Errors are NetworkError with "field: message", for forms to put next to the field."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pmpath.core import generation
from pmpath.core.fetch import FetchError
from pmpath.core.models import get_owned_or_404
from pmpath.jobs.interview_services import local_to_utc, zone_named
from pmpath.jobs.services import JobsError
from pmpath.network import ical
from pmpath.network.importers.base import linkedin_profile, split_name
from pmpath.network.models import (
    EVENT_KINDS,
    EVENT_STATUSES,
    Contact,
    Event,
    Group,
    ImportRun,
    Interaction,
)
from pmpath.network.services import NetworkError, log_interaction

EVENT_FIELDS = (
    "name",
    "kind",
    "local_start",
    "local_end",
    "time_zone",
    "location",
    "url",
    "cost",
    "currency",
    "status",
    "goals",
    "notes",
    "follow_up_on",
    "group_id",
)
MAX_ICS_BYTES = 5 * 1024 * 1024
# After an event, a follow-up two days later is soon enough to be remembered and late enough
# not to crowd the evening itself.
FOLLOW_UP_AFTER = timedelta(days=2)
CURRENCY = re.compile(r"^[A-Z]{3}$")


def zone(name: str) -> ZoneInfo:
    try:
        return zone_named(name)
    except JobsError as exc:
        raise NetworkError(str(exc)) from None


def to_utc(local: datetime, zone_info: ZoneInfo, field_name: str) -> datetime:
    try:
        return local_to_utc(local, zone_info)
    except JobsError as exc:
        raise NetworkError(f"{field_name}: {str(exc).partition(': ')[2]}") from None


def event_day(event: Event) -> date:
    """The calendar day the event starts on, where it happens."""
    try:
        zone_info = ZoneInfo(event.time_zone)
    except (ValueError, KeyError, OSError):
        zone_info = ZoneInfo("UTC")
    return event.starts_at.astimezone(zone_info).date()


def default_zone(user: Any) -> str:
    """The zone of the user's latest event, else the instance's."""
    last = (
        Event.objects.owned_by(user)
        .order_by("-created_at", "-id")
        .values_list("time_zone", flat=True)
        .first()
    )
    return last or settings.TIME_ZONE


def _clean(user: Any, values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(EVENT_FIELDS)
    if unknown:
        raise NetworkError(f"unknown fields: {', '.join(sorted(unknown))}")
    clean = dict(values)
    if "name" in clean:
        clean["name"] = " ".join((clean["name"] or "").split())
        if not clean["name"]:
            raise NetworkError("name: give the event a name")
        if len(clean["name"]) > 300:
            raise NetworkError("name: at most 300 characters")
    if "kind" in clean and clean["kind"] not in dict(EVENT_KINDS):
        raise NetworkError(f"kind: {clean['kind']!r} is not a kind of event")
    if "status" in clean and clean["status"] not in dict(EVENT_STATUSES):
        raise NetworkError(f"status: {clean['status']!r} is not a status")
    for name, limit in (("location", 300), ("url", 1000), ("goals", 5000), ("notes", 20_000)):
        if name in clean:
            clean[name] = (clean[name] or "").strip()
            if len(clean[name]) > limit:
                raise NetworkError(f"{name}: at most {limit:,} characters")
    if clean.get("url") and not clean["url"].lower().startswith(("https://", "http://")):
        raise NetworkError("url: give an http:// or https:// address")
    if "cost" in clean:
        clean["cost"] = _cost(clean["cost"])
    if "currency" in clean:
        clean["currency"] = (clean["currency"] or "").strip().upper()
        if clean["currency"] and not CURRENCY.match(clean["currency"]):
            raise NetworkError("currency: a three-letter code such as EUR, GBP or USD")
    if clean.get("group_id") is not None:
        clean["group_id"] = get_owned_or_404(Group, user, pk=clean["group_id"]).pk
    return clean


def _cost(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        cost = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise NetworkError("cost: give an amount such as 0 or 49.50") from None
    if cost < 0 or cost >= Decimal("10000000"):
        raise NetworkError("cost: between 0 and 9,999,999.99")
    return cost


def _place(
    event: Event, local_start: datetime | None, local_end: datetime | None, zone_name: str | None
) -> None:
    """Set starts_at, ends_at and time_zone. Changing only the zone keeps the wall-clock times:
    the person is saying "6 pm in Berlin, not 6 pm in London"."""
    old_zone = zone(event.time_zone) if event.time_zone else ZoneInfo("UTC")
    zone_info = zone(zone_name or event.time_zone)
    if local_start is None:
        local_start = event.starts_at.astimezone(old_zone).replace(tzinfo=None)
    event.starts_at = to_utc(local_start, zone_info, "local_start")
    if local_end is not None:
        event.ends_at = to_utc(local_end, zone_info, "local_end")
    elif event.ends_at is not None and zone_name:
        event.ends_at = to_utc(
            event.ends_at.astimezone(old_zone).replace(tzinfo=None), zone_info, "local_end"
        )
    if event.ends_at is not None and event.ends_at <= event.starts_at:
        raise NetworkError("local_end: the event must end after it starts")
    event.time_zone = zone_info.key


def create_event(
    user: Any,
    *,
    name: str,
    local_start: datetime,
    time_zone: str,
    local_end: datetime | None = None,
    **values: Any,
) -> Event:
    clean = _clean(user, {"name": name, **values})
    event = Event(user=user, **clean)
    _place(event, local_start, local_end, time_zone)
    event.save()
    return event


def update_event(user: Any, *, event_id: int, **values: Any) -> Event:
    event = get_owned_or_404(Event, user, pk=event_id)
    clean = _clean(user, values)
    local_start = clean.pop("local_start", None)
    local_end = clean.pop("local_end", None)
    zone_name = clean.pop("time_zone", None)
    if "local_end" in values and values["local_end"] is None:
        event.ends_at = None
    if local_start is not None or local_end is not None or zone_name is not None:
        _place(event, local_start, local_end, zone_name)
    for name, value in clean.items():
        setattr(event, name, value)
    event.save()
    return event


def delete_event(user: Any, *, event_id: int) -> None:
    """The event goes; the contacts met there and what was logged with them stay."""
    get_owned_or_404(Event, user, pk=event_id).delete()


def set_status(user: Any, *, event_id: int, status: str) -> Event:
    return update_event(user, event_id=event_id, status=status)


# --- people met ----------------------------------------------------------------------------


def add_contact_met(
    user: Any,
    *,
    name: str,
    company: str = "",
    role: str = "",
    linkedin_url: str = "",
    note: str = "",
    source: str = "manual",
    how_met: str = "",
) -> tuple[Contact, bool]:
    """A new contact from a quick-add form, or the existing one with the same LinkedIn profile
    (which then keeps its own details). Returns (contact, created)."""
    from pmpath.network.contacts import save_contact

    first, last = split_name(name)
    if not (first or last):
        raise NetworkError("name: give their name")
    canonical, key = linkedin_profile(linkedin_url)
    if (linkedin_url or "").strip() and not key:
        raise NetworkError(
            "linkedin_url: a LinkedIn profile address, like https://www.linkedin.com/in/name"
        )
    if key:
        existing = Contact.objects.owned_by(user).filter(linkedin_key=key).first()
        if existing is not None:
            return existing, False
    contact = save_contact(
        user,
        first_name=first,
        last_name=last,
        company=company,
        role=role,
        linkedin_url=canonical,
        how_met=how_met,
        notes=note,
        strength=2,  # "met once"
    )
    if source != contact.source:
        Contact.objects.filter(pk=contact.pk).update(source=source)
        contact.source = source
    return contact, True


def _met_key(event: Event, contact_id: int) -> str:
    return f"event:{event.uid}:{contact_id}"


def _log_met(
    user: Any, event: Event, contact: Contact, *, follow_up_on: date | None, summary: str = ""
) -> Interaction:
    """The "we met at this event" interaction, once per contact and event (keyed, so asking
    again moves its follow-up date instead of logging a second one)."""
    key = _met_key(event, contact.pk)
    keyed = Interaction.objects.owned_by(user).exclude(external_key="")  # uses the unique index
    found = keyed.filter(external_key=key).first()
    if found is not None:
        if follow_up_on and found.follow_up_on != follow_up_on:
            found.follow_up_on = follow_up_on
            found.save(update_fields=["follow_up_on", "updated_at"])
        return found
    occurred = min(event_day(event), timezone.localdate())
    interaction = log_interaction(
        user,
        contact_id=contact.pk,
        occurred_on=occurred,
        channel="event",
        direction="outbound",
        summary=summary or f"Met at {event.name}",
        follow_up_on=follow_up_on,
    )
    # log_interaction has no key parameter; the key is set in the same transaction.
    Interaction.objects.filter(pk=interaction.pk).update(external_key=key)
    interaction.external_key = key
    return interaction


@transaction.atomic
def quick_add_contact(
    user: Any,
    *,
    event_id: int,
    name: str,
    company: str = "",
    role: str = "",
    linkedin_url: str = "",
    note: str = "",
) -> tuple[Contact, bool]:
    """Someone met at the event: a contact (source "event", how met "Met at <event>") linked to
    it, with the meeting logged on the event's day and the event's follow-up date set."""
    event = get_owned_or_404(Event, user, pk=event_id)
    contact, created = add_contact_met(
        user,
        name=name,
        company=company,
        role=role,
        linkedin_url=linkedin_url,
        note=note,
        source="event",
        how_met=f"Met at {event.name}",
    )
    event.contacts_met.add(contact)
    _log_met(user, event, contact, follow_up_on=event.follow_up_on, summary=_summary(event, note))
    return contact, created


def _summary(event: Event, note: str) -> str:
    note = " ".join((note or "").split())
    return f"Met at {event.name}: {note}" if note else f"Met at {event.name}"


@transaction.atomic
def link_contact(user: Any, *, event_id: int, contact_id: int) -> Contact:
    """Someone already in the contacts was met at the event. Once the event has started, the
    meeting is logged too; before, it waits for the follow-up proposal."""
    event = get_owned_or_404(Event, user, pk=event_id)
    contact = get_owned_or_404(Contact, user, pk=contact_id)
    event.contacts_met.add(contact)
    if event.starts_at <= timezone.now():
        _log_met(user, event, contact, follow_up_on=event.follow_up_on)
    return contact


def unlink_contact(user: Any, *, event_id: int, contact_id: int) -> None:
    """Not met there after all; the contact and anything logged with them stay."""
    event = get_owned_or_404(Event, user, pk=event_id)
    contact = get_owned_or_404(Contact, user, pk=contact_id)
    event.contacts_met.remove(contact)


def proposed_follow_up(event: Event) -> date:
    """When to follow up with people met: the event's own date if set, else two days after."""
    return event.follow_up_on or event_day(event) + FOLLOW_UP_AFTER


@transaction.atomic
def mark_attended(user: Any, *, event_id: int) -> Event:
    """Attended: the event's page then proposes a follow-up with everyone met there."""
    event = set_status(user, event_id=event_id, status="attended")
    if event.follow_up_on is None:
        event.follow_up_on = proposed_follow_up(event)
        event.save(update_fields=["follow_up_on", "updated_at"])
    return event


@transaction.atomic
def follow_up_everyone(
    user: Any, *, event_id: int, contact_ids: Iterable[int], follow_up_on: date
) -> int:
    """Log the meeting with each of these contacts met at the event (once) and set their
    follow-up date. Ids that are not contacts met there are ignored. Returns how many."""
    event = get_owned_or_404(Event, user, pk=event_id)
    if follow_up_on < event_day(event):
        raise NetworkError("follow_up_on: the follow-up comes after the event")
    wanted = set(contact_ids)
    met = list(event.contacts_met.filter(id__in=wanted, user=user))
    for contact in met:
        _log_met(user, event, contact, follow_up_on=follow_up_on)
    if event.follow_up_on != follow_up_on:
        event.follow_up_on = follow_up_on
        event.save(update_fields=["follow_up_on", "updated_at"])
    return len(met)


# --- calendar import -----------------------------------------------------------------------


@dataclass
class IcsOutcome:
    source: str
    added: int = 0
    updated: int = 0
    skipped: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def headline(self) -> str:
        parts = [f"{self.added} added", f"{self.updated} updated"]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        return f"{self.source}: " + ", ".join(parts) + "."


# What a calendar owns: a re-import changes these and leaves the person's own fields alone
# (status, goals, notes, cost, follow-up, group, contacts met).
CALENDAR_FIELDS = ["name", "starts_at", "ends_at", "time_zone", "location", "url"]


def import_ics(user: Any, *, data: bytes, name: str, now: datetime | None = None) -> IcsOutcome:
    """Import every event of a calendar, all or nothing. Raises NetworkError naming the file."""
    if len(data) > MAX_ICS_BYTES:
        raise NetworkError(
            f"file: {name} is {len(data) // 1024} KB, over the {MAX_ICS_BYTES // 1024} KB limit"
        )
    try:
        parsed = ical.parse_calendar(
            data, name=name, default_zone=default_zone(user), now=now or timezone.now()
        )
    except ical.IcsError as exc:
        raise NetworkError(f"file: {exc}") from None
    outcome = IcsOutcome(source=name, skipped=parsed.skipped)
    with transaction.atomic():
        uids = [e.uid for e in parsed.events]
        existing = {
            e.external_uid: e for e in Event.objects.owned_by(user).filter(external_uid__in=uids)
        }
        new: list[Event] = []
        changed: list[Event] = []
        for item in parsed.events:
            values = {
                "name": item.name,
                "starts_at": item.starts_at,
                "ends_at": item.ends_at,
                "time_zone": item.time_zone,
                "location": item.location,
                "url": item.url,
            }
            event = existing.get(item.uid)
            if event is None:
                new.append(
                    Event(
                        user=user,
                        external_uid=item.uid,
                        kind=item.kind,
                        notes=item.description,
                        status="skipped" if item.cancelled else "interested",
                        **values,
                    )
                )
                continue
            if item.cancelled and event.status != "attended":
                values["status"] = "skipped"
            if any(getattr(event, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(event, key, value)
                changed.append(event)
        Event.objects.bulk_create(new, batch_size=500)
        if changed:
            now_ts = timezone.now()
            for event in changed:
                event.updated_at = now_ts
            Event.objects.bulk_update(
                changed, [*CALENDAR_FIELDS, "status", "updated_at"], batch_size=500
            )
        outcome.added, outcome.updated = len(new), len(changed)
        outcome.events = new + changed
        ImportRun.objects.create(
            user=user,
            kind="ics",
            filename=name[:255],
            checksum=hashlib.sha256(data).hexdigest(),
            summary=outcome.headline[:500],
            added=outcome.added,
            updated=outcome.updated,
        )
        generation.touch_after_commit(user.pk)  # the events went in by bulk writes
    return outcome


def calendar_address(url: str) -> str:
    """webcal:// is how calendar sites link a subscription; it is https underneath."""
    url = (url or "").strip()
    if url.lower().startswith("webcal://"):
        return "https://" + url[len("webcal://") :]
    return url


def import_ics_url(user: Any, *, url: str, now: datetime | None = None) -> IcsOutcome:
    """Download a calendar (through the SSRF guard, size cap and timeouts) and import it."""
    from pmpath.jobs import fetching

    address = calendar_address(url)
    if not address:
        raise NetworkError("url: give the calendar's address")
    try:
        fetched = fetching.get(address, max_bytes=MAX_ICS_BYTES, accept="text/calendar, */*;q=0.5")
    except FetchError as exc:
        raise NetworkError(f"url: {exc}") from None
    return import_ics(user, data=fetched.content, name=address, now=now)
