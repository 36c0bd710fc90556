"""Writes for the networking CRM. Every function takes the acting user first and touches only
that user's rows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from pmpath.core import generation
from pmpath.core.models import get_owned_or_404
from pmpath.jobs.company_match import CompanyMatcher, Known, company_key
from pmpath.jobs.models import Application, Company
from pmpath.network.models import Contact, Interaction

BATCH = 2000


class NetworkError(ValueError):
    """A request the network area cannot carry out, with a message for the person."""


# --- companies ---------------------------------------------------------------------------------


def company_matcher(user: Any) -> CompanyMatcher:
    """The user's jobs companies, for linking contacts by name (built once per import)."""
    rows = Company.objects.owned_by(user).values_list("id", "name", "aliases")
    return CompanyMatcher(
        Known(pk, name, tuple(map(str, aliases or ()))) for pk, name, aliases in rows
    )


def set_company(contact: Contact, name: str, matcher: CompanyMatcher) -> None:
    """Fill the contact's company fields from a name as written (no save)."""
    contact.company_name = " ".join((name or "").split())[:200]
    contact.company_key = company_key(contact.company_name)
    contact.company_id = matcher.match(contact.company_name)


def relink_companies(user: Any) -> int:
    """Link every contact whose employer now matches one of the user's companies (after a
    company is added or given an alias). Returns how many changed."""
    matcher = company_matcher(user)
    changed = []
    rows = Contact.objects.owned_by(user).only("id", "company_name", "company_id")
    for contact in rows.iterator(chunk_size=BATCH):
        found = matcher.match(contact.company_name)
        if found != contact.company_id:
            contact.company_id = found
            changed.append(contact)
    Contact.objects.bulk_update(changed, ["company"], batch_size=BATCH)
    if changed:  # bulk_update sends no signal
        generation.touch_after_commit(user.pk)
    return len(changed)


# --- staying in touch -----------------------------------------------------------------------


def refresh_contacts(user: Any, contact_ids: Iterable[int] | None = None) -> None:
    """Recompute last touched (the latest interaction, always) and next due (last touched
    plus the contact's cadence, or the shortest cadence among their tags) for these contacts,
    or for all of the user's contacts. A constant number of queries per batch."""
    contacts = Contact.objects.owned_by(user)
    if contact_ids is not None:
        ids = list(dict.fromkeys(contact_ids))
        if not ids:
            return
        contacts = contacts.filter(id__in=ids)
    today = timezone.localdate()
    for chunk in _chunks(
        list(contacts.only("id", "cadence_days", "created_at", "last_touched_on", "next_due_on")),
        BATCH,
    ):
        ids = [c.pk for c in chunk]
        latest = dict(
            Interaction.objects.filter(contact_id__in=ids)
            .values_list("contact_id")
            .annotate(last=Max("occurred_on"))
            .values_list("contact_id", "last")
        )
        tag_cadence = dict(
            Contact.tags.through.objects.filter(contact_id__in=ids, tag__cadence_days__isnull=False)
            .values_list("contact_id")
            .annotate(days=Min("tag__cadence_days"))
            .values_list("contact_id", "days")
        )
        changed = []
        for contact in chunk:
            last = latest.get(contact.pk)
            cadence = contact.cadence_days or tag_cadence.get(contact.pk)
            due = _next_due(
                last, cadence, contact.created_at.date() if contact.created_at else today
            )
            if (last, due) != (contact.last_touched_on, contact.next_due_on):
                contact.last_touched_on, contact.next_due_on = last, due
                changed.append(contact)
        Contact.objects.bulk_update(changed, ["last_touched_on", "next_due_on"], batch_size=BATCH)


def _next_due(last: date | None, cadence: int | None, since: date) -> date | None:
    if not cadence:
        return None
    # Never in touch: due from the day the contact was added.
    return last + timedelta(days=cadence) if last else since


def _chunks(rows: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


# --- interactions ---------------------------------------------------------------------------


@transaction.atomic
def log_interaction(
    user: Any,
    *,
    contact_id: int,
    occurred_on: date | None = None,
    channel: str = "linkedin",
    direction: str = "outbound",
    summary: str = "",
    follow_up_on: date | None = None,
    application_id: int | None = None,
    template_id: int | None = None,
) -> Interaction:
    """Record something that happened with a contact; it resets their stay-in-touch clock."""
    contact = get_owned_or_404(Contact, user, pk=contact_id)
    application = None
    if application_id is not None:
        application = get_owned_or_404(Application, user, pk=application_id)
    template = None
    if template_id is not None:
        from pmpath.network.models import OutreachTemplate

        template = get_owned_or_404(OutreachTemplate, user, pk=template_id)
    interaction = Interaction.objects.create(
        user=user,
        contact=contact,
        occurred_on=occurred_on or timezone.localdate(),
        channel=channel,
        direction=direction,
        summary=summary.strip(),
        follow_up_on=follow_up_on,
        application=application,
        template=template,
    )
    refresh_contacts(user, [contact.pk])
    return interaction


@transaction.atomic
def delete_interaction(user: Any, *, interaction_id: int) -> None:
    interaction = get_owned_or_404(Interaction, user, pk=interaction_id)
    contact_id = interaction.contact_id
    interaction.delete()
    refresh_contacts(user, [contact_id])
