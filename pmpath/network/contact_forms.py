"""Forms for contacts, interactions and outreach templates. They parse; the services decide."""

from __future__ import annotations

from django import forms

from pmpath.network.contacts import MAX_CADENCE_DAYS
from pmpath.network.models import CHANNELS, DIRECTIONS, STRENGTHS, OutreachTemplate

DATE = forms.DateInput(attrs={"type": "date"})


class ContactForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    headline = forms.CharField(
        label="Headline", max_length=300, required=False, help_text="Their LinkedIn headline."
    )
    company = forms.CharField(
        label="Company",
        max_length=200,
        required=False,
        help_text="Linked to your job-search company of the same (or a similar) name.",
    )
    role = forms.CharField(label="Role", max_length=200, required=False)
    email = forms.EmailField(label="Email", required=False)
    phone = forms.CharField(label="Phone", max_length=50, required=False)
    linkedin_url = forms.CharField(
        label="LinkedIn profile",
        max_length=500,
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://www.linkedin.com/in/…"}),
    )
    how_met = forms.CharField(
        label="How you met",
        max_length=300,
        required=False,
        help_text="Also the shared context of your outreach drafts, so a sentence reads best: "
        "“We met at ProductTank Dublin in March.”",
    )
    tags = forms.CharField(
        label="Tags", max_length=1000, required=False, help_text="Separated by commas."
    )
    strength = forms.TypedChoiceField(
        label="Relationship", choices=STRENGTHS, coerce=int, initial=1
    )
    cadence_days = forms.IntegerField(
        label="Stay in touch every (days)",
        min_value=1,
        max_value=MAX_CADENCE_DAYS,
        required=False,
        help_text="Blank: use the shortest cadence among their tags, or none.",
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class InteractionForm(forms.Form):
    occurred_on = forms.DateField(label="Date", widget=DATE)
    channel = forms.ChoiceField(label="Channel", choices=CHANNELS, initial="linkedin")
    direction = forms.ChoiceField(label="Who reached out", choices=DIRECTIONS, initial="outbound")
    summary = forms.CharField(
        label="What happened",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    follow_up_on = forms.DateField(label="Follow up on", required=False, widget=DATE)


class PositionForm(forms.Form):
    company = forms.CharField(label="Company", max_length=200)
    title = forms.CharField(label="Title", max_length=200, required=False)
    started_on = forms.DateField(label="From", required=False, widget=DATE)
    ended_on = forms.DateField(label="To", required=False, widget=DATE)


class TemplateForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=OutreachTemplate.KINDS)
    name = forms.CharField(label="Name", max_length=120)
    body = forms.CharField(
        label="Message",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Placeholders: {first_name} {company} {role} {context} {ask} {my_name}. "
        "Connection notes must fit in 300 characters once filled.",
    )
