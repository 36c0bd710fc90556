from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms

from pmpath.jobs.interview_services import zone_named
from pmpath.jobs.models import INTERVIEW_KINDS, INTERVIEW_OUTCOMES
from pmpath.jobs.services import JobsError


class InterviewForm(forms.Form):
    kind = forms.ChoiceField(label="Round", choices=INTERVIEW_KINDS)
    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(
        label="Time", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    time_zone = forms.CharField(
        label="Time zone",
        max_length=64,
        help_text="The zone the invitation gives, e.g. Europe/Dublin or America/New_York.",
        widget=forms.TextInput(attrs={"list": "time-zone-names", "autocomplete": "off"}),
    )
    duration_minutes = forms.IntegerField(
        label="Length (minutes)", min_value=5, max_value=720, initial=45
    )
    location = forms.CharField(
        label="Where", max_length=300, required=False, help_text="An address or a video link."
    )
    interviewers = forms.CharField(
        label="Interviewers",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One a line: name, role, email. Those with an email are invited in the "
        "calendar file.",
    )
    preparation = forms.CharField(
        label="Preparation notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Stories to tell, questions to ask, what to read again.",
    )

    def clean_time_zone(self) -> str:
        try:
            return zone_named(self.cleaned_data["time_zone"]).key
        except JobsError as exc:
            raise forms.ValidationError(str(exc).split(": ", 1)[-1]) from None


class InterviewEditForm(InterviewForm):
    outcome = forms.ChoiceField(label="Outcome", choices=INTERVIEW_OUTCOMES)
    outcome_notes = forms.CharField(
        label="How it went", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    thank_you_sent_on = forms.DateField(
        label="Thank-you sent on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def service_values(form: InterviewForm) -> dict[str, Any]:
    """The form's data as the services take it: one local date-time instead of two fields."""
    data = dict(form.cleaned_data)
    data["local_start"] = datetime.combine(data.pop("date"), data.pop("time"))
    return data


def add_service_error(form: forms.Form, exc: JobsError) -> None:
    """Put a service's "field: message" error on that field when the form has it."""
    name, _, message = str(exc).partition(": ")
    if name == "local_start":
        name = "time"
    if message and name in form.fields:
        form.add_error(name, message)
    else:
        form.add_error(None, str(exc))
