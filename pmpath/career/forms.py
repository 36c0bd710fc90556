from __future__ import annotations

from typing import Any

from django import forms

from pmpath.career import queries
from pmpath.career.models import CandidateProfile
from pmpath.core.text import split_list


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label="Your name", max_length=120, required=False, help_text="How pmpath greets you."
    )
    background = forms.ChoiceField(
        label="Where are you coming from?",
        widget=forms.RadioSelect,
        help_text="Your plan leans on this background's strengths and closes its usual gaps.",
    )
    current_role = forms.CharField(
        label="Current role", max_length=120, required=False, help_text="e.g. Software Engineer"
    )
    current_company = forms.CharField(label="Current company", max_length=120, required=False)
    years_experience = forms.IntegerField(
        label="Years of work experience", min_value=0, max_value=60, required=False
    )
    target_level = forms.ChoiceField(
        label="Which PM level are you aiming at?",
        help_text="Jobs, questions and your plan are matched to this level.",
    )
    target_companies = forms.CharField(
        label="Target companies",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line or separated by commas. You can change them at any time.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["background"].choices = queries.background_choices()
        self.fields["target_level"].choices = [("", "Choose a level"), *queries.level_choices()]

    @classmethod
    def for_profile(cls, profile: CandidateProfile | None, data: Any = None) -> ProfileForm:
        initial = {}
        if profile is not None:
            initial = {
                "display_name": profile.display_name,
                "background": profile.background,
                "current_role": profile.current_role,
                "current_company": profile.current_company,
                "years_experience": profile.years_experience,
                "target_level": profile.target_level,
                "target_companies": "\n".join(profile.target_companies),
            }
        return cls(data, initial=initial)

    def clean_target_companies(self) -> list[str]:
        return split_list(self.cleaned_data.get("target_companies", ""))
