"""The networking CRM: contacts, what happened with them, and when to reach out next.

A contact's `last_touched_on` and `next_due_on` are kept by the services whenever an
interaction is logged, edited or deleted, so the due list is one indexed query."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models
from django.db.models import Q

from pmpath.core.models import OwnedModel, OwnedQuerySet
from pmpath.jobs.models import Application, Company

STRENGTHS = [
    (1, "Acquaintance"),
    (2, "Met once"),
    (3, "Know well"),
    (4, "Close"),
    (5, "Champion"),
]
SOURCES = [
    ("manual", "Added by hand"),
    ("linkedin", "LinkedIn export"),
    ("vcard", "vCard"),
    ("csv", "CSV"),
    ("event", "Met at an event"),
]
CHANNELS = [
    ("linkedin", "LinkedIn message"),
    ("email", "Email"),
    ("call", "Call"),
    ("coffee", "Coffee"),
    ("event", "Event"),
    ("referral", "Referral"),
    ("other", "Other"),
]
DIRECTIONS = [("outbound", "I reached out"), ("inbound", "They reached out")]


class Tag(OwnedModel):
    """A label on contacts; a cadence here applies to every contact with the tag that has none
    of their own (the shortest one wins when several tags have one)."""

    name = models.CharField(max_length=60)
    cadence_days = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="tag_unique_name")]

    def __str__(self) -> str:
        return self.name


NAME_KEY_LENGTH = 250
_NAMES = {"first_name", "last_name"}


def fold_name(first: str | None, last: str | None) -> str:
    """A contact's name folded for finding duplicates: case, accents and spacing ignored
    ("  Inès  DUBOIS" and "ines dubois" give "ines dubois"); "" when there is no name."""
    text = unicodedata.normalize("NFKD", f"{first or ''} {last or ''}")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())[:NAME_KEY_LENGTH]


def _fill_keys(contact: Any) -> None:
    contact.name_key = fold_name(contact.first_name, contact.last_name)
    contact.email_key = (contact.email or "").lower()


def _with_keys(fields: Iterable[str], *, whole: bool = True) -> set[str]:
    """Update fields plus the keys derived from them. A partly built contact (bulk_update's,
    `whole=False`) must carry both names: a key folded from one name and a blank is wrong."""
    fields = set(fields)
    names = _NAMES & fields
    if names and names != _NAMES and not whole:
        raise ValueError("update first_name and last_name together")
    return (
        fields
        | ({"name_key"} if names else set())
        | ({"email_key"} if "email" in fields else set())
    )


class ContactQuerySet(OwnedQuerySet):
    """Keeps `name_key` and `email_key` right on the bulk paths, which bypass Contact.save()."""

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        objs = list(objs)
        for contact in objs:
            _fill_keys(contact)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs: Iterable[Any], fields: Sequence[str], *args: Any, **kw: Any) -> int:
        keyed = _with_keys(fields, whole=False)
        if len(keyed) > len(set(fields)):
            objs = list(objs)
            for contact in objs:
                _fill_keys(contact)
            fields = sorted(keyed)
        return super().bulk_update(objs, fields, *args, **kw)


class Contact(OwnedModel):
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    # fold_name(first_name, last_name), kept on every save: what duplicates are grouped by.
    name_key = models.CharField(max_length=NAME_KEY_LENGTH, blank=True, default="", editable=False)
    headline = models.CharField(max_length=300, blank=True)
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts"
    )
    company_name = models.CharField(max_length=200, blank=True, help_text="As written.")
    # company_key(company_name): "Google LLC" and "Alphabet Inc." both give "google".
    company_key = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    email_key = models.CharField(max_length=254, blank=True, default="", editable=False)  # lower
    phone = models.CharField(max_length=50, blank=True)
    linkedin_url = models.URLField(max_length=500, blank=True)
    # The profile slug, lower-cased ("in/jane-doe-123"): the key duplicates are found by.
    linkedin_key = models.CharField(max_length=200, blank=True)
    how_met = models.CharField(max_length=300, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="contacts")
    strength = models.PositiveSmallIntegerField(choices=STRENGTHS, default=1)
    notes = models.TextField(blank=True)
    can_open = models.ManyToManyField(
        Company, blank=True, related_name="openers", help_text="Target companies they can open."
    )
    connected_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=SOURCES, default="manual")
    cadence_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Stay in touch every N days."
    )
    last_touched_on = models.DateField(null=True, blank=True)
    next_due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "linkedin_key"],
                condition=~Q(linkedin_key=""),
                name="contact_unique_linkedin",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "last_name", "first_name", "id"], name="contact_list"),
            models.Index(fields=["user", "next_due_on"], name="contact_due"),
            models.Index(fields=["user", "email"], name="contact_email"),
            # Ending with what the jobs board's warm-contact marks read (strength, and the
            # company a name-matched contact is not linked to), so they come from the indexes
            # alone: 3.6 ms → 1 ms for the board's 200 cards.
            models.Index(fields=["user", "company", "strength"], name="contact_company"),
            models.Index(
                fields=["user", "company_key", "company", "strength"], name="contact_company_key"
            ),
            models.Index(fields=["user", "-last_touched_on"], name="contact_recent"),
            # Likely duplicates: the same folded name at the same company, grouped in order.
            models.Index(fields=["user", "name_key", "company_key"], name="contact_name_key"),
            # ... and the same email ignoring case.
            models.Index(fields=["user", "email_key"], name="contact_email_key"),
        ]

    objects = ContactQuerySet.as_manager()

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        _fill_keys(self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = _with_keys(kwargs["update_fields"])
        super().save(*args, **kwargs)

    @staticmethod
    def bulk_row(row: dict[str, Any]) -> dict[str, Any]:
        """A row for pmpath.network.bulk.insert with its derived keys filled in."""
        return {
            **row,
            "name_key": fold_name(row.get("first_name"), row.get("last_name")),
            "email_key": (row.get("email") or "").lower(),
        }

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p) or self.email or "?"


class Position(OwnedModel):
    """Where a contact works or worked, for "who do I know here (or who used to work here)"."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="positions")
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="alumni"
    )
    company_name = models.CharField(max_length=200)
    company_key = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "id"]
        indexes = [
            models.Index(fields=["user", "company"], name="position_company"),
            models.Index(fields=["user", "company_key"], name="position_company_key"),
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.company_name}"


class OutreachTemplate(OwnedModel):
    KINDS = [
        ("connection", "Connection request"),
        ("informational", "Informational interview"),
        ("referral", "Referral request"),
        ("thank_you", "Thank-you note"),
        ("follow_up", "Follow-up"),
    ]

    kind = models.CharField(max_length=20, choices=KINDS)
    name = models.CharField(max_length=120)
    body = models.TextField(
        help_text="Placeholders: {first_name} {company} {role} {context} {ask} {my_name}"
    )
    # Set for the templates we ship, so an edited copy is never overwritten by an upgrade.
    key = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="template_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Interaction(OwnedModel):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="interactions")
    occurred_on = models.DateField()
    channel = models.CharField(max_length=10, choices=CHANNELS, default="linkedin")
    direction = models.CharField(max_length=8, choices=DIRECTIONS, default="outbound")
    summary = models.TextField(blank=True)
    follow_up_on = models.DateField(null=True, blank=True)
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="interactions"
    )
    template = models.ForeignKey(
        OutreachTemplate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions",
    )
    replied_on = models.DateField(null=True, blank=True, help_text="When they answered.")
    # Where an import found it ("linkedin-msg:<conversation>:<day>"), so re-imports add nothing.
    external_key = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "external_key"],
                condition=~Q(external_key=""),
                name="interaction_unique_external",
            ),
        ]
        indexes = [
            models.Index(fields=["contact", "-occurred_on", "-id"], name="interaction_log"),
            models.Index(fields=["user", "follow_up_on"], name="interaction_follow_up"),
            models.Index(fields=["user", "template"], name="interaction_template"),
            # The dashboard's weekly activity chart and the outreach goal count a user's
            # interactions per day and direction: answered from this index alone.
            models.Index(fields=["user", "occurred_on", "direction"], name="interaction_by_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} with {self.contact} on {self.occurred_on}"


EVENT_KINDS = [
    ("conference", "Conference"),
    ("meetup", "Meetup"),
    ("webinar", "Webinar"),
    ("workshop", "Workshop"),
    ("other", "Other"),
]
EVENT_STATUSES = [
    ("interested", "Interested"),
    ("registered", "Registered"),
    ("attended", "Attended"),
    ("skipped", "Skipped"),
]


class Event(OwnedModel):
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=EVENT_KINDS, default="meetup")
    starts_at = models.DateTimeField(help_text="Stored in UTC.")
    ends_at = models.DateTimeField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    location = models.CharField(max_length=300, blank=True, help_text="Place or link.")
    url = models.URLField(max_length=1000, blank=True)
    cost = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    status = models.CharField(max_length=10, choices=EVENT_STATUSES, default="interested")
    goals = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    follow_up_on = models.DateField(null=True, blank=True)
    contacts_met = models.ManyToManyField(Contact, blank=True, related_name="events")
    group = models.ForeignKey(
        "Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    # The UID of the calendar entry it was imported from, so a re-import updates it.
    external_uid = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "external_uid"],
                condition=~Q(external_uid=""),
                name="event_unique_external_uid",
            ),
        ]
        indexes = [models.Index(fields=["user", "starts_at"], name="event_upcoming")]

    def __str__(self) -> str:
        return self.name


GROUP_KINDS = [
    ("online", "Online community"),
    ("local", "Local chapter"),
    ("slack", "Slack or Discord"),
    ("association", "Association"),
    ("other", "Other"),
]
GROUP_STATUSES = [
    ("interested", "Interested"),
    ("member", "Member"),
    ("active", "Active member"),
    ("left", "Left"),
]


class Group(OwnedModel):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=GROUP_KINDS, default="online")
    url = models.URLField(max_length=500, blank=True)
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=GROUP_STATUSES, default="interested")
    notes = models.TextField(blank=True)
    contacts = models.ManyToManyField(Contact, blank=True, related_name="groups")
    # Set when joined from the starter catalogue.
    catalogue_key = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="group_unique_name")]

    def __str__(self) -> str:
        return self.name


class GroupActivity(OwnedModel):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="activity")
    occurred_on = models.DateField()
    summary = models.CharField(max_length=500)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name_plural = "group activity"

    def __str__(self) -> str:
        return self.summary


class ImportRun(OwnedModel):
    """One import of a file, for the history on the import page and to skip an identical
    re-import quickly (same checksum)."""

    kind = models.CharField(max_length=20)
    filename = models.CharField(max_length=255)
    checksum = models.CharField(max_length=64)
    summary = models.CharField(max_length=500)
    added = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.filename}"
