"""The JSON API at /api/v1/. Routes are thin: they call the same queries and services as the
pages and the CLI."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Schema
from ninja.security import django_auth

from pmpath import __version__
from pmpath.api.auth import TokenAuth
from pmpath.api.schema import DocumentedAPI
from pmpath.career import queries as career

api = DocumentedAPI(
    title="pmpath API",
    version=__version__,
    description="Personal API: every route acts on the token owner's own data.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
    docs_url="/docs",
)


api.add_router("/jobs/", "pmpath.api.jobs.router")
api.add_router("/network/", "pmpath.api.network.router")
api.add_router("/matching/", "pmpath.api.matching.router")
api.add_router("/resume", "pmpath.api.resume.router")


class ProfileOut(Schema):
    display_name: str
    background: str
    current_role: str
    current_company: str
    years_experience: int | None
    target_level: str
    target_companies: list[str]
    headline: str
    summary: str
    onboarded: bool
    is_demo: bool


class MeOut(Schema):
    id: int
    username: str
    email: str
    date_joined: datetime
    profile: ProfileOut | None


@api.get("/me", response=MeOut, summary="The authenticated user and their candidate profile")
def me(request: HttpRequest) -> dict:
    user = request.user
    return {
        "id": user.pk,
        "username": user.get_username(),
        "email": getattr(user, "email", ""),
        "date_joined": getattr(user, "date_joined"),  # noqa: B009
        "profile": career.profile_as_dict(career.profile_for(user)),
    }
