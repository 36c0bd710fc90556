"""Outreach templates and drafts: the shipped templates copied to each person on first use, the
draft for one contact (and optionally one application), sending it (an outbound interaction,
which resets the stay-in-touch clock), replies, and each template's response rate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from pydantic import BaseModel

from pmpath.core.knowledge import read_yaml
from pmpath.core.memo import knowledge
from pmpath.core.models import get_owned_or_404
from pmpath.jobs.models import Application
from pmpath.network.drafts import (
    CONNECTION_NOTE_LIMIT,
    PLACEHOLDERS,
    Draft,
    fill,
    sentence,
    unknown_placeholders,
)
from pmpath.network.models import CHANNELS, Contact, Interaction, OutreachTemplate
from pmpath.network.services import NetworkError, log_interaction

DATA = Path(__file__).parent / "data" / "outreach.yaml"
KINDS = dict(OutreachTemplate.KINDS)
MAX_BODY = 5000


class _Shipped(BaseModel):
    key: str
    kind: str
    name: str
    body: str


class _File(BaseModel):
    version: int
    asks: dict[str, str]
    templates: list[_Shipped]


def shipped() -> _File:
    """The templates and default asks we ship (read once per process)."""
    return knowledge.get("network:outreach.yaml", lambda: read_yaml(DATA, _File)[0])


# --- templates ----------------------------------------------------------------------------


def ensure_templates(user: Any) -> list[OutreachTemplate]:
    """The user's templates, copied from the shipped ones the first time they are needed.
    Afterwards the person owns them: edits and deletions are never undone by us."""
    rows = list(OutreachTemplate.objects.owned_by(user).order_by("kind", "name", "id"))
    if rows:
        return rows
    with transaction.atomic():
        OutreachTemplate.objects.bulk_create(
            [
                OutreachTemplate(user=user, key=t.key, kind=t.kind, name=t.name, body=t.body)
                for t in shipped().templates
            ],
            ignore_conflicts=True,
        )
    return list(OutreachTemplate.objects.owned_by(user).order_by("kind", "name", "id"))


def save_template(
    user: Any, *, template_id: int | None = None, kind: str, name: str, body: str
) -> OutreachTemplate:
    if template_id is None:
        template = OutreachTemplate(user=user)
    else:
        template = get_owned_or_404(OutreachTemplate, user, pk=template_id)
    name = " ".join((name or "").split())[:120]
    body = (body or "").replace("\r\n", "\n").strip()
    if kind not in KINDS:
        raise NetworkError(f"kind: choose one of {', '.join(KINDS.values())}")
    if not name:
        raise NetworkError("name: give the template a name")
    if not body:
        raise NetworkError("body: write the message")
    if len(body) > MAX_BODY:
        raise NetworkError(f"body: keep it under {MAX_BODY} characters")
    unknown = unknown_placeholders(body)
    if unknown:
        known = " ".join(f"{{{p}}}" for p in PLACEHOLDERS)
        raise NetworkError(
            f"body: {', '.join('{' + u + '}' for u in unknown)} is not a placeholder; use {known}"
        )
    if OutreachTemplate.objects.owned_by(user).filter(name=name).exclude(pk=template.pk).exists():
        raise NetworkError(f"name: you already have a template called {name!r}")
    template.kind, template.name, template.body = kind, name, body
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError:
        raise NetworkError(f"name: you already have a template called {name!r}") from None
    return template


def delete_template(user: Any, *, template_id: int) -> str:
    template = get_owned_or_404(OutreachTemplate, user, pk=template_id)
    name = template.name
    template.delete()  # sent interactions keep their text; they lose only the link
    return name


@dataclass
class TemplateStats:
    sent: int = 0
    replied: int = 0

    @property
    def rate(self) -> float | None:
        return self.replied / self.sent if self.sent else None


def template_stats(user: Any) -> dict[int, TemplateStats]:
    """Sent and replied counts per template, in one grouped query."""
    rows = (
        Interaction.objects.owned_by(user)
        .filter(template__isnull=False, direction="outbound")
        .values_list("template_id")
        .annotate(sent=Count("id"), replied=Count("id", filter=Q(replied_on__isnull=False)))
        .values_list("template_id", "sent", "replied")
    )
    return {pk: TemplateStats(sent, replied) for pk, sent, replied in rows}


# --- drafts -------------------------------------------------------------------------------


@dataclass
class DraftRequest:
    """What the person chose on the draft page; blanks take the defaults."""

    template_id: int | None = None
    kind: str = ""
    application_id: int | None = None
    context: str | None = None
    ask: str | None = None


@dataclass
class DraftPage:
    contact: Contact
    templates: list[OutreachTemplate]
    template: OutreachTemplate | None
    application: Application | None
    context: str
    ask: str
    draft: Draft | None
    values: dict[str, str] = field(default_factory=dict)


def build_draft(user: Any, *, contact: Contact, request: DraftRequest) -> DraftPage:
    """The draft for this contact: the chosen template (or the first of the chosen kind),
    filled from the contact, the application and the person's profile."""
    from pmpath.career.queries import profile_for

    templates = ensure_templates(user)
    template = None
    if request.template_id is not None:
        template = next((t for t in templates if t.pk == request.template_id), None)
        if template is None:
            get_owned_or_404(OutreachTemplate, user, pk=request.template_id)  # 404 for others'
    if template is None and request.kind:
        template = next((t for t in templates if t.kind == request.kind), None)
    if template is None and templates:
        template = templates[0]
    application: Application | None = None
    if request.application_id is not None:
        application = get_owned_or_404(
            Application.objects.select_related("company"), user, pk=request.application_id
        )
    context = request.context if request.context is not None else sentence(contact.how_met)
    kind = template.kind if template else request.kind
    defaults = shipped().asks
    ask = request.ask
    # An ask left as another kind's default follows the template the person switched to.
    if ask is None or ask.strip() in defaults.values():
        ask = defaults.get(kind, "")
    profile = profile_for(user)
    values = {
        "first_name": contact.first_name,
        "company": (application.company.name if application and application.company else "")
        or contact.company_name,
        "role": application.role_title if application else contact.role,
        "context": context,
        "ask": ask,
        "my_name": profile.display_name if profile else "",
    }
    draft = None
    if template is not None:
        limit = CONNECTION_NOTE_LIMIT if template.kind == "connection" else None
        draft = fill(template.body, values, limit=limit)
    return DraftPage(contact, templates, template, application, context, ask, draft, values)


@transaction.atomic
def mark_sent(
    user: Any,
    *,
    contact_id: int,
    text: str,
    template_id: int | None = None,
    application_id: int | None = None,
    channel: str = "",
    sent_on: date | None = None,
) -> Interaction:
    """Log the sent draft as an outbound interaction (resetting the contact's due clock)."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise NetworkError("text: the message is empty")
    template = None
    if template_id is not None:
        template = get_owned_or_404(OutreachTemplate, user, pk=template_id)
    if not channel:
        channel = "linkedin" if template is None or template.kind == "connection" else "email"
    if channel not in dict(CHANNELS):
        raise NetworkError("channel: choose how you sent it")
    return log_interaction(
        user,
        contact_id=contact_id,
        occurred_on=sent_on or timezone.localdate(),
        channel=channel,
        direction="outbound",
        summary=text,
        application_id=application_id,
        template_id=template.pk if template else None,
    )


def mark_replied(
    user: Any, *, interaction_id: int, replied_on: date | None = None, replied: bool = True
) -> Interaction:
    """Record (or take back) that the contact answered this outbound message."""
    interaction = get_owned_or_404(Interaction, user, pk=interaction_id)
    if interaction.direction != "outbound":
        raise NetworkError("interaction: only a message you sent can get a reply")
    interaction.replied_on = (replied_on or timezone.localdate()) if replied else None
    interaction.save(update_fields=["replied_on", "updated_at"])
    return interaction
