"""/api/v1/network/: contacts and their interactions, for the token owner."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from pmpath.core.models import get_owned_or_404
from pmpath.network import contact_queries
from pmpath.network import contacts as contact_services
from pmpath.network.models import Contact, Interaction
from pmpath.network.services import NetworkError, log_interaction

router = Router(tags=["network"])


class ContactOut(Schema):
    id: int
    name: str
    first_name: str
    last_name: str
    headline: str
    company: str = Field(..., alias="company_name")
    company_id: int | None
    role: str
    email: str
    phone: str
    linkedin_url: str
    how_met: str
    tags: list[str]
    strength: int
    cadence_days: int | None
    last_touched_on: date | None
    next_due_on: date | None

    @staticmethod
    def resolve_tags(contact: Contact) -> list[str]:
        return [t.name for t in contact.tags.all()]


class ContactDetail(ContactOut):
    notes: str
    connected_on: date | None
    can_open: list[int]

    @staticmethod
    def resolve_can_open(contact: Contact) -> list[int]:
        return [c.pk for c in contact.can_open.all()]


class ContactIn(Schema):
    first_name: str = Field("", max_length=100)
    last_name: str = Field("", max_length=100)
    headline: str = Field("", max_length=300)
    company: str = Field("", max_length=200)
    role: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=50)
    linkedin_url: str = Field("", max_length=500)
    how_met: str = Field("", max_length=300)
    tags: list[str] = Field(default_factory=list, max_length=30)
    strength: int = Field(1, ge=1, le=5)
    cadence_days: int | None = Field(None, ge=1, le=3650)
    notes: str = Field("", max_length=20_000)
    can_open: list[int] = Field(default_factory=list, max_length=200)


class InteractionOut(Schema):
    id: int
    contact_id: int
    occurred_on: date
    channel: str
    direction: str
    summary: str
    follow_up_on: date | None
    application_id: int | None
    template_id: int | None
    replied_on: date | None


class InteractionIn(Schema):
    occurred_on: date | None = None
    channel: str = "linkedin"
    direction: str = "outbound"
    summary: str = Field("", max_length=5000)
    follow_up_on: date | None = None
    application_id: int | None = None


class ContactFilters(Schema):
    q: str = ""
    company: str = ""
    tag_id: int | None = None
    due: str = ""
    sort: str = "name"
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)


@router.get("/contacts", response=list[ContactOut], summary="Contacts, by name")
def list_contacts(request: HttpRequest, filters: Query[ContactFilters]) -> list[Contact]:
    rows = contact_queries.contact_list(
        request.user,
        search=filters.q,
        company=filters.company,
        tag_id=filters.tag_id,
        due=filters.due if filters.due in contact_queries.DUE_FILTERS else "",
        sort=filters.sort if filters.sort in contact_queries.SORTS else "name",
    )
    return list(rows[filters.offset : filters.offset + filters.limit])


@router.get("/contacts/{int:contact_id}", response=ContactDetail)
def get_contact(request: HttpRequest, contact_id: int) -> Contact:
    return contact_queries.contact_for_page(request.user, contact_id)


@router.post("/contacts", response={201: ContactDetail})
def create_contact(request: HttpRequest, payload: ContactIn) -> Status:
    data = payload.dict()
    try:
        contact = contact_services.save_contact(
            request.user, can_open_ids=data.pop("can_open"), **data
        )
    except NetworkError as exc:
        raise HttpError(422, str(exc)) from None
    return Status(201, contact_queries.contact_for_page(request.user, contact.pk))


@router.get(
    "/contacts/{int:contact_id}/interactions",
    response=list[InteractionOut],
    summary="A contact's interactions, newest first",
)
def list_interactions(
    request: HttpRequest,
    contact_id: int,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
) -> list[Interaction]:
    contact = get_owned_or_404(Contact, request.user, pk=contact_id)
    rows = Interaction.objects.filter(contact=contact).order_by("-occurred_on", "-id")
    return list(rows[offset : offset + limit])


@router.post("/contacts/{int:contact_id}/interactions", response={201: InteractionOut})
def create_interaction(request: HttpRequest, contact_id: int, payload: InteractionIn) -> Status:
    from pmpath.network.models import CHANNELS, DIRECTIONS

    if payload.channel not in dict(CHANNELS):
        raise HttpError(422, f"channel: one of {', '.join(dict(CHANNELS))}")
    if payload.direction not in dict(DIRECTIONS):
        raise HttpError(422, f"direction: one of {', '.join(dict(DIRECTIONS))}")
    interaction = log_interaction(
        request.user,
        contact_id=contact_id,
        occurred_on=payload.occurred_on,
        channel=payload.channel,
        direction=payload.direction,
        summary=payload.summary,
        follow_up_on=payload.follow_up_on,
        application_id=payload.application_id,
    )
    return Status(201, interaction)


# --- events -----------------------------------------------------------------------------------


class EventOut(Schema):
    id: int
    name: str
    kind: str
    status: str
    starts_at: datetime = Field(..., description="In UTC.")
    local_start: datetime = Field(..., description="In the event's own time zone.")
    ends_at: datetime | None = Field(None, description="In UTC.")
    time_zone: str
    location: str
    url: str
    cost: Decimal | None
    currency: str
    goals: str
    notes: str
    follow_up_on: date | None
    group_id: int | None
    people_met: int = Field(0, alias="met_count")
    external_uid: str


class EventDetail(EventOut):
    contacts_met: list[int]

    @staticmethod
    def resolve_contacts_met(event: object) -> list[int]:
        return [c.pk for c in event.met]  # type: ignore[attr-defined]


class EventIn(Schema):
    name: str = Field(..., max_length=300)
    kind: str = "meetup"
    status: str = "interested"
    local_start: datetime = Field(
        ..., description="Wall-clock time where it happens, e.g. 2026-12-10T18:30."
    )
    local_end: datetime | None = None
    time_zone: str = Field(..., description="IANA name, e.g. Europe/London.")
    location: str = Field("", max_length=300)
    url: str = Field("", max_length=1000)
    cost: Decimal | None = None
    currency: str = Field("", max_length=3)
    goals: str = Field("", max_length=5000)
    notes: str = Field("", max_length=20_000)
    follow_up_on: date | None = None
    group_id: int | None = None


class EventFilters(Schema):
    status: str = ""
    past: bool = False
    page: int = Field(1, ge=1)


def _event_detail(user: object, event_id: int) -> object:
    from pmpath.network import event_queries

    event: Any = get_owned_or_404(event_queries.event_rows(user), user, pk=event_id)
    event.met = list(event.contacts_met.filter(user=user).only("id")[:1000])
    return event_queries.localize([event])[0]


@router.get(
    "/events",
    response=list[EventOut],
    summary="Upcoming events soonest first (or past ones, newest first, 25 a page)",
)
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> list:
    from pmpath.network import event_queries

    page = event_queries.events_page(
        request.user, status=filters.status, page=filters.page, texts=True
    )
    return list(page.past.object_list) if filters.past else page.upcoming


@router.get("/events/{int:event_id}", response=EventDetail)
def get_event(request: HttpRequest, event_id: int) -> object:
    return _event_detail(request.user, event_id)


@router.post("/events", response={201: EventDetail})
def create_event(request: HttpRequest, payload: EventIn) -> Status:
    from pmpath.network import events

    try:
        event = events.create_event(request.user, **payload.dict())
    except NetworkError as exc:
        raise HttpError(422, str(exc)) from None
    return Status(201, _event_detail(request.user, event.pk))
