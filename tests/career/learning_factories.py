"""Helpers for resource and enrolment tests."""

from __future__ import annotations

from typing import Any

from pmpath.career.models import Enrolment, Resource


def make_resource(owner: Any = None, **values: Any) -> Resource:
    defaults = {
        "name": "A resource",
        "provider": "Somebody",
        "kind": "book",
        "url": "https://example.com/r",
        "cost": 0,
        "hours": 5,
        "levels": ["pm"],
        "skills": ["strategic_thinking"],
        "description": "Something worth reading.",
    }
    return Resource.objects.create(owner=owner, **{**defaults, **values})


def make_resources(owner: Any, n: int, **values: Any) -> list[Resource]:
    start = Resource.objects.filter(owner=owner).count()
    return Resource.objects.bulk_create(
        Resource(
            owner=owner,
            name=f"Resource {start + i:05d}",
            kind="course",
            levels=["pm", "senior_pm"],
            skills=["leadership", "communication"],
            cost=i % 3,
            **values,
        )
        for i in range(n)
    )


def make_enrolment(user: Any, resource: Resource | None = None, **values: Any) -> Enrolment:
    resource = resource or Resource.objects.get(key="inspired")
    return Enrolment.objects.create(user=user, resource=resource, **values)
