"""Writes for companies and their research briefs (the guide's "research the company and its
products"). Keyword-only arguments, the acting user first; JobsError names the field."""

from __future__ import annotations

import re
from typing import Any

from django.db import IntegrityError, transaction

from pmpath.core.models import get_owned_or_404
from pmpath.jobs.importers.values import safe_url, scrub, tidy
from pmpath.jobs.models import Company, ResearchBrief
from pmpath.jobs.services import JobsError, company_named

NAME_MAX = 200
MAX_ALIASES = 20
SECTION_MAX = 20_000  # characters per brief section: pages of notes, not a book


def split_aliases(text: str | list[str]) -> list[str]:
    """Aliases from a list, or from text with one per line or separated by commas."""
    parts = text if isinstance(text, list) else re.split(r"[,\n;]", text or "")
    seen: set[str] = set()
    kept: list[str] = []
    for part in parts:
        alias = tidy(part)
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
            kept.append(alias)
    return kept


def add_company(user: Any, *, name: str) -> Company:
    """The company with this name or alias, created when new (to research before applying)."""
    if not tidy(name):
        raise JobsError("name: a company needs a name")
    if len(tidy(name)) > NAME_MAX:
        raise JobsError(f"name: keep it to {NAME_MAX} characters")
    company = company_named(user, name)
    if company is None:
        raise JobsError("name: a company needs a name")
    return company


def update_company(
    user: Any,
    *,
    company_id: int,
    name: str,
    website: str = "",
    aliases: str | list[str] = "",
    notes: str = "",
) -> Company:
    company = get_owned_or_404(Company, user, pk=company_id)
    name = tidy(name)
    if not name:
        raise JobsError("name: a company needs a name")
    if len(name) > NAME_MAX:
        raise JobsError(f"name: keep it to {NAME_MAX} characters")
    clash = Company.objects.owned_by(user).filter(name__iexact=name).exclude(pk=company.pk).first()
    if clash is not None:
        raise JobsError(
            f"name: you already have a company called \u201c{clash.name}\u201d; "
            "add this name to its aliases instead"
        )
    website = tidy(website)
    if website and not safe_url(website):
        raise JobsError("website: give a web address starting with https:// or http://")
    kept = [a for a in split_aliases(aliases) if a.casefold() != name.casefold()]
    if len(kept) > MAX_ALIASES:
        raise JobsError(f"aliases: keep to {MAX_ALIASES} other names")
    if any(len(a) > NAME_MAX for a in kept):
        raise JobsError(f"aliases: keep each name to {NAME_MAX} characters")
    company.name, company.website, company.aliases = name, website, kept
    company.notes = scrub(notes or "").strip()
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError:  # renamed meanwhile to the same name in another tab
        raise JobsError(f"name: you already have a company called \u201c{name}\u201d") from None
    return company


def save_brief(user: Any, *, company_id: int, **sections: str) -> ResearchBrief:
    """Create or update the brief for one of the user's companies. Sections not given are
    left as they are."""
    company = get_owned_or_404(Company, user, pk=company_id)
    unknown = set(sections) - set(ResearchBrief.FIELDS)
    if unknown:
        raise JobsError(f"unknown sections: {', '.join(sorted(unknown))}")
    values = {name: scrub(text or "").strip() for name, text in sections.items()}
    for name, text in values.items():
        if len(text) > SECTION_MAX:
            raise JobsError(f"{name}: keep this section under {SECTION_MAX:,} characters")
    with transaction.atomic():
        brief = ResearchBrief.objects.owned_by(user).select_for_update().filter(company=company)
        found = brief.first()
        if found is None:
            try:
                with transaction.atomic():
                    return ResearchBrief.objects.create(user=user, company=company, **values)
            except IntegrityError:  # saved meanwhile from another tab
                found = ResearchBrief.objects.owned_by(user).get(company=company)
        for name, text in values.items():
            setattr(found, name, text)
        found.save()
    return found
