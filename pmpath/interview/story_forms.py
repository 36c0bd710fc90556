"""Forms for the story bank. The prompts are ours: what each part of a story needs."""

from __future__ import annotations

from typing import Any

from django import forms

from pmpath.core.widgets import Choices, QuickSelect
from pmpath.interview.stories import METRICS_MAX, PART_MAX, TITLE_MAX
from pmpath.interview.story_queries import SKILL_NAMES, THEME_NAMES

PROMPTS = {
    "situation": (
        "Situation",
        "Where and when, in two or three sentences: the team, the product, what was at stake.",
    ),
    "task": ("Task", "What you were responsible for, and what made it hard."),
    "action": (
        "Action",
        "What you did, step by step, in the first person. This is the longest part: the "
        "choices you made and why.",
    ),
    "result": (
        "Result",
        "What changed, with numbers: the metric before and after, money, time, people reached.",
    ),
    "reflection": (
        "Reflection",
        "What you learned, and what you would do differently or have done since.",
    ),
}


class StoryForm(forms.Form):
    title = forms.CharField(label="Title", max_length=TITLE_MAX)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (label, prompt) in PROMPTS.items():
            self.fields[name] = forms.CharField(
                label=label,
                help_text=prompt,
                required=False,
                max_length=PART_MAX,
                widget=forms.Textarea(attrs={"rows": 6 if name == "action" else 3}),
            )
        self.fields["metrics"] = forms.CharField(
            label="Metrics",
            required=False,
            max_length=METRICS_MAX,
            help_text="The numbers in one line, e.g. “activation 31% → 44% in 8 weeks”.",
        )
        self.fields["skills"] = forms.MultipleChoiceField(
            label="Skills it shows",
            required=False,
            choices=list(SKILL_NAMES.items()),
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["themes"] = forms.MultipleChoiceField(
            label="Questions it answers",
            required=False,
            choices=list(THEME_NAMES.items()),
            widget=forms.CheckboxSelectMultiple,
        )


class UseForm(forms.Form):
    question = forms.TypedChoiceField(
        label="Question", required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    company = forms.TypedChoiceField(
        label="Company", required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    application = forms.TypedChoiceField(
        label="Application", required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    used_on = forms.DateField(
        label="Told on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for a story you plan to tell.",
    )

    def __init__(
        self,
        *args: Any,
        questions: Any = (),
        companies: Any = (),
        applications: Any = (),
        **kw: Any,
    ) -> None:
        """Choices are (id, label) pairs (story_queries' *_choices)."""
        super().__init__(*args, **kw)
        fields: dict[str, Any] = self.fields
        fields["question"].choices = Choices([("", "No particular question"), *questions])
        fields["company"].choices = Choices([("", "No company"), *companies])
        fields["application"].choices = Choices([("", "No application"), *applications])
