"""Writes for contacts: add and edit, tags and their cadence, positions, delete, merge.

Every function takes the acting user first and touches only that user's rows; anything that can
move a contact's stay-in-touch clock ends with refresh_contacts for the contacts it changed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q

from pmpath.core.models import get_owned_or_404
from pmpath.jobs.company_match import company_key
from pmpath.jobs.models import Company

# One rule for the profile key, shared with the LinkedIn importer.
from pmpath.network.importers.base import linkedin_key
from pmpath.network.models import STRENGTHS, Contact, Interaction, Position, Tag
from pmpath.network.services import NetworkError, company_matcher, refresh_contacts, set_company

TEXT_FIELDS = {
    "first_name": 100,
    "last_name": 100,
    "headline": 300,
    "role": 200,
    "email": 254,
    "phone": 50,
    "how_met": 300,
}
MAX_TAGS = 30
MAX_CADENCE_DAYS = 3650


# --- pure helpers ----------------------------------------------------------------------------


def parse_tags(text: str | Iterable[str]) -> list[str]:
    """Tag names from "mentor, Recruiters ,mentor": trimmed, de-duplicated ignoring case."""
    items = text.split(",") if isinstance(text, str) else list(text)
    names: dict[str, str] = {}
    for item in items:
        name = " ".join(str(item).split())[:60]
        if name:
            names.setdefault(name.casefold(), name)
    return list(names.values())


# --- contacts ---------------------------------------------------------------------------------


@transaction.atomic
def save_contact(
    user: Any,
    *,
    contact_id: int | None = None,
    first_name: str = "",
    last_name: str = "",
    headline: str = "",
    company: str = "",
    role: str = "",
    email: str = "",
    phone: str = "",
    linkedin_url: str = "",
    how_met: str = "",
    tags: str | Iterable[str] = "",
    strength: int = 1,
    notes: str = "",
    cadence_days: int | None = None,
    can_open_ids: Iterable[int] = (),
    connected_on: date | None = None,
) -> Contact:
    """Create a contact (no contact_id) or replace an existing one's fields."""
    if contact_id is None:
        contact = Contact(user=user)
    else:
        contact = get_owned_or_404(Contact, user, pk=contact_id)
    values = {
        "first_name": first_name,
        "last_name": last_name,
        "headline": headline,
        "role": role,
        "email": email,
        "phone": phone,
        "how_met": how_met,
    }
    for name, value in values.items():
        setattr(contact, name, " ".join((value or "").split())[: TEXT_FIELDS[name]])
    contact.email = contact.email.lower()
    if contact.email:
        try:
            validate_email(contact.email)
        except ValidationError:
            raise NetworkError(f"email: {contact.email!r} is not an email address") from None
    if not (contact.first_name or contact.last_name or contact.email):
        raise NetworkError("first_name: give the contact a name or an email address")
    contact.linkedin_url = (linkedin_url or "").strip()[:500]
    contact.linkedin_key = linkedin_key(contact.linkedin_url)
    if contact.linkedin_url and not contact.linkedin_key:
        raise NetworkError(
            "linkedin_url: not a LinkedIn profile address (like https://www.linkedin.com/in/name)"
        )
    if contact.linkedin_key:
        clash = (
            Contact.objects.owned_by(user)
            .filter(linkedin_key=contact.linkedin_key)
            .exclude(pk=contact.pk)
            .first()
        )
        if clash is not None:
            raise NetworkError(
                f"linkedin_url: {clash.name} already has this LinkedIn profile "
                f"(contact #{clash.pk}); merge the two instead"
            )
    contact.strength = _strength(strength)
    contact.cadence_days = _cadence(cadence_days)
    contact.notes = (notes or "").strip()
    if connected_on is not None:
        contact.connected_on = connected_on
    set_company(contact, company, company_matcher(user))
    contact.save()
    set_tags(user, contact, parse_tags(tags))
    openers = list(dict.fromkeys(int(i) for i in can_open_ids))
    found = list(Company.objects.owned_by(user).filter(pk__in=openers).values_list("pk", flat=True))
    if len(found) != len(openers):
        raise NetworkError("can_open: choose among your own companies")
    contact.can_open.set(found)
    refresh_contacts(user, [contact.pk])
    contact.refresh_from_db(fields=["last_touched_on", "next_due_on"])
    return contact


def _strength(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise NetworkError("strength: choose a number from 1 to 5") from None
    if number not in dict(STRENGTHS):
        raise NetworkError("strength: choose a number from 1 to 5")
    return number


def _cadence(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        days = int(value)
    except (TypeError, ValueError):
        raise NetworkError("cadence_days: give a number of days") from None
    if not 1 <= days <= MAX_CADENCE_DAYS:
        raise NetworkError(f"cadence_days: give a number of days from 1 to {MAX_CADENCE_DAYS}")
    return days


def set_tags(user: Any, contact: Contact, names: list[str]) -> None:
    """Give the contact exactly these tags, creating the user's Tag rows that are new (a name
    matches an existing tag ignoring case)."""
    if len(names) > MAX_TAGS:
        raise NetworkError(f"tags: at most {MAX_TAGS} tags on one contact")
    existing: dict[str, Tag] = {}
    if names:
        match = Q()
        for name in names:
            match |= Q(name__iexact=name)
        existing = {t.name.casefold(): t for t in Tag.objects.owned_by(user).filter(match)}
    tags = []
    for name in names:
        tag = existing.get(name.casefold())
        if tag is None:
            tag = Tag.objects.create(user=user, name=name)
            existing[name.casefold()] = tag
        tags.append(tag)
    contact.tags.set(tags)


@transaction.atomic
def delete_contact(user: Any, *, contact_id: int) -> str:
    contact = get_owned_or_404(Contact, user, pk=contact_id)
    name = contact.name
    contact.delete()
    return name


# --- tags ---------------------------------------------------------------------------------


@transaction.atomic
def set_tag_cadence(user: Any, *, tag_id: int, cadence_days: Any) -> Tag:
    """How often to be in touch with everyone tagged (unless they have their own cadence)."""
    tag = get_owned_or_404(Tag, user, pk=tag_id)
    tag.cadence_days = _cadence(cadence_days)
    tag.save(update_fields=["cadence_days", "updated_at"])
    refresh_contacts(user, tag.contacts.values_list("pk", flat=True))
    return tag


@transaction.atomic
def rename_tag(user: Any, *, tag_id: int, name: str) -> Tag:
    tag = get_owned_or_404(Tag, user, pk=tag_id)
    name = " ".join((name or "").split())[:60]
    if not name:
        raise NetworkError("name: a tag needs a name")
    if Tag.objects.owned_by(user).filter(name__iexact=name).exclude(pk=tag.pk).exists():
        raise NetworkError(f"name: you already have a tag called {name!r}")
    tag.name = name
    tag.save(update_fields=["name", "updated_at"])
    return tag


@transaction.atomic
def delete_tag(user: Any, *, tag_id: int) -> str:
    tag = get_owned_or_404(Tag, user, pk=tag_id)
    contact_ids = list(tag.contacts.values_list("pk", flat=True))
    name = tag.name
    tag.delete()
    refresh_contacts(user, contact_ids)
    return name


# --- positions ----------------------------------------------------------------------------


@transaction.atomic
def add_position(
    user: Any,
    *,
    contact_id: int,
    company: str,
    title: str = "",
    started_on: date | None = None,
    ended_on: date | None = None,
) -> Position:
    """A job the contact holds or held, so "who used to work here" can find them."""
    contact = get_owned_or_404(Contact, user, pk=contact_id)
    name = " ".join((company or "").split())[:200]
    if not name:
        raise NetworkError("company: say where they worked")
    if started_on and ended_on and ended_on < started_on:
        raise NetworkError("ended_on: the end is before the start")
    return Position.objects.create(
        user=user,
        contact=contact,
        company_id=company_matcher(user).match(name),
        company_name=name,
        company_key=company_key(name),
        title=" ".join((title or "").split())[:200],
        started_on=started_on,
        ended_on=ended_on,
    )


def delete_position(user: Any, *, position_id: int) -> Position:
    position = get_owned_or_404(Position, user, pk=position_id)
    position.delete()
    return position


# --- merging duplicates -------------------------------------------------------------------

# Filled on the kept contact from the others when the kept one has nothing there.
_FILLED = (
    "first_name",
    "last_name",
    "headline",
    "role",
    "email",
    "phone",
    "linkedin_url",
    "linkedin_key",
    "how_met",
    "cadence_days",
)


@transaction.atomic
def merge_contacts(user: Any, *, keep_id: int, other_ids: Iterable[int]) -> Contact:
    """Fold the other contacts into the kept one: their interactions, positions, tags, events,
    groups and companies they can open move over, blanks are filled from them, notes are
    appended, the strongest relationship wins; then they are deleted."""
    keep = get_owned_or_404(Contact, user, pk=keep_id)
    ids = [int(i) for i in dict.fromkeys(other_ids) if int(i) != keep.pk]
    if not ids:
        raise NetworkError("other: choose a different contact to merge")
    others = list(Contact.objects.owned_by(user).filter(pk__in=ids).order_by("created_at", "id"))
    if len(others) != len(ids):
        from django.http import Http404

        raise Http404("No contact here.")
    for other in others:
        for name in _FILLED:
            if not getattr(keep, name) and getattr(other, name):
                setattr(keep, name, getattr(other, name))
        if not keep.company_name and other.company_name:
            keep.company_name, keep.company_key = other.company_name, other.company_key
            keep.company_id = other.company_id
        if other.notes.strip() and other.notes.strip() not in keep.notes:
            keep.notes = "\n\n".join(p for p in (keep.notes.strip(), other.notes.strip()) if p)
        keep.strength = max(keep.strength, other.strength)
        if other.connected_on and (not keep.connected_on or other.connected_on < keep.connected_on):
            keep.connected_on = other.connected_on
        if keep.source == "manual" and other.source != "manual":
            keep.source = other.source
    Interaction.objects.filter(user=user, contact_id__in=ids).update(contact=keep)
    Position.objects.filter(user=user, contact_id__in=ids).update(contact=keep)
    _move_links(Contact.tags.through, "tag_id", ids, keep)
    _move_links(Contact.can_open.through, "company_id", ids, keep)
    _move_links(Contact.events.through, "event_id", ids, keep)
    _move_links(Contact.groups.through, "group_id", ids, keep)
    Contact.objects.filter(pk__in=ids).delete()
    # After the delete: the kept contact may now take over a LinkedIn key that must stay unique.
    keep.save()
    refresh_contacts(user, [keep.pk])
    keep.refresh_from_db()
    return keep


def _move_links(through: Any, other_field: str, from_ids: list[int], keep: Contact) -> None:
    """Point many-to-many rows of the merged contacts at the kept one, without duplicates."""
    contact_field = next(
        f.attname
        for f in through._meta.fields
        if f.is_relation and f.related_model is Contact and f.attname != other_field
    )
    have = set(
        through.objects.filter(**{contact_field: keep.pk}).values_list(other_field, flat=True)
    )
    moving = set(
        through.objects.filter(**{f"{contact_field}__in": from_ids}).values_list(
            other_field, flat=True
        )
    )
    through.objects.bulk_create(
        [through(**{contact_field: keep.pk, other_field: pk}) for pk in moving - have]
    )
