from __future__ import annotations

from typing import Any

from django import forms

from pmpath.trends.opml import MAX_BYTES as OPML_MAX_BYTES
from pmpath.trends.services import NOTE_MAX


class SubscribeForm(forms.Form):
    url = forms.CharField(
        label="Feed or site address",
        max_length=1000,
        widget=forms.TextInput(
            attrs={"placeholder": "https://example.com/feed", "inputmode": "url"}
        ),
        help_text="A feed's address, or a site's: pmpath finds the feed the page links to.",
    )
    tags = forms.CharField(
        label="Tags", required=False, max_length=300, help_text="Comma-separated, e.g. ai, growth."
    )


class OpmlForm(forms.Form):
    file = forms.FileField(
        label="OPML file",
        help_text=f"Exported from another feed reader; up to {OPML_MAX_BYTES // 2**20} MB.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > OPML_MAX_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is {upload.size // 1024} KB; the limit is "
                f"{OPML_MAX_BYTES // 1024} KB."
            )
        return upload


class TagsForm(forms.Form):
    tags = forms.CharField(label="Tags", required=False, max_length=300)
    title = forms.CharField(label="Name", required=False, max_length=300)


class NoteForm(forms.Form):
    note = forms.CharField(
        label="My note",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What this means for you, or what you would say about it in an interview.",
    )


class TalkingPointForm(forms.Form):
    title = forms.CharField(label="The trend, in a few words", max_length=300)
    body = forms.CharField(
        label="What I would say",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What is changing, why it matters to customers, and what a product team "
        "should do about it. Name your source.",
    )
