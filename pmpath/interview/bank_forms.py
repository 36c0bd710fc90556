"""Forms for the question bank: the filter bar, adding or editing one's own question, and the
import upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse_lazy

from pmpath.interview import knowledge, transfer
from pmpath.interview.bank_queries import (
    CATEGORY_NAMES,
    LEVEL_NAMES,
    SKILL_NAMES,
    SOURCES,
    THEME_NAMES,
)
from pmpath.interview.models import DIFFICULTIES


def _any(label: str, choices: dict[str, str]) -> list[tuple[str, str]]:
    return [("", label), *choices.items()]


class QuestionFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200)
    category = forms.ChoiceField(required=False, choices=_any("All categories", CATEGORY_NAMES))
    level = forms.ChoiceField(required=False, choices=_any("Any level", LEVEL_NAMES))
    skill = forms.ChoiceField(required=False, choices=_any("Any skill", SKILL_NAMES))
    theme = forms.ChoiceField(required=False, choices=_any("Any theme", THEME_NAMES))
    difficulty = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any difficulty"), *[(str(k), v) for k, v in DIFFICULTIES]],
    )
    company = forms.CharField(required=False, max_length=200)
    source = forms.ChoiceField(required=False, choices=_any("Shipped and mine", SOURCES))


def _lines(value: list[str] | None) -> str:
    return "\n".join(value or [])


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Question",
        max_length=transfer.TEXT_MAX,
        widget=forms.Textarea(
            attrs={
                "rows": 3,
                # A live category hint while typing (the page works without it).
                "hx-get": reverse_lazy("interview:question_suggest"),
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "#category-hint",
            }
        ),
    )
    category = forms.ChoiceField(
        required=False,
        choices=[("", "Suggest one from the question"), *CATEGORY_NAMES.items()],
        help_text="Leave it to the suggestion if you are not sure; you can change it later.",
    )
    difficulty = forms.TypedChoiceField(
        coerce=int, initial=2, choices=[(str(k), v) for k, v in DIFFICULTIES]
    )
    levels = forms.MultipleChoiceField(
        required=False,
        choices=list(LEVEL_NAMES.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked means any level.",
    )
    skills = forms.MultipleChoiceField(
        required=False, choices=list(SKILL_NAMES.items()), widget=forms.CheckboxSelectMultiple
    )
    themes = forms.MultipleChoiceField(
        required=False,
        choices=list(THEME_NAMES.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="For behavioural questions.",
    )
    company = forms.CharField(
        required=False,
        max_length=transfer.COMPANY_MAX,
        help_text="Only for a question about one company.",
    )
    framework = forms.ChoiceField(required=False, help_text="Blank: the category's framework.")
    time_limit_minutes = forms.IntegerField(
        label="Time limit (minutes)",
        required=False,
        min_value=1,
        max_value=60,
        help_text="Blank: the category's usual time.",
    )
    follow_ups = forms.CharField(
        label="Follow-up probes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One a line.",
    )
    strong_answer = forms.CharField(
        label="What a strong answer shows",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One point a line. Kept folded away until you have practised the question.",
    )
    pitfalls = forms.CharField(
        label="Common pitfalls",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One a line.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].choices = [  # type: ignore[attr-defined]
            ("", "The category's framework"),
            *knowledge.framework_choices(),
        ]

    @classmethod
    def initial_for(cls, question: Any) -> dict[str, Any]:
        limit = question.time_limit_seconds
        return {
            "text": question.text,
            "category": question.category,
            "difficulty": question.difficulty,
            "levels": question.levels,
            "skills": question.skills,
            "themes": question.themes,
            "company": question.company,
            "framework": question.framework,
            "time_limit_minutes": round(limit / 60) if limit else None,
            "follow_ups": _lines(question.follow_ups),
            "strong_answer": _lines(question.strong_answer),
            "pitfalls": _lines(question.pitfalls),
        }

    def values(self) -> dict[str, Any]:
        """The cleaned data as the service takes it."""
        data = dict(self.cleaned_data)
        minutes = data.pop("time_limit_minutes")
        data["time_limit_seconds"] = minutes * 60 if minutes else None
        return data


class QuestionImportForm(forms.Form):
    file = forms.FileField(
        label="Questions file",
        help_text="CSV, JSON or Markdown, up to 5 MB. The format is read from the file name.",
    )
    format = forms.ChoiceField(
        required=False,
        choices=[("", "From the file name"), *transfer.FORMATS.items()],
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > transfer.MAX_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is {upload.size // 1024:,} KB; the limit is 5 MB."
            )
        return upload
