"""Writes for the career area."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from pmpath.career.models import Background, CandidateProfile, Level


class ProfileError(Exception):
    """A profile value pmpath cannot store; the message names the field."""


PROFILE_FIELDS = (
    "display_name",
    "background",
    "current_role",
    "current_company",
    "years_experience",
    "target_level",
    "target_companies",
    "headline",
    "summary",
)


def save_profile(user: Any, *, is_demo: bool = False, **values: Any) -> CandidateProfile:
    """Create or update the candidate's profile; the first save completes onboarding."""
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ProfileError(f"Unknown profile fields: {', '.join(sorted(unknown))}")
    background = values.get("background")
    if background and not Background.objects.filter(key=background).exists():
        raise ProfileError(f"background: {background!r} is not a known background")
    level = values.get("target_level")
    if level and not Level.objects.filter(key=level).exists():
        raise ProfileError(f"target_level: {level!r} is not a level on the ladder")
    with transaction.atomic():
        profile, _ = CandidateProfile.objects.select_for_update().get_or_create(user=user)
        for field, value in values.items():
            setattr(profile, field, value)
        profile.is_demo = is_demo
        if profile.onboarded_at is None:
            profile.onboarded_at = timezone.now()
        profile.save()
    return profile
