"""Writes for product-management groups: the ones a person tracks (from the starter catalogue
or their own), what they did there, and who they met there."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from pmpath.core.models import get_owned_or_404
from pmpath.network import catalogue
from pmpath.network.events import add_contact_met
from pmpath.network.models import GROUP_KINDS, GROUP_STATUSES, Contact, Group, GroupActivity
from pmpath.network.services import NetworkError

GROUP_FIELDS = ("name", "kind", "url", "location", "status", "notes")


def _clean(user: Any, values: dict[str, Any], *, group: Group | None = None) -> dict[str, Any]:
    unknown = set(values) - set(GROUP_FIELDS)
    if unknown:
        raise NetworkError(f"unknown fields: {', '.join(sorted(unknown))}")
    clean = dict(values)
    if "name" in clean:
        clean["name"] = " ".join((clean["name"] or "").split())
        if not clean["name"]:
            raise NetworkError("name: give the group a name")
        if len(clean["name"]) > 200:
            raise NetworkError("name: at most 200 characters")
        same = Group.objects.owned_by(user).filter(name__iexact=clean["name"])
        if group is not None:
            same = same.exclude(pk=group.pk)
        if same.exists():
            raise NetworkError(f"name: you already track a group called {clean['name']}")
    if "kind" in clean and clean["kind"] not in dict(GROUP_KINDS):
        raise NetworkError(f"kind: {clean['kind']!r} is not a kind of group")
    if "status" in clean and clean["status"] not in dict(GROUP_STATUSES):
        raise NetworkError(f"status: {clean['status']!r} is not a membership status")
    for name, limit in (("url", 500), ("location", 200), ("notes", 20_000)):
        if name in clean:
            clean[name] = (clean[name] or "").strip()
            if len(clean[name]) > limit:
                raise NetworkError(f"{name}: at most {limit:,} characters")
    if clean.get("url") and not clean["url"].lower().startswith(("https://", "http://")):
        raise NetworkError("url: give an http:// or https:// address")
    return clean


def create_group(user: Any, *, name: str, **values: Any) -> Group:
    clean = _clean(user, {"name": name, **values})
    return Group.objects.create(user=user, **clean)


def update_group(user: Any, *, group_id: int, **values: Any) -> Group:
    group = get_owned_or_404(Group, user, pk=group_id)
    clean = _clean(user, values, group=group)
    for name, value in clean.items():
        setattr(group, name, value)
    group.save()
    return group


def delete_group(user: Any, *, group_id: int) -> None:
    """The group and its activity log go; its contacts and events stay."""
    get_owned_or_404(Group, user, pk=group_id).delete()


@transaction.atomic
def join_from_catalogue(user: Any, *, key: str) -> tuple[Group, bool]:
    """Track a suggested group. Clicking twice changes nothing; a group the person already
    added by hand under the same name is linked to the suggestion instead of copied."""
    suggestion = catalogue.by_key(key)
    if suggestion is None:
        raise NetworkError(f"key: {key!r} is not in the catalogue of groups")
    mine = Group.objects.owned_by(user)
    found = mine.filter(catalogue_key=key).first()
    if found is not None:
        return found, False
    same_name = mine.filter(name__iexact=suggestion.name).first()
    if same_name is not None:
        same_name.catalogue_key = key
        same_name.save(update_fields=["catalogue_key", "updated_at"])
        return same_name, False
    group = Group.objects.create(
        user=user,
        name=suggestion.name,
        kind=suggestion.kind,
        url=str(suggestion.url),
        location=suggestion.location,
        catalogue_key=key,
    )
    return group, True


def log_activity(
    user: Any, *, group_id: int, summary: str, occurred_on: date | None = None
) -> GroupActivity:
    group = get_owned_or_404(Group, user, pk=group_id)
    summary = " ".join((summary or "").split())
    if not summary:
        raise NetworkError("summary: say what you did (a post, a talk, a reply, a meetup)")
    if len(summary) > 500:
        raise NetworkError("summary: at most 500 characters")
    occurred_on = occurred_on or timezone.localdate()
    if occurred_on > timezone.localdate():
        raise NetworkError("occurred_on: activity is logged once it has happened")
    activity = GroupActivity.objects.create(
        user=user, group=group, occurred_on=occurred_on, summary=summary
    )
    # Taking part is what makes an "interested" group a membership.
    if group.status == "interested":
        group.status = "member"
        group.save(update_fields=["status", "updated_at"])
    return activity


def delete_activity(user: Any, *, activity_id: int) -> int:
    """Delete one entry of a group's log; answers the group's id."""
    activity = get_owned_or_404(GroupActivity, user, pk=activity_id)
    group_id = activity.group_id
    activity.delete()
    return group_id


def link_contact(user: Any, *, group_id: int, contact_id: int) -> Contact:
    group = get_owned_or_404(Group, user, pk=group_id)
    contact = get_owned_or_404(Contact, user, pk=contact_id)
    group.contacts.add(contact)
    return contact


def unlink_contact(user: Any, *, group_id: int, contact_id: int) -> None:
    group = get_owned_or_404(Group, user, pk=group_id)
    contact = get_owned_or_404(Contact, user, pk=contact_id)
    group.contacts.remove(contact)


@transaction.atomic
def quick_add_contact(
    user: Any,
    *,
    group_id: int,
    name: str,
    company: str = "",
    role: str = "",
    linkedin_url: str = "",
    note: str = "",
) -> tuple[Contact, bool]:
    """Someone met through the group: a new contact (or the one with the same LinkedIn
    profile) linked to it."""
    group = get_owned_or_404(Group, user, pk=group_id)
    contact, created = add_contact_met(
        user,
        name=name,
        company=company,
        role=role,
        linkedin_url=linkedin_url,
        note=note,
        how_met=f"Met through {group.name}",
    )
    group.contacts.add(contact)
    return contact, created
