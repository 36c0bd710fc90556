"""The best-matches filters (level, remote, location, salary floor, and where to look)."""

from __future__ import annotations

from django import forms

from pmpath.jobs.models import LEVELS
from pmpath.matching.types import Filters

SCOPES = [("all", "Every posting"), ("inbox", "Watchlist inbox")]
TOPS = [(10, "10"), (20, "20"), (50, "50")]


class BestFilterForm(forms.Form):
    scope = forms.ChoiceField(label="Look in", required=False, choices=SCOPES)
    level = forms.ChoiceField(label="Level", required=False, choices=[("", "Any level"), *LEVELS])
    location = forms.CharField(
        label="Location", required=False, max_length=100, help_text="Remote roles always count."
    )
    salary_floor = forms.IntegerField(
        label="Salary floor (a year)", required=False, min_value=0, max_value=10_000_000
    )
    remote = forms.BooleanField(label="Remote only", required=False)
    every_family = forms.BooleanField(label="Include roles that are not PM", required=False)
    top = forms.TypedChoiceField(label="Show", required=False, choices=TOPS, coerce=int)

    def values(self) -> dict:
        """The valid filters; a bad value in the address is dropped rather than an error."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}

    def filters(self) -> Filters:
        from pmpath.matching.queries import filters_from

        data = self.values()
        return filters_from(
            level=data.get("level") or "",
            remote=bool(data.get("remote")),
            location=data.get("location") or "",
            salary_floor=data.get("salary_floor"),
            every_family=bool(data.get("every_family")),
        )
