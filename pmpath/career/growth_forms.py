"""Forms for the assessment's evidence, the experience log and weekly goals."""

from __future__ import annotations

from typing import Any

from django import forms

from pmpath.career import queries
from pmpath.career.assessment_queries import Choice
from pmpath.career.models import EXPERIENCE_STATUSES, Experience, WeeklyGoal
from pmpath.core.widgets import Choices, QuickSelect

KIND_GROUPS = [
    ("story", "Your stories"),
    ("case_study", "Your case studies"),
    ("experience", "Your experience log"),
    ("practice", "Your practice scores"),
]


class EvidenceForm(forms.Form):
    # A plain text field behind a grouped select: the service checks that the chosen object is
    # the candidate's own, whatever a tampered form sends.
    item = forms.CharField(label="Something you have in pmpath", required=False)
    label = forms.CharField(
        label="Or describe other proof",
        max_length=300,
        required=False,
        help_text="e.g. 'Launch plan I wrote for the billing revamp'",
    )
    url = forms.CharField(
        label="Link (optional)", max_length=1000, required=False, help_text="https://…"
    )

    def __init__(self, *args: Any, choices: dict[str, list[Choice]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        grouped: list[Any] = [("", "Choose a story, case study, log entry or practice score")]
        for kind, name in KIND_GROUPS:
            options = [(f"{c.kind}:{c.object_id}", c.label) for c in choices.get(kind, [])]
            if options:
                grouped.append((name, options))
        self.fields["item"].widget = QuickSelect(choices=Choices(grouped))
        self.has_choices = len(grouped) > 1

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        item = data.get("item") or ""
        if item:
            kind, _, object_id = item.partition(":")
            data["kind"], data["object_id"] = kind, object_id
        elif data.get("label") or data.get("url"):
            data["kind"], data["object_id"] = "link", None
            if not data.get("label"):
                self.add_error("label", "Say what the link shows.")
        else:
            raise forms.ValidationError("Choose something of yours, or describe other proof.")
        return data


class ExperienceForm(forms.ModelForm):
    skills = forms.MultipleChoiceField(
        label="Skills it evidences",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick the skills an interviewer could see in it.",
    )

    class Meta:
        model = Experience
        fields = ["title", "status", "done_on", "what", "outcome", "skills"]
        labels = {"done_on": "Date", "what": "What I did", "outcome": "Outcome"}
        help_texts = {
            "title": "e.g. 'Ran five customer interviews on onboarding'",
            "done_on": "When you did it, or plan to.",
            "what": "Your own part: decisions you made, people you brought along.",
            "outcome": "What changed, with numbers where you have them.",
        }
        widgets = {
            "status": forms.RadioSelect(choices=EXPERIENCE_STATUSES),
            "done_on": forms.DateInput(attrs={"type": "date"}),
            "what": forms.Textarea(attrs={"rows": 4}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        skills = self.fields["skills"]
        assert isinstance(skills, forms.MultipleChoiceField)
        skills.choices = [(c.key, c.name) for c in queries.competencies()]


class GoalForm(forms.Form):
    # Empty means no target for that line (zero); the service checks the ranges again.
    applications = forms.IntegerField(
        label="Applications to send",
        required=False,
        min_value=0,
        max_value=100,
        help_text="Tailored applications beat a high count.",
    )
    outreach = forms.IntegerField(
        label="People to reach out to",
        required=False,
        min_value=0,
        max_value=200,
        help_text="Messages, calls or coffees you start.",
    )
    practice_sessions = forms.IntegerField(
        label="Practice answers",
        required=False,
        min_value=0,
        max_value=100,
        help_text="Interview questions answered in Practise.",
    )
    learning_hours = forms.DecimalField(
        label="Learning hours",
        required=False,
        min_value=0,
        max_value=80,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5"}),
        help_text="Counted from learning-plan resources you complete.",
    )

    @classmethod
    def for_goal(cls, goal: WeeklyGoal | None, data: Any = None) -> GoalForm:
        initial = {}
        if goal is not None:
            initial = {
                "applications": goal.applications,
                "outreach": goal.outreach,
                "practice_sessions": goal.practice_sessions,
                "learning_hours": f"{goal.learning_hours.normalize():f}",
            }
        return cls(data, initial=initial)
