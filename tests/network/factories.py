"""Factories with overrides for the network tests."""

from __future__ import annotations

from typing import Any

from pmpath.network.models import Contact


def make_contact(user: Any, **overrides: Any) -> Contact:
    values: dict[str, Any] = {"first_name": "Jane", "last_name": "Doe", "company_name": "Acme"}
    values.update(overrides)
    return Contact.objects.create(user=user, **values)
