from __future__ import annotations

from django.db.models import QuerySet

from pmpath.accounts.models import APIToken, User


def tokens_for(user: User) -> QuerySet[APIToken]:
    return APIToken.objects.owned_by(user).order_by("-created_at")


def users_overview() -> QuerySet[User]:
    return User.objects.order_by("username")
