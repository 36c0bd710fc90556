"""The import page's form (imports.py does the work)."""

from __future__ import annotations

from django import forms

from pmpath.network.importers.linkedin import size
from pmpath.network.imports import MAX_UPLOAD_BYTES


class ContactsUploadForm(forms.Form):
    file = forms.FileField(
        label="A LinkedIn export (.zip or one of its CSV files), a vCard file or a contacts CSV",
        help_text=f"Up to {size(MAX_UPLOAD_BYTES)}. The file is recognised by what is in it.",
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,.csv,.vcf,.vcard,text/csv"}),
    )
    again = forms.BooleanField(
        required=False,
        label="Read it again even if this exact file was imported before",
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is {size(upload.size)}; the limit is {size(MAX_UPLOAD_BYTES)}. "
                "LinkedIn's basic export (connections, messages, invitations) is much smaller "
                "than the complete one."
            )
        return upload
