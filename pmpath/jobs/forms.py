from __future__ import annotations

from django import forms

from pmpath.jobs.models import BOARD_KINDS, FAMILIES, LEVELS, WORKPLACES

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ApplicationForm(forms.Form):
    role_title = forms.CharField(label="Role", max_length=300)
    company_name = forms.CharField(label="Company", max_length=200, required=False)
    applied_on = forms.DateField(
        label="Applied on", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    source = forms.CharField(
        label="Where you found it",
        max_length=100,
        required=False,
        help_text="e.g. referral, LinkedIn, company site",
    )
    next_action = forms.CharField(label="Next action", max_length=200, required=False)
    next_action_due = forms.DateField(
        label="Due", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    resume_version = forms.CharField(label="Resume version", max_length=120, required=False)
    cover_letter_version = forms.CharField(
        label="Cover letter version", max_length=120, required=False
    )
    salary_expectation = forms.CharField(label="Salary expectation", max_length=120, required=False)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class PostingFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False)
    family = forms.ChoiceField(label="Family", required=False, choices=[("", "Any"), *FAMILIES])
    level = forms.ChoiceField(label="Level", required=False, choices=[("", "Any"), *LEVELS])
    workplace = forms.ChoiceField(
        label="Workplace", required=False, choices=[("", "Any"), *WORKPLACES]
    )


class PasteForm(forms.Form):
    text = forms.CharField(
        label="Paste the posting",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=200_000,
        help_text="Title on the first line works best; company, location and salary are found "
        "when the text says them.",
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="A saved job page (.html) or a postings CSV (.csv)",
        help_text="Up to 5 MB. Save a job page from your browser with Save Page As.",
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is {upload.size // 1024} KB; the limit is 5 MB."
            )
        return upload


class UrlForm(forms.Form):
    url = forms.URLField(
        label="The job page's address",
        max_length=2000,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://careers.example.com/jobs/123"}),
        help_text="pmpath downloads the page and reads the posting's structured data.",
    )


class BoardForm(forms.Form):
    board_kind = forms.ChoiceField(label="Board", choices=BOARD_KINDS)
    board_name = forms.CharField(
        label="Board name",
        max_length=200,
        help_text="The NAME in the board's address, e.g. boards.greenhouse.io/NAME or "
        "jobs.lever.co/NAME.",
    )
    company_name = forms.CharField(
        label="Company", max_length=200, required=False, help_text="Optional: the employer."
    )
