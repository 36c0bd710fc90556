"""The network area's pages for the page benchmark (pmpath.bench.registry), and the heavy
user's network."""

import random
from typing import Any

from pmpath.bench.registry import Page, first_id, generator, not_pages, object_ids, page

page(Page("network: overview", "network:index", lambda u: "/network/"))


# --- contacts, interactions, outreach (contact_views.py, outreach_views.py) -----------------


def _first_template(user: object) -> int:
    from pmpath.network.outreach import ensure_templates

    templates = ensure_templates(user)
    return templates[0].pk if templates else 0


page(Page("network: contacts", "network:contacts", lambda u: "/network/contacts/"))
page(
    Page(
        "network: contacts, page 100 by last touched",
        "network:contacts",
        lambda u: "/network/contacts/?sort=touched&page=100",
    )
)
page(
    Page(
        "network: contacts, search and overdue",
        "network:contacts",
        lambda u: "/network/contacts/?q=an&due=overdue&sort=due",
    )
)
page(Page("network: new contact", "network:contact_new", lambda u: "/network/contacts/new/"))
page(
    Page(
        "network: contact",
        "network:contact",
        lambda u: f"/network/contacts/{first_id('network.Contact', u)}/",
    )
)
page(
    Page(
        "network: edit contact",
        "network:contact_edit",
        lambda u: f"/network/contacts/{first_id('network.Contact', u)}/edit/",
    )
)
page(
    Page(
        "network: delete contact (confirm)",
        "network:contact_delete",
        lambda u: f"/network/contacts/{first_id('network.Contact', u)}/delete/",
    )
)
page(
    Page(
        "network: merge a contact",
        "network:contact_merge",
        lambda u: f"/network/contacts/{first_id('network.Contact', u)}/merge/",
    )
)
page(Page("network: duplicates", "network:duplicates", lambda u: "/network/contacts/duplicates/"))
page(Page("network: tags", "network:tags", lambda u: "/network/tags/"))
page(
    Page(
        "network: outreach draft",
        "network:outreach",
        lambda u: f"/network/contacts/{first_id('network.Contact', u)}/outreach/?kind=referral",
    )
)
page(Page("network: outreach templates", "network:templates", lambda u: "/network/templates/"))
page(Page("network: new template", "network:template_new", lambda u: "/network/templates/new/"))
page(
    Page(
        "network: edit template",
        "network:template",
        lambda u: f"/network/templates/{_first_template(u)}/",
    )
)
not_pages(
    "network:merge",
    "network:contact_log",
    "network:contact_touch",
    "network:position_add",
    "network:position_delete",
    "network:interaction_delete",
    "network:interaction_replied",
    "network:tag_edit",
    "network:tag_delete",
    "network:outreach_sent",
    "network:template_delete",
)
page(Page("api: contacts", "api:list_contacts", lambda u: "/api/v1/network/contacts", auth="token"))
page(
    Page(
        "api: contact",
        "api:get_contact",
        lambda u: f"/api/v1/network/contacts/{first_id('network.Contact', u)}",
        auth="token",
    )
)
page(
    Page(
        "api: a contact's interactions",
        "api:list_interactions",
        lambda u: f"/api/v1/network/contacts/{first_id('network.Contact', u)}/interactions",
        auth="token",
    )
)
not_pages("api:create_contact", "api:create_interaction")


# --- events and groups (event_views.py, group_views.py) --------------------------------------


def _event_with_people(user: object) -> int:
    """An attended event with people met, the busiest kind of event page."""
    from pmpath.network.models import Event

    rows = Event.objects.owned_by(user).filter(status="attended", contacts_met__isnull=False)
    return rows.order_by("id").values_list("id", flat=True).first() or first_id(
        "network.Event", user
    )


page(Page("network: events", "network:events", lambda u: "/network/events/"))
page(
    Page(
        "network: events, attended, page 2",
        "network:events",
        lambda u: "/network/events/?status=attended&page=2",
    )
)
page(Page("network: new event", "network:event_new", lambda u: "/network/events/new/"))
page(
    Page("network: import a calendar", "network:event_import", lambda u: "/network/events/import/")
)
page(
    Page(
        "network: events calendar (.ics)",
        "network:event_calendar",
        lambda u: "/network/events/calendar.ics",
    )
)
page(
    Page(
        "network: event with people met",
        "network:event",
        lambda u: f"/network/events/{_event_with_people(u)}/?q=an",
    )
)
page(
    Page(
        "network: edit event",
        "network:event_edit",
        lambda u: f"/network/events/{first_id('network.Event', u)}/edit/",
    )
)
page(Page("network: groups", "network:groups", lambda u: "/network/groups/"))
page(Page("network: new group", "network:group_new", lambda u: "/network/groups/new/"))
page(
    Page(
        "network: group",
        "network:group",
        lambda u: f"/network/groups/{first_id('network.Group', u)}/?q=an",
    )
)
not_pages(
    "network:event_delete",
    "network:event_status",
    "network:event_contact_add",
    "network:event_contact_link",
    "network:event_contact_unlink",
    "network:event_follow_ups",
    "network:group_join",
    "network:group_delete",
    "network:group_activity_add",
    "network:group_activity_delete",
    "network:group_contact_add",
    "network:group_contact_link",
    "network:group_contact_unlink",
)
page(Page("api: events", "api:list_events", lambda u: "/api/v1/network/events", auth="token"))
page(
    Page(
        "api: event",
        "api:get_event",
        lambda u: f"/api/v1/network/events/{_event_with_people(u)}",
        auth="token",
    )
)
not_pages("api:create_event")


# --- the heavy user's network, and a LinkedIn export to import (imports.py) -------------------

FIRST_NAMES = [
    "Ada", "Bram", "Chiara", "Dev", "Elif", "Femi", "Grace", "Hiro", "Inès", "José", "Kai",
    "Lena", "Mara", "Nia", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tomás", "Uma", "Viktor",
    "Wen", "Ximena", "Yusuf", "Zoë",
]  # fmt: skip
LAST_NAMES = [
    "Quill", "Okafor", "Lindqvist", "Ramanathan", "Torres", "Adeyemi", "O'Neill", "Tanaka",
    "Dubois", "García", "Nakamura", "Vogel", "Costa", "Brooks", "Mensah", "Shah", "Park",
    "Novak", "Haddad", "Silva", "Iyer", "Petrov", "Zhang", "Reyes", "Demir", "Okoye",
]  # fmt: skip
_BRANDS = ["Northwind", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Soylent", "Contoso",
           "Wayne", "Acme"]  # fmt: skip
_FORMS = ["Labs", "Inc.", "Health", "Analytics", "Robotics", "Foods", "Ltd", "GmbH"]
OTHER_EMPLOYERS = [f"{brand} {form}" for brand in _BRANDS for form in _FORMS]
ROLES = [
    "Product Manager", "Senior Product Manager", "Group Product Manager", "Director of Product",
    "Engineering Manager", "Product Designer", "Recruiter", "Head of Product", "Data Scientist",
    "Associate Product Manager", "VP Product", "Software Engineer",
]  # fmt: skip
TAGS = [
    ("mentors", 30), ("recruiters", 14), ("former colleagues", 90), ("referrers", 60),
    ("fintech", None), ("design", None), ("meetup", None), ("alumni", None),
    ("hiring managers", None), ("founders", None), ("coaches", None), ("peers", None),
]  # fmt: skip
SUMMARIES = [
    "Coffee chat about their team's roadmap", "Asked for feedback on my case study",
    "Referral request for the open PM role", "Thanked them for the intro",
    "Caught up after the meetup", "They shared an opening on their team",
]  # fmt: skip


@generator("network.contacts", order=40)
def network(user: Any, rng: random.Random, scale: float) -> str:
    """20,000 contacts (a third at the heavy user's companies, some with tags and cadences),
    100,000 interactions, 500 events and 30 groups, in bulk."""
    import uuid
    from datetime import UTC, datetime, timedelta

    from django.utils import timezone

    from pmpath.jobs.company_match import company_key
    from pmpath.jobs.models import Company
    from pmpath.network.bulk import insert
    from pmpath.network.models import (
        Contact,
        Event,
        Group,
        GroupActivity,
        Interaction,
        Position,
        Tag,
    )
    from pmpath.network.services import refresh_contacts

    batch = 2000
    today = timezone.localdate()
    companies = list(Company.objects.owned_by(user).values_list("id", "name")[:1000])
    tags = Tag.objects.bulk_create(
        [Tag(user=user, name=name, cadence_days=days) for name, days in TAGS]
    )
    total = max(20, round(20_000 * scale))
    # Plain rows through the importers' lean INSERT: Django's bulk_create would take most of
    # the seeding time at this size.
    contacts: list[dict[str, Any]] = []
    for index in range(total):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if companies and rng.random() < 0.35:
            company_id, company_name = rng.choice(companies)
        else:
            company_id, company_name = None, rng.choice(OTHER_EMPLOYERS)
        slug = f"in/{first}-{last}-{index}".lower().replace("'", "")
        linked = rng.random() < 0.8
        email = f"{first}.{last}.{index}@example.com".lower().replace("'", "")
        contacts.append(
            {
                "user_id": user.pk,
                "first_name": first,
                "last_name": last,
                "company_id": company_id,
                "company_name": company_name,
                "company_key": company_key(company_name),
                "role": rng.choice(ROLES),
                "email": email if rng.random() < 0.5 else "",
                "linkedin_url": f"https://www.linkedin.com/{slug}" if linked else "",
                "linkedin_key": slug if linked else "",
                "strength": rng.randint(1, 5),
                "source": "linkedin" if linked else "manual",
                "connected_on": today - timedelta(days=rng.randrange(30, 3000)),
                "cadence_days": rng.choice([30, 60, 90]) if rng.random() < 0.1 else None,
            }
        )
    ids = insert(Contact, contacts)
    through = Contact.tags.through
    links = {
        (contact_id, tag.pk)
        for contact_id in ids
        if rng.random() < 0.4
        for tag in rng.sample(tags, rng.randint(1, 2))
    }
    through.objects.bulk_create(
        [through(contact_id=c, tag_id=t) for c, t in sorted(links)], batch_size=batch
    )
    former = [pk for pk in ids if rng.random() < 0.1]
    Position.objects.bulk_create(
        [
            Position(
                user=user,
                contact_id=pk,
                company_id=(pick := rng.choice(companies))[0] if companies else None,
                company_name=pick[1] if companies else "Globex Inc.",
                company_key=company_key(pick[1] if companies else "Globex Inc."),
                title=rng.choice(ROLES),
                ended_on=today - timedelta(days=rng.randrange(60, 2000)),
            )
            for pk in former
        ],
        batch_size=batch,
    )
    interactions = max(100, round(100_000 * scale))
    rows: list[dict[str, Any]] = []
    hot = ids[: max(1, len(ids) // 5)]  # a fifth of the contacts get most of the attention
    channels = ["linkedin", "email", "call", "coffee", "event", "referral"]
    for _ in range(interactions):
        occurred = today - timedelta(days=int(rng.expovariate(1 / 120)) % 730)
        rows.append(
            {
                "user_id": user.pk,
                "contact_id": rng.choice(hot if rng.random() < 0.7 else ids),
                "occurred_on": occurred,
                "channel": rng.choice(channels),
                "direction": rng.choice(["outbound", "inbound"]),
                "summary": rng.choice(SUMMARIES),
                "follow_up_on": occurred + timedelta(days=14) if rng.random() < 0.05 else None,
            }
        )
    insert(Interaction, rows)
    refresh_contacts(user)
    groups = Group.objects.bulk_create(
        [
            Group(
                user=user,
                name=f"{rng.choice(['Product', 'PM', 'Product Ops', 'Women in Product'])} "
                f"circle {index + 1:02d}",
                kind=rng.choice(["online", "local", "slack", "association"]),
                url=f"https://groups.example.test/{index + 1}",
                status=rng.choice(["interested", "member", "active"]),
            )
            for index in range(30)
        ]
    )
    Group.contacts.through.objects.bulk_create(
        [
            Group.contacts.through(group_id=group.pk, contact_id=contact_id)
            for group in groups
            for contact_id in rng.sample(ids, min(len(ids), rng.randint(5, 40)))
        ],
        batch_size=batch,
    )
    GroupActivity.objects.bulk_create(
        [
            GroupActivity(
                user=user,
                group=group,
                occurred_on=today - timedelta(days=rng.randrange(0, 365)),
                summary=rng.choice(["Joined a call", "Answered a question", "Went to the meetup"]),
            )
            for group in groups
            for _ in range(5)
        ]
    )
    now = datetime.now(UTC)
    events = Event.objects.bulk_create(
        [
            Event(
                user=user,
                name=f"{rng.choice(['Product', 'Roadmap', 'Discovery', 'Growth'])} "
                f"{rng.choice(['Summit', 'Meetup', 'Webinar', 'Workshop'])} {index + 1}",
                kind=rng.choice(["conference", "meetup", "webinar", "workshop"]),
                starts_at=(start := now + timedelta(days=rng.randrange(-365, 180), hours=18)),
                ends_at=start + timedelta(hours=2),
                time_zone=rng.choice(["Europe/London", "America/New_York", "Europe/Berlin"]),
                location=rng.choice(["London", "Berlin", "Online", "New York"]),
                status=rng.choice(["interested", "registered", "attended", "skipped"]),
                group=rng.choice(groups) if rng.random() < 0.3 else None,
                uid=uuid.UUID(int=rng.getrandbits(128)),
            )
            for index in range(max(5, round(500 * scale)))
        ],
        batch_size=batch,
    )
    Event.contacts_met.through.objects.bulk_create(
        [
            Event.contacts_met.through(event_id=event.pk, contact_id=contact_id)
            for event in events
            if event.status == "attended"
            for contact_id in rng.sample(ids, min(len(ids), rng.randint(1, 5)))
        ],
        batch_size=batch,
    )
    return (
        f"{total} contacts, {interactions} interactions, {len(events)} events, {len(groups)} groups"
    )


def connections_csv(count: int, *, seed: int = 7, start: int = 0) -> bytes:
    """A LinkedIn Connections.csv of `count` invented people, preamble and all, as the
    import benchmark and tests use it (people `start` … `start + count - 1`)."""
    rng = random.Random(seed)
    lines = [
        "Notes:",
        '"Invented connections for the pmpath import benchmark, some without an e-mail."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    for index in range(start, start + count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        slug = f"{first}-{last}-{index:05d}".lower().replace("'", "")
        email = f"{slug}@example.com" if rng.random() < 0.3 else ""
        company = rng.choice(OTHER_EMPLOYERS)
        company = f'"{company}"' if "," in company else company
        date = f"{rng.randint(1, 28):02d} {rng.choice(months)} {rng.randint(2008, 2025)}"
        lines.append(
            f"{first},{last},https://www.linkedin.com/in/{slug},{email},{company},"
            f"{rng.choice(ROLES)},{date}"
        )
    return ("\r\n".join(lines) + "\r\n").encode()


# --- import and export (import_views.py) ---------------------------------------------------

page(Page("network: import", "network:import", lambda u: "/network/import/"))
page(
    Page(
        "network: contacts CSV template",
        "network:import_template",
        lambda u: "/network/import/template.csv",
    )
)
# Every contact in one file: 20,000 rows, so measured against a download's budget.
page(
    Page(
        "network: export CSV",
        "network:export_csv",
        lambda u: "/network/export.csv",
        target_p99_ms=3000,
    )
)
page(
    Page(
        "network: export vCard",
        "network:export_vcf",
        lambda u: "/network/export.vcf",
        target_p99_ms=3000,
    )
)


def _linked(model: str, relation: str):
    """An event's or group's first linked contact: the ids an unlink route takes."""

    def kwargs(user: Any) -> dict[str, int]:
        from django.apps import apps

        rows = apps.get_model(model).objects.owned_by(user).filter(**{f"{relation}__isnull": False})
        found = rows.order_by("id").values_list("id", relation).first() or (0, 0)
        return {"pk": found[0], "contact_id": found[1]}

    return kwargs


# Routes that act on one object but are not pages (tests/core/test_isolation.py).
for _name, _model in (
    ("network:interaction_delete", "network.Interaction"),
    ("network:interaction_replied", "network.Interaction"),
    ("network:position_delete", "network.Position"),
    ("network:tag_edit", "network.Tag"),
    ("network:tag_delete", "network.Tag"),
    ("network:group_activity_delete", "network.GroupActivity"),
):
    object_ids(_name, lambda u, m=_model: {"pk": first_id(m, u)})
object_ids("network:event_contact_unlink", _linked("network.Event", "contacts_met"))
object_ids("network:group_contact_unlink", _linked("network.Group", "contacts"))
