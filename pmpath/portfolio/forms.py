"""Forms for the portfolio. They parse; the services decide. The guidance beside each section
comes from sections.py, in our own words."""

from __future__ import annotations

from typing import Any

from django import forms

from pmpath.portfolio.images import MAX_BYTES
from pmpath.portfolio.sections import SECTIONS
from pmpath.portfolio.services import SECTION_MAX, SLUG_MAX


class CaseStudyForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="Say the outcome or the customer, not the feature: “Helping first-time "
        "sellers publish in a day”.",
    )
    summary = forms.CharField(
        label="One-line summary",
        max_length=300,
        required=False,
        help_text="Shown on the portfolio's index: who, what changed, by how much.",
    )
    company = forms.CharField(label="Company or context", max_length=200, required=False)
    period = forms.CharField(
        label="When", max_length=60, required=False, help_text="e.g. 2024 to 2025"
    )
    slug = forms.SlugField(
        label="Page name",
        max_length=SLUG_MAX,
        required=False,
        help_text="The file name in the exported site and the public link. Blank: made from "
        "the title.",
    )

    def __init__(self, *args: Any, skills: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for section in SECTIONS:
            self.fields[section.key] = forms.CharField(
                label=section.label,
                required=False,
                max_length=SECTION_MAX,
                help_text=section.guidance,
                widget=forms.Textarea(attrs={"rows": 5, "placeholder": f"e.g. {section.example}"}),
            )
        self.fields["skills"] = forms.MultipleChoiceField(
            label="Skills this shows",
            choices=skills,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="The ladder's skills this case study is evidence for.",
        )
        self.fields["published"] = forms.BooleanField(
            label="Published: include it in the exported site, the PDF and the public link",
            required=False,
            initial=True,
        )


class AttachmentForm(forms.Form):
    image = forms.FileField(
        label="Image",
        help_text=f"PNG, JPEG, GIF or WebP, up to {MAX_BYTES // 1024 // 1024} MB. Photos lose "
        "their camera and location data when stored.",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}
        ),
    )
    alt = forms.CharField(
        label="Description for screen readers",
        max_length=300,
        required=False,
        help_text="What the image shows, for someone who cannot see it.",
    )
    caption = forms.CharField(label="Caption", max_length=300, required=False)
