"""Forms for the learning catalogue and plan: filters, adding a resource, recording progress
on an enrolment, and the import upload."""

from __future__ import annotations

from typing import Any

from django import forms

from pmpath.career import queries
from pmpath.career.models import ENROLMENT_STATUSES, RESOURCE_KINDS, Enrolment, Resource
from pmpath.career.resource_queries import COSTS, SOURCES, Filters
from pmpath.career.resource_transfer import MAX_BYTES


def _skills() -> list[tuple[str, str]]:
    return [(c.key, c.name) for c in queries.competencies()]


def _short_levels() -> list[tuple[str, str]]:
    return [(lv["key"], lv["short"]) for lv in queries.ladder()["levels"]]


# Choices are callables, read when a form is built, so an edited ladder shows at once.
def _any(label: str, choices: Any) -> Any:
    return lambda: [("", label), *(choices() if callable(choices) else choices)]


class FilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Search")
    skill = forms.ChoiceField(required=False, label="Skill", choices=_any("Any skill", _skills))
    kind = forms.ChoiceField(required=False, label="Kind", choices=_any("Any kind", RESOURCE_KINDS))
    level = forms.ChoiceField(
        required=False, label="Level", choices=_any("Any level", _short_levels)
    )
    cost = forms.ChoiceField(required=False, label="Cost", choices=_any("Free or paid", COSTS))
    source = forms.ChoiceField(
        required=False, label="Added by", choices=_any("Added by anyone", SOURCES)
    )

    def __init__(self, *args: Any, signed_in: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not signed_in:
            del self.fields["source"]

    def filters(self) -> Filters:
        """The valid filters; a bad value in the address is ignored rather than an error."""
        if not self.is_bound:
            return Filters()
        self.is_valid()
        data = {name: self.cleaned_data.get(name) or "" for name in self.fields}
        return Filters(**data)


class ResourceForm(forms.Form):
    name = forms.CharField(max_length=200, label="Name")
    provider = forms.CharField(
        max_length=200, required=False, label="Provider or author", help_text="e.g. Product School"
    )
    kind = forms.ChoiceField(choices=RESOURCE_KINDS, label="Kind")
    url = forms.URLField(
        max_length=500,
        required=False,
        label="Link",
        assume_scheme="https",
        help_text="Where to find it: https://…",
    )
    cost = forms.DecimalField(
        min_value=0,
        max_digits=9,
        decimal_places=2,
        required=False,
        label="Cost",
        help_text="0 if free; leave empty if the price varies.",
    )
    currency = forms.CharField(
        max_length=3, required=False, label="Currency", help_text="e.g. USD, EUR, GBP"
    )
    hours = forms.DecimalField(
        min_value=0,
        max_value=10000,
        max_digits=6,
        decimal_places=1,
        required=False,
        label="Time (hours)",
        help_text="About how long it takes, in total.",
    )
    levels = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Levels it suits",
        choices=queries.level_choices,
    )
    skills = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Skills it grows",
        choices=_skills,
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        label="Description",
        help_text="One line on what it is and why it helps.",
    )
    shared = forms.BooleanField(
        required=False, label="Add to the shared catalogue",
        help_text="Everyone on this instance will see it. Only admins can do this.",
    )  # fmt: skip

    def __init__(
        self, *args: Any, admin: bool = False, editing_shared: bool | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # Only admins add shared resources, and whose a resource is does not change later.
        if not admin or editing_shared is not None:
            del self.fields["shared"]

    @classmethod
    def for_resource(cls, resource: Resource, data: Any = None, *, admin: bool) -> ResourceForm:
        initial = {
            name: getattr(resource, name)
            for name in (
                "name",
                "provider",
                "kind",
                "url",
                "cost",
                "currency",
                "hours",
                "levels",
                "skills",
                "description",
            )
        }
        return cls(data, initial=initial, admin=admin, editing_shared=resource.owner_id is None)

    def clean_currency(self) -> str:
        return (self.cleaned_data.get("currency") or "").strip().upper()

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("shared", None)
        for name in ("provider", "url", "description", "currency"):
            data[name] = data.get(name) or ""
        return data


class EnrolmentForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = [
            "status",
            "progress",
            "started_on",
            "completed_on",
            "certificate_url",
            "applied_notes",
        ]
        labels = {
            "progress": "Progress (%)",
            "started_on": "Started on",
            "completed_on": "Completed on",
            "certificate_url": "Certificate link",
            "applied_notes": "What I applied from it",
        }
        help_texts = {
            "progress": "Marking it completed sets 100%.",
            "completed_on": "Filled with today when you mark it completed.",
            "certificate_url": "A link to your certificate or badge, if there is one.",
            "applied_notes": (
                "Where you used it at work or in a side project: interviewers ask about this."
            ),
        }
        widgets = {
            "status": forms.Select(choices=ENROLMENT_STATUSES),
            "progress": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "completed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "certificate_url": forms.URLInput(attrs={"placeholder": "https://"}),
            "applied_notes": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_progress(self) -> int:
        value = self.cleaned_data["progress"]
        if value > 100:
            raise forms.ValidationError("Progress is a percentage: at most 100.")
        return int(value)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV or JSON file",
        help_text="Up to 5 MB. Columns are matched by their header: name and kind are needed; "
        "key, provider, url, cost, currency, hours, levels, skills and description are optional.",
    )
    shared = forms.BooleanField(
        required=False, label="Import into the shared catalogue",
        help_text="Everyone on this instance will see these. Only admins can do this.",
    )  # fmt: skip

    def __init__(self, *args: Any, admin: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not admin:
            del self.fields["shared"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is {upload.size // 1024} KB; the limit is 5 MB."
            )
        return upload
