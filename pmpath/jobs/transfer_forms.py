"""Forms for the applications import and the activity log's date range."""

from __future__ import annotations

from typing import Any

from django import forms

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ApplicationsUploadForm(forms.Form):
    file = forms.FileField(
        label="Applications CSV",
        help_text="Up to 5 MB. Columns are matched by their header; start from the template.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is {upload.size // 1024} KB; the limit is 5 MB."
            )
        return upload


class ActivityRangeForm(forms.Form):
    start = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError("The start date is after the end date.")
        return data
