"""Reads for contacts: the list, one contact's page, likely duplicates, "who do I know here?"
and the jobs board's warm-contact markers. Each a fixed number of queries, whatever the number
of contacts or interactions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import CharField, Count, F, IntegerField, Max, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Lower
from django.utils import timezone

from pmpath.core import generation
from pmpath.jobs.company_match import company_key
from pmpath.jobs.models import Application, Company
from pmpath.network.models import Contact, Interaction, Position, Tag

PAGE_SIZE = 50
LOG_LIMIT = 100
WHO_LIMIT = 10
DUPLICATE_GROUPS = 50
WARM_STRENGTH = 3  # "Know well" or closer

SORTS: dict[str, tuple[Any, ...]] = {
    "name": ("last_name", "first_name", "id"),
    # Never-touched contacts last. SQLite already sorts NULLs last when descending, and then
    # walks the (user, -last_touched_on) index instead of sorting 20,000 rows (see _sorted).
    "touched": (F("last_touched_on").desc(nulls_last=True), "id"),
    "due": (F("next_due_on").asc(nulls_last=True), "last_name", "id"),
    "strength": ("-strength", "last_name", "first_name", "id"),
}
DUE_FILTERS = {
    "overdue": "Overdue",
    "week": "Due in the next 7 days",
    "scheduled": "Has a cadence",
    "none": "No cadence",
}


def company_keys(company: Company) -> set[str]:
    """The folded keys of a company's name and aliases ("Google" and "Alphabet" → "google")."""
    return {k for k in (company_key(n) for n in (company.name, *(company.aliases or ()))) if k}


def _ids_at(rows: QuerySet, company_ids: Iterable[int], keys: Iterable[str]) -> QuerySet:
    """The ids of these rows (contacts or positions) at the companies: linked to one, or
    employed under one of its folded names. One subquery of two halves, each answered by its
    own (user, company) or (user, company_key) index: written as an OR, SQLite scans every
    row of the user instead."""
    rows = rows.order_by()
    linked = rows.filter(company_id__in=list(company_ids)).values("id")
    return linked.union(rows.filter(company_key__in=list(keys)).values("id"), all=True)


# --- the list -------------------------------------------------------------------------------


def contact_list(
    user: Any,
    *,
    search: str = "",
    tag_id: int | None = None,
    strength: int | None = None,
    company: str = "",
    company_id: int | None = None,
    due: str = "",
    sort: str = "name",
) -> QuerySet[Contact]:
    """The user's contacts filtered and sorted; tags come with them in one prefetch."""
    rows = Contact.objects.owned_by(user).select_related("company")
    for word in search.split()[:5]:
        rows = rows.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(company_name__icontains=word)
            | Q(role__icontains=word)
            | Q(headline__icontains=word)
            | Q(email__icontains=word)
        )
    if tag_id:
        rows = rows.filter(tags__id=tag_id)
    if strength:
        rows = rows.filter(strength__gte=strength)
    if company_id:
        rows = rows.filter(company_id=company_id)
    key = company_key(company)
    if key:
        # Every employer whose folded name starts with the words given ("northwind" finds
        # "Northwind Traders Ltd"), as a range on the (user, company_key) index.
        rows = rows.filter(company_key__gte=key, company_key__lt=key + "\U0010ffff")
    today = timezone.localdate()
    if due == "overdue":
        rows = rows.filter(next_due_on__lt=today)
    elif due == "week":
        rows = rows.filter(next_due_on__gte=today, next_due_on__lte=today + timedelta(days=7))
    elif due == "scheduled":
        rows = rows.filter(next_due_on__isnull=False)
    elif due == "none":
        rows = rows.filter(next_due_on__isnull=True)
    return _shown(rows).order_by(*_sorted(sort))


def _shown(rows: QuerySet[Contact]) -> QuerySet[Contact]:
    """What a row of the list shows beside the contact: its company and tags."""
    return rows.select_related("company").prefetch_related(
        Prefetch("tags", queryset=Tag.objects.only("id", "name"))
    )


def paginate(rows: QuerySet[Contact], number: Any) -> Page:
    """One page of contacts. The sort runs over ids only and the page's rows are read after,
    by id: sorting 20,000 whole rows (with their company) costs twice as much."""
    page = Paginator(rows.values_list("id", flat=True), PAGE_SIZE).get_page(number)
    ids = list(page.object_list)
    # By primary key alone: repeating the filters let SQLite walk an index of the person's
    # contacts again, matching every search word, to find the same 50.
    found = {c.pk: c for c in _shown(Contact.objects.filter(pk__in=ids))}
    page.object_list = [found[pk] for pk in ids if pk in found]  # type: ignore[misc]
    return page


def _sorted(sort: str) -> tuple[Any, ...]:
    order = SORTS.get(sort, SORTS["name"])
    if sort == "touched" and connection.vendor == "sqlite":
        return ("-last_touched_on", "id")
    return order


def tags(user: Any) -> list[Tag]:
    return list(Tag.objects.owned_by(user).order_by(Lower("name")))


def tags_with_counts(user: Any) -> list[Tag]:
    return list(
        Tag.objects.owned_by(user).annotate(contact_count=Count("contacts")).order_by(Lower("name"))
    )


# --- one contact ------------------------------------------------------------------------------


@dataclass
class ContactPage:
    contact: Contact
    interactions: list[Interaction]
    interaction_total: int
    positions: list[Position]
    applications: list[Application]


def contact_page(user: Any, contact: Contact) -> ContactPage:
    """The log, positions and applications for the contact's page, in four queries."""
    log = (
        Interaction.objects.filter(contact=contact)
        .select_related("application__company", "template")
        .order_by("-occurred_on", "-id")
    )
    interactions = list(log[:LOG_LIMIT])
    total = log.count()  # always, so the page's query count does not depend on the log's length
    positions = list(
        Position.objects.filter(contact=contact).order_by(
            F("started_on").desc(nulls_last=True), "-id"
        )
    )
    return ContactPage(
        contact=contact,
        interactions=interactions,
        interaction_total=total,
        positions=positions,
        applications=applications_for(user, contact),
    )


def contact_for_page(user: Any, contact_id: int) -> Contact:
    from pmpath.core.models import get_owned_or_404

    return get_owned_or_404(
        Contact.objects.select_related("company").prefetch_related(
            Prefetch("tags", queryset=Tag.objects.only("id", "name", "cadence_days")),
            Prefetch("can_open", queryset=Company.objects.only("id", "name")),
        ),
        user,
        pk=contact_id,
    )


def applications_for(user: Any, contact: Contact, *, limit: int = 50) -> list[Application]:
    """The applications a message to this contact is likely about: at their company or at a
    company they can open, live ones first. Bounded, for a menu."""
    # can_open comes prefetched by contact_for_page; the contact's own company is linked by
    # name when it is saved (company_matcher), so ids are all that is needed.
    ids = {c.pk for c in contact.can_open.all()}
    if contact.company_id:
        ids.add(contact.company_id)
    if not ids:
        return []
    return list(
        Application.objects.owned_by(user)
        .filter(company_id__in=ids)
        .select_related("company")
        .order_by(F("archived_at").asc(nulls_first=True), "-stage_changed_at", "-id")[:limit]
    )


# --- duplicates -----------------------------------------------------------------------------


@dataclass
class DuplicateGroup:
    reason: str
    contacts: list[Contact]

    @property
    def suggested(self) -> Contact:
        """Keep the one with the longest history, then the oldest."""
        return max(self.contacts, key=lambda c: (getattr(c, "interaction_count", 0), -c.pk))


# What grouping and the merge cards read of each contact (not its notes, links or dates).
DUPLICATE_FIELDS = (
    "id", "first_name", "last_name", "email", "email_key", "name_key", "company_key",
    "company_name", "role", "linkedin_key", "created_at",
)  # fmt: skip


def duplicates(user: Any, *, limit: int = DUPLICATE_GROUPS) -> list[DuplicateGroup]:
    """Contacts that look like the same person: the same email (ignoring case), or the same
    name (ignoring case, accents and spacing) at the same company. The same LinkedIn profile
    cannot happen: the database refuses a second contact with it. Four queries, grouped in
    order from the stored keys' indexes: (user, email_key) and (user, name_key, company_key)."""
    mine = Contact.objects.owned_by(user)
    emails = list(
        mine.filter(email_key__gt="")
        .values("email_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by("email_key")
        .values_list("email_key", flat=True)[:limit]
    )
    names = list(
        mine.filter(name_key__gt="")
        .values("name_key", "company_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by("name_key", "company_key")
        .values_list("name_key", "company_key")[:limit]
    )
    if not emails and not names:
        return []
    # Index searches, not a scan: every pairing of the names and companies found (a few
    # strangers with one of the names at another of the companies are dropped below).
    # Sorted here: ORDER BY id would have SQLite walk the (user, id) index instead.
    match = Q(email_key__in=emails) | Q(
        name_key__in=sorted({n for n, _ in names}), company_key__in=sorted({k for _, k in names})
    )
    wanted_names, wanted_emails = set(names), set(emails)
    shown = mine.filter(match).order_by().only(*DUPLICATE_FIELDS)
    rows = sorted(
        (
            contact
            for contact in shown
            if contact.email_key in wanted_emails
            or (contact.name_key, contact.company_key) in wanted_names
        ),
        key=lambda contact: contact.pk,
    )
    # Counted apart: a join over every contact's interactions would cost more than the rest.
    counts = dict(
        Interaction.objects.filter(contact_id__in=[c.pk for c in rows])
        .values_list("contact_id")
        .annotate(n=Count("id"))
        .values_list("contact_id", "n")
    )
    for contact in rows:
        contact.interaction_count = counts.get(contact.pk, 0)
    groups: dict[tuple[str, ...], list[Contact]] = defaultdict(list)
    for contact in rows:
        if contact.email_key and contact.email_key in wanted_emails:
            groups[("email", contact.email_key)].append(contact)
        if (contact.name_key, contact.company_key) in wanted_names:
            groups[("name", contact.name_key, contact.company_key)].append(contact)
    found: list[DuplicateGroup] = []
    seen: set[frozenset[int]] = set()
    for key, members in groups.items():
        ids = frozenset(c.pk for c in members)
        if len(ids) < 2 or ids in seen:
            continue
        seen.add(ids)
        reason = f"same email {key[1]}" if key[0] == "email" else "same name and company"
        found.append(DuplicateGroup(reason, members))
    return found[:limit]


def merge_candidates(user: Any, contact: Contact, search: str, *, limit: int = 20) -> list[Contact]:
    """Other contacts to merge this one with: matching the search, or else its likely twins."""
    rows = Contact.objects.owned_by(user).exclude(pk=contact.pk).select_related("company")
    if search.strip():
        for word in search.split()[:5]:
            rows = rows.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(company_name__icontains=word)
            )
    else:
        # Exact matches, so the name and email indexes answer at once.
        twin = Q(last_name=contact.last_name) if contact.last_name else Q(pk__in=[])
        if contact.email:
            twin |= Q(email=contact.email)
        rows = rows.filter(twin)
    return list(rows.order_by("last_name", "first_name", "id")[:limit])


# --- who do I know here? ----------------------------------------------------------------------


@dataclass
class WhoIKnow:
    company: Company
    current: list[Contact]
    current_total: int
    former: list[Position]
    former_total: int


WHO_TTL_SECONDS = 60


def who_i_know(user: Any, company: Company, *, limit: int = WHO_LIMIT) -> WhoIKnow:
    """People at this company now (linked to it, or employed under any of its names), then
    people who used to work there, each ranked by relationship strength, then by how recently
    you were in touch. Five queries, whatever the numbers; kept under the person's data
    generation, which every change to their contacts, positions or companies moves (from
    another process without Redis, seen within WHO_TTL_SECONDS)."""
    stamp = (company.pk, limit)  # the company's own changes move the generation
    return generation.cached(
        user.pk, "who-i-know", stamp, lambda: _who_i_know(user, company, limit), ttl=WHO_TTL_SECONDS
    )


def _who_i_know(user: Any, company: Company, limit: int) -> WhoIKnow:
    keys = company_keys(company)
    # The ids first, once each (the two-halved subquery is most of the cost of compiling a
    # statement, and was compiled into four), then plain reads by primary key.
    current_ids = set(
        _ids_at(Contact.objects.owned_by(user), [company.pk], keys).values_list("id", flat=True)
    )
    current = list(
        Contact.objects.filter(pk__in=current_ids)
        .select_related("company")
        .order_by("-strength", F("last_touched_on").desc(nulls_last=True), "last_name", "id")[
            :limit
        ]
    )
    current_total = len(current_ids)
    position_ids = set(
        _ids_at(Position.objects.owned_by(user), [company.pk], keys).values_list("id", flat=True)
    )
    former_rows = Position.objects.filter(pk__in=position_ids).exclude(contact_id__in=current_ids)
    former: list[Position] = []
    seen: set[int] = set()
    for position in former_rows.select_related("contact").order_by(
        "-contact__strength",
        F("contact__last_touched_on").desc(nulls_last=True),
        F("ended_on").desc(nulls_last=True),
        "id",
    )[: limit * 3]:
        if position.contact_id not in seen and len(former) < limit:
            seen.add(position.contact_id)
            former.append(position)
    former_total = former_rows.values("contact_id").distinct().count()
    return WhoIKnow(company, current, current_total, former, former_total)


@dataclass(frozen=True)
class Warmth:
    """Who the person knows at a company: `known` contacts, the closest at `best` strength."""

    known: int
    best: int

    @property
    def warm(self) -> bool:
        return self.best >= WARM_STRENGTH


def warmth(user: Any, companies: Iterable[Company]) -> dict[int, Warmth]:
    """For a page of companies (the board's cards), who the person knows at each, in one
    grouped query whatever the number of cards or contacts."""
    by_key: dict[str, set[int]] = defaultdict(set)
    ids: set[int] = set()
    for company in companies:
        ids.add(company.pk)
        for key in company_keys(company):
            by_key[key].add(company.pk)
    if not ids:
        return {}
    # Two grouped halves in one statement, each on its own index (see _ids_at): contacts
    # linked to a card's company, and those not linked to any of them whose employer's name
    # folds to one of the companies' keys.
    mine = Contact.objects.owned_by(user).order_by()
    linked = (
        mine.filter(company_id__in=ids)
        .values_list("company_id")
        .annotate(key=Value("", output_field=CharField()), n=Count("id"), best=Max("strength"))
        .values_list("company_id", "key", "n", "best")
    )
    named = (
        mine.filter(company_key__in=list(by_key))
        .exclude(company_id__in=ids)
        .values_list("company_key")
        .annotate(pk=Value(None, output_field=IntegerField()), n=Count("id"), best=Max("strength"))
        .values_list("pk", "company_key", "n", "best")
    )
    known: dict[int, int] = defaultdict(int)
    best: dict[int, int] = defaultdict(int)
    for company_id, key, n, strength in linked.union(named, all=True):
        for pk in {company_id} if company_id else by_key.get(key, set()):
            known[pk] += n
            best[pk] = max(best[pk], strength)
    return {pk: Warmth(known[pk], best[pk]) for pk in known}


def who_for_application(user: Any, application: Application) -> WhoIKnow | None:
    """ "Who do I know here?" for an application's company; None when it has no company."""
    if application.company is None:
        return None
    return who_i_know(user, application.company)


def board_companies(columns: Iterable[Any]) -> list[Company]:
    """The companies on the jobs board's cards (already loaded with the cards), each once."""
    cards = (a for column in columns for a in column.cards if a.company_id)
    return list({a.company_id: a.company for a in cards}.values())


def opener_choices(user: Any, selected: list[int]) -> list[tuple[int, str]]:
    """(id, name) of the companies the contact could open doors at: those you track an
    application for, plus any already chosen. Plain tuples: a heavy user has a thousand."""
    return list(
        Company.objects.owned_by(user)
        .filter(Q(applications__isnull=False) | Q(pk__in=selected))
        .distinct()
        .order_by("name")
        .values_list("id", "name")
    )
