from __future__ import annotations

from django import forms

from pmpath.jobs.models import BOARD_KINDS


class WatchForm(forms.Form):
    company_name = forms.CharField(label="Company", max_length=200)
    board_kind = forms.ChoiceField(label="Board", choices=BOARD_KINDS)
    board_name = forms.CharField(
        label="Board name",
        max_length=200,
        help_text="The NAME in the board's address, e.g. boards.greenhouse.io/NAME.",
    )
