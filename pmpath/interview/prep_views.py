"""The company prep page of an application: research, stories, likely questions, questions to
ask, the "why this company" answer and the rounds coming up. Thin over prep.py."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pmpath.core.access import owner_view
from pmpath.core.models import get_owned_or_404
from pmpath.interview import prep as services
from pmpath.interview.practice_queries import CATEGORY_NAMES
from pmpath.interview.practice_views import target_level
from pmpath.interview.prep import NOTE_MAX, PrepError
from pmpath.jobs.models import Application
from pmpath.trends import queries as trends_queries


class PrepForm(forms.Form):
    why_company = forms.CharField(
        label="Why this company?",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Your answer in your own words: what they do that you care about, what you "
        "would bring, and one thing you learned from your research that nobody else will say.",
    )
    notes = forms.CharField(
        label="Other prep notes",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


@owner_view
def prep(request: HttpRequest, pk: int) -> HttpResponse:
    found = services.prep_for(request.user, pk, level=target_level(request.user))
    initial = {
        "why_company": found.note.why_company if found.note else "",
        "notes": found.note.notes if found.note else "",
    }
    form = PrepForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_note(request.user, application_id=pk, **form.cleaned_data)
        except PrepError as exc:
            name, _, message = str(exc).partition(": ")
            form.add_error(name if name in form.fields else None, message or str(exc))
        else:
            messages.success(request, "Saved your prep notes.")
            return redirect("interview:prep", pk)
    context = {
        "prep": found,
        "form": form,
        "category_names": CATEGORY_NAMES,
        "talking_points": trends_queries.talking_points(request.user, limit=5),
    }
    return render(request, "interview/prep.html", context)


@owner_view
@require_POST
def prep_story(request: HttpRequest, pk: int) -> HttpResponse:
    get_owned_or_404(Application, request.user, pk=pk)  # someone else's application: 404
    story_id = request.POST.get("story", "")
    if not story_id.isdigit():
        messages.error(request, "Choose a story to add.")
        return redirect("interview:prep", pk)
    try:
        services.choose_story(request.user, application_id=pk, story_id=int(story_id))
    except PrepError as exc:
        messages.error(request, str(exc).partition(": ")[2] or str(exc))
    else:
        messages.success(request, "Added the story to this prep.")
    return redirect("interview:prep", pk)
