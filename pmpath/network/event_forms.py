"""Forms for events and groups. They parse and check shapes; the rules are in the services
(network/events.py, network/groups.py), whose "field: message" errors land on the field."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms

from pmpath.network.models import EVENT_KINDS, EVENT_STATUSES, GROUP_KINDS, GROUP_STATUSES
from pmpath.network.services import NetworkError

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class EventForm(forms.Form):
    name = forms.CharField(label="Name", max_length=300)
    kind = forms.ChoiceField(label="Kind", choices=EVENT_KINDS, initial="meetup")
    status = forms.ChoiceField(label="Status", choices=EVENT_STATUSES, initial="interested")
    date = forms.DateField(label="Date", widget=DATE)
    time = forms.TimeField(label="Starts at", widget=TIME)
    time_zone = forms.CharField(
        label="Time zone",
        max_length=64,
        help_text="Where it happens, e.g. Europe/London or America/New_York.",
        widget=forms.TextInput(attrs={"list": "time-zone-names", "autocomplete": "off"}),
    )
    end_date = forms.DateField(
        label="Ends on", required=False, widget=DATE, help_text="Leave empty for the same day."
    )
    end_time = forms.TimeField(label="Ends at", required=False, widget=TIME)
    location = forms.CharField(
        label="Place or link",
        max_length=300,
        required=False,
        help_text="An address or a video link.",
    )
    url = forms.URLField(label="Event page", max_length=1000, required=False, assume_scheme="https")
    cost = forms.DecimalField(
        label="Cost", required=False, min_value=0, max_digits=9, decimal_places=2
    )
    currency = forms.CharField(
        label="Currency",
        max_length=3,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "EUR", "autocapitalize": "characters"}),
    )
    group = forms.TypedChoiceField(
        label="Group", required=False, coerce=int, empty_value=None, choices=[("", "None")]
    )
    goals = forms.CharField(
        label="Goals",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Who you want to meet and what you want to learn.",
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_on = forms.DateField(
        label="Follow up by",
        required=False,
        widget=DATE,
        help_text="The date follow-ups with people you meet are due.",
    )

    def __init__(self, *args: Any, groups: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", "None"), *groups]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("end_date") and not data.get("end_time"):
            self.add_error("end_time", "Give the time it ends.")
        return data


def event_values(form: EventForm) -> dict[str, Any]:
    """The form's data as the services take it: local date-times instead of dates and times."""
    data = dict(form.cleaned_data)
    start_date = data.pop("date")
    data["local_start"] = datetime.combine(start_date, data.pop("time"))
    end_date, end_time = data.pop("end_date"), data.pop("end_time")
    data["local_end"] = datetime.combine(end_date or start_date, end_time) if end_time else None
    data["group_id"] = data.pop("group")
    return data


def event_initial(event: Any) -> dict[str, Any]:
    start = event.local_start
    end = event.local_end
    return {
        "name": event.name,
        "kind": event.kind,
        "status": event.status,
        "date": start.date(),
        "time": start.time().replace(second=0, microsecond=0),
        "time_zone": event.time_zone,
        "end_date": end.date() if end and end.date() != start.date() else None,
        "end_time": end.time().replace(second=0, microsecond=0) if end else None,
        "location": event.location,
        "url": event.url,
        "cost": event.cost,
        "currency": event.currency,
        "group": event.group_id,
        "goals": event.goals,
        "notes": event.notes,
        "follow_up_on": event.follow_up_on,
    }


class QuickAddForm(forms.Form):
    name = forms.CharField(label="Name", max_length=201)
    company = forms.CharField(label="Company", max_length=200, required=False)
    role = forms.CharField(label="Role", max_length=200, required=False)
    linkedin_url = forms.CharField(
        label="LinkedIn profile",
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "linkedin.com/in/…", "inputmode": "url"}),
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"placeholder": "What you talked about"}),
    )


class FollowUpForm(forms.Form):
    follow_up_on = forms.DateField(label="Follow up by", widget=DATE)
    contacts = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args: Any, contact_ids: list[int] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["contacts"].choices = [(pk, pk) for pk in contact_ids]  # type: ignore[attr-defined]


class IcsImportForm(forms.Form):
    file = forms.FileField(label="Calendar file (.ics)", required=False)
    url = forms.CharField(
        label="or the calendar's address",
        max_length=2000,
        required=False,
        help_text="An https:// or webcal:// address, such as a meetup group's calendar feed.",
        widget=forms.TextInput(attrs={"inputmode": "url", "placeholder": "https://…/calendar.ics"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("file")) == bool((data.get("url") or "").strip()):
            raise forms.ValidationError("Choose a file or give an address (one of the two).")
        return data


class GroupForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=GROUP_KINDS, initial="online")
    status = forms.ChoiceField(label="Membership", choices=GROUP_STATUSES, initial="interested")
    url = forms.URLField(label="Link", max_length=500, required=False, assume_scheme="https")
    location = forms.CharField(
        label="Where", max_length=200, required=False, help_text="For a local group: the city."
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ActivityForm(forms.Form):
    occurred_on = forms.DateField(label="Date", widget=DATE)
    summary = forms.CharField(
        label="What you did",
        max_length=500,
        widget=forms.TextInput(
            attrs={"placeholder": "Answered a question on discovery interviews"}
        ),
    )


def add_service_error(form: forms.Form, exc: NetworkError, *, aliases: dict[str, str] = {}) -> None:  # noqa: B006
    """Put a service's "field: message" error on that field when the form has it."""
    name, _, message = str(exc).partition(": ")
    name = aliases.get(name, name)
    if message and name in form.fields:
        form.add_error(name, message)
    else:
        form.add_error(None, str(exc))


EVENT_ALIASES = {"local_start": "time", "local_end": "end_time", "group_id": "group"}
