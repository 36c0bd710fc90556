"""Mock interview pages: make one, run it one question at a time against the clock, read the
report. Thin over mocks.py and mock_queries.py; answers go through practice.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pmpath.core.access import owner_view
from pmpath.core.models import get_owned_or_404
from pmpath.core.widgets import Choices, QuickSelect
from pmpath.interview import knowledge, mock_queries, mocks, practice
from pmpath.interview.mocks import MockError
from pmpath.interview.models import LEVELS, Mock
from pmpath.interview.practice import PracticeError
from pmpath.interview.practice_forms import AnswerForm
from pmpath.interview.practice_queries import CATEGORY_NAMES, LEVEL_NAMES
from pmpath.interview.practice_views import answer_context, duration_from, target_level
from pmpath.interview.story_queries import application_choices, company_choices


class MockForm(forms.Form):
    application = forms.TypedChoiceField(
        label="For an application",
        required=False,
        coerce=int,
        empty_value=None,
        widget=QuickSelect,
    )
    company = forms.TypedChoiceField(
        label="Or a company", required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    level = forms.ChoiceField(label="Level", choices=[(k, LEVEL_NAMES[k]) for k in LEVELS])

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["application"].choices = Choices([("", "None"), *application_choices(user)])
        fields["company"].choices = Choices([("", "Any company"), *company_choices(user)])


@login_required
def mock_list(request: HttpRequest) -> HttpResponse:
    initial: dict[str, Any] = {"level": target_level(request.user) or "pm"}
    if request.GET.get("application", "").isdigit():
        initial["application"] = int(request.GET["application"])
    form = MockForm(
        request.POST if request.method == "POST" else None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            mock = mocks.create_mock(
                request.user,
                application_id=form.cleaned_data["application"],
                company_id=form.cleaned_data["company"],
                level=form.cleaned_data["level"],
            )
        except MockError as exc:
            name, _, message = str(exc).partition(": ")
            form.add_error(name if name in form.fields else None, message or str(exc))
        else:
            return redirect("interview:mock", mock.pk)
    context = {
        "form": form,
        "page": mock_queries.mocks(request.user, page=request.GET.get("page")),
        "plan": [CATEGORY_NAMES[c] for c in mocks.PLAN],
    }
    return render(request, "interview/mocks.html", context)


@owner_view
def mock_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mock: Mock = get_owned_or_404(
        Mock.objects.select_related("company", "application"), request.user, pk=pk
    )
    report = mock_queries.report(mock)
    context = {
        "mock": mock,
        "report": report,
        "category_names": CATEGORY_NAMES,
        "level_names": LEVEL_NAMES,
    }
    return render(request, "interview/mock.html", context)


@owner_view
@require_POST
def mock_start(request: HttpRequest, pk: int) -> HttpResponse:
    mocks.start(request.user, mock_id=pk)
    return redirect("interview:mock_run", pk)


@owner_view
def mock_run(request: HttpRequest, pk: int) -> HttpResponse:
    """One page per question: the next unanswered item. Submitting moves to the next; after
    the last, the report."""
    mock: Mock = get_owned_or_404(Mock, request.user, pk=pk)
    items = mock_queries.items_of(mock)
    answers = mock_queries.answers_of(mock)
    item = mock_queries.next_item(items, answers)
    if item is None:
        return redirect("interview:mock", pk)
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        posted = request.POST.get("question")
        if posted != str(item.question_id):  # a second click on an answered item
            return redirect("interview:mock_run", pk)
        try:
            practice.submit_attempt(
                request.user,
                question_id=item.question_id,
                answer=form.cleaned_data["answer"],
                spoken_notes=form.cleaned_data["spoken_notes"],
                duration_seconds=duration_from(form),
                mock_id=mock.pk,
            )
        except PracticeError as exc:
            name, _, message = str(exc).partition(": ")
            form.add_error(name if name in form.fields else None, message or str(exc))
        else:
            if mock_queries.next_item(items, {**answers, item.question_id: None}) is None:  # type: ignore[dict-item]
                messages.success(request, "That was the last question. Here is your report.")
                return redirect("interview:mock", pk)
            return redirect("interview:mock_run", pk)
    context = answer_context(request, item.question, form, mock=mock)
    context.update(
        {
            "mock": mock,
            "item": item,
            "items": items,
            "position": items.index(item) + 1,
            "time_limit": knowledge.time_limit(item.question),
        }
    )
    return render(request, "interview/mock_run.html", context)


@owner_view
@require_POST
def mock_delete(request: HttpRequest, pk: int) -> HttpResponse:
    title = mocks.delete_mock(request.user, mock_id=pk)
    messages.success(request, f"Deleted “{title}”. Its answers stay in your practice history.")
    return redirect("interview:mocks")
