"""Forms for practice: the answer editor, the picker's filters and the rating after feedback."""

from __future__ import annotations

from typing import Any

from django import forms

from pmpath.interview.knowledge import SKILLS
from pmpath.interview.models import CATEGORIES, LEVELS
from pmpath.interview.practice import ANSWER_MAX, NOTES_MAX, REVIEW_MAX
from pmpath.interview.practice_queries import LEVEL_NAMES
from pmpath.interview.scheduling import RATING_NAMES

SKILL_NAMES = {key: key.replace("_", " ").capitalize() for key in SKILLS}


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your answer",
        required=False,
        max_length=ANSWER_MAX,
        widget=forms.Textarea(
            attrs={"rows": 18, "spellcheck": "true", "class": "answer-editor"},
        ),
        help_text="Markdown works: # headings, - lists, 1. numbered steps, **bold**. "
        "Write it the way you would say it, in order.",
    )
    spoken_notes = forms.CharField(
        label="Spoken-answer notes",
        required=False,
        max_length=NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Practising out loud? Jot what you said, where you paused or rambled, and "
        "what you would say differently.",
    )
    # The page's load time (epoch seconds) and the time an earlier visit already spent:
    # the server works out the duration from them, with or without JavaScript.
    started = forms.FloatField(required=False, widget=forms.HiddenInput)
    elapsed_before = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    mock = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PickForm(forms.Form):
    category = forms.ChoiceField(
        label="Category", required=False, choices=[("", "Any category"), *CATEGORIES]
    )
    skill = forms.ChoiceField(
        label="Skill",
        required=False,
        choices=[("", "Any skill"), *SKILL_NAMES.items()],
    )
    level = forms.ChoiceField(
        label="Level",
        required=False,
        choices=[("", "Any level"), *[(k, LEVEL_NAMES[k]) for k in LEVELS]],
    )
    company = forms.CharField(label="Company", required=False, max_length=200)


class RateForm(forms.Form):
    """The FSRS rating and the self-review; the rubric dimensions are added per framework."""

    rating = forms.TypedChoiceField(
        label="How well did you know it?",
        required=False,
        coerce=int,
        empty_value=None,
        choices=list(RATING_NAMES.items()),
        widget=forms.RadioSelect,
    )
    self_review = forms.CharField(
        label="Self-review",
        required=False,
        max_length=REVIEW_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What would you change next time? One or two concrete notes beat a paragraph.",
    )

    def __init__(self, *args: Any, rubric: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.rubric_keys = [item.key for item in rubric]
        for item in rubric:
            self.fields[f"rubric_{item.key}"] = forms.TypedChoiceField(
                label=item.name,
                help_text=item.description,
                required=False,
                coerce=int,
                empty_value=None,
                choices=[(n, str(n)) for n in range(1, 6)],
                widget=forms.RadioSelect,
            )

    def rubric_values(self) -> dict[str, int | None]:
        return {key: self.cleaned_data.get(f"rubric_{key}") for key in self.rubric_keys}
