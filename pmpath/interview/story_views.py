"""The story bank's pages: the list with its coverage grid, a story's editor with its checks,
and where it was told. Thin over stories.py and story_queries.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pmpath.core.access import owner_view
from pmpath.core.models import get_owned_or_404
from pmpath.core.redirects import safe_next
from pmpath.interview import stories as services
from pmpath.interview import story_queries as queries
from pmpath.interview.models import Story
from pmpath.interview.stories import StoryError
from pmpath.interview.story_checks import LONGEST, SHORTEST
from pmpath.interview.story_forms import StoryForm, UseForm


def _form_error(form: Any, exc: StoryError) -> None:
    name, _, message = str(exc).partition(": ")
    if message and name in form.fields:
        form.add_error(name, message)
    else:
        form.add_error(None, str(exc))


def _use_form(user: Any, data: Any = None) -> UseForm:
    return UseForm(
        data,
        questions=queries.question_choices(user),
        companies=queries.company_choices(user),
        applications=queries.application_choices(user),
    )


@login_required
def story_list(request: HttpRequest) -> HttpResponse:
    context = {
        "page": queries.stories(request.user, page=request.GET.get("page")),
        "cells": queries.coverage(request.user),
        "shortest": SHORTEST,
        "longest": LONGEST,
    }
    return render(request, "interview/stories.html", context)


@login_required
def story_new(request: HttpRequest) -> HttpResponse:
    form = StoryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            story = services.save_story(request.user, **form.cleaned_data)
        except StoryError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Story saved. The checks beside it say what to tighten.")
            return redirect("interview:story", story.pk)
    return render(request, "interview/story.html", {"form": form, "story": None})


@owner_view
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_owned_or_404(Story, request.user, pk=pk)
    initial = {name: getattr(story, name) for name in StoryForm().fields}
    form = StoryForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_story(request.user, story_id=pk, **form.cleaned_data)
        except StoryError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect("interview:story", pk)
    context = {
        "form": form,
        "story": story,
        "report": queries.report(story),
        "uses": queries.uses_of(request.user, story),
        "use_form": _use_form(request.user),
    }
    return render(request, "interview/story.html", context)


@owner_view
@require_POST
def story_delete(request: HttpRequest, pk: int) -> HttpResponse:
    title = services.delete_story(request.user, story_id=pk)
    messages.success(request, f"Deleted the story “{title}”.")
    return redirect("interview:stories")


@owner_view
@require_POST
def story_use_add(request: HttpRequest, pk: int) -> HttpResponse:
    get_owned_or_404(Story, request.user, pk=pk)
    form = _use_form(request.user, request.POST)
    if form.is_valid():
        try:
            data = form.cleaned_data
            services.add_use(
                request.user,
                story_id=pk,
                question_id=data["question"],
                company_id=data["company"],
                application_id=data["application"],
                used_on=data["used_on"],
            )
        except StoryError as exc:
            messages.error(request, str(exc).partition(": ")[2] or str(exc))
        else:
            messages.success(request, "Noted where you use this story.")
    else:
        problems = "; ".join(f"{k}: {' '.join(str(e) for e in v)}" for k, v in form.errors.items())
        messages.error(request, f"Not added: {problems}")
    return redirect(safe_next(request, reverse("interview:story", args=[pk]) + "#uses"))


@owner_view
@require_POST
def story_use_delete(request: HttpRequest, pk: int) -> HttpResponse:
    use = services.remove_use(request.user, use_id=pk)
    messages.success(request, "Removed.")
    return redirect(safe_next(request, reverse("interview:story", args=[use.story_id]) + "#uses"))
