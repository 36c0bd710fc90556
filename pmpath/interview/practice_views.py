"""Practice pages: pick a question, answer it against the clock with an autosaved draft, see
the feedback, rate yourself and compare with the model points. Thin over practice.py (writes)
and practice_queries.py (reads)."""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from pmpath.career import queries as career
from pmpath.core.access import owner_view
from pmpath.core.htmx import is_htmx
from pmpath.core.models import get_owned_or_404
from pmpath.interview import knowledge, markup, practice, practice_queries, scheduling
from pmpath.interview.models import Attempt, Mock, Question
from pmpath.interview.practice import PracticeError
from pmpath.interview.practice_forms import AnswerForm, PickForm, RateForm


def _form_error(form: Any, exc: PracticeError) -> None:
    name, _, message = str(exc).partition(": ")
    if message and name in form.fields:
        form.add_error(name, message)
    else:
        form.add_error(None, str(exc))


def target_level(user: Any) -> str:
    profile = career.profile_for(user)
    return profile.target_level if profile else ""


@login_required
def pick(request: HttpRequest) -> HttpResponse:
    form = PickForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    chosen = {k: v for k, v in filters.items() if v}
    due = request.GET.get("due") == "1" or not chosen
    context: dict[str, Any] = {"form": form, "due": due, "filters": chosen}
    if due:
        context["queue"] = practice_queries.due_queue(
            request.user, level=target_level(request.user)
        )
    else:
        context["page"] = practice_queries.picker(
            request.user, **chosen, page=request.GET.get("page")
        )
    context["category_names"] = practice_queries.CATEGORY_NAMES
    return render(request, "interview/practice_pick.html", context)


def answer_context(
    request: HttpRequest, question: Question, form: AnswerForm, mock: Mock | None = None
) -> dict[str, Any]:
    """What the answer editor needs, for a practice page or a mock's item."""
    draft = practice.draft_for(request.user, question, mock=mock)
    if not form.is_bound:
        form = AnswerForm(
            initial={
                "answer": draft.answer if draft else "",
                "spoken_notes": draft.spoken_notes if draft else "",
                "started": round(time.time(), 3),
                "elapsed_before": (draft.duration_seconds or 0) if draft else 0,
                "mock": mock.pk if mock else None,
            }
        )
    framework = knowledge.framework_for(question)
    return {
        "question": question,
        "form": form,
        "draft": draft,
        "framework": framework,
        "time_limit": knowledge.time_limit(question),
        "elapsed_before": form["elapsed_before"].value() or 0,
        "category_names": practice_queries.CATEGORY_NAMES,
        "level_names": practice_queries.LEVEL_NAMES,
    }


def duration_from(form: AnswerForm) -> int | None:
    data = form.cleaned_data
    return practice.elapsed_seconds(data.get("started"), data.get("elapsed_before"), timezone.now())


@owner_view
def practise(request: HttpRequest, pk: int) -> HttpResponse:
    question = practice.visible_question(request.user, pk)
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = practice.submit_attempt(
                request.user,
                question_id=question.pk,
                answer=form.cleaned_data["answer"],
                spoken_notes=form.cleaned_data["spoken_notes"],
                duration_seconds=duration_from(form),
            )
        except PracticeError as exc:
            _form_error(form, exc)
        else:
            return redirect("interview:attempt", attempt.pk)
    context = answer_context(request, question, form)
    context["card"] = practice_queries.card_for(request.user, question)
    context["history"] = practice_queries.history(request.user, question)
    return render(request, "interview/practice.html", context)


@owner_view
@require_POST
def save_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Autosave (htmx, every few seconds and on leaving the editor) and the no-JavaScript
    "Save draft" button. An htmx request gets a one-line status back."""
    question = practice.visible_question(request.user, pk)
    form = AnswerForm(request.POST)
    error = ""
    draft = None
    if form.is_valid():
        try:
            draft = practice.save_draft(
                request.user,
                question_id=question.pk,
                answer=form.cleaned_data["answer"],
                spoken_notes=form.cleaned_data["spoken_notes"],
                duration_seconds=duration_from(form),
                mock_id=form.cleaned_data.get("mock"),
            )
        except PracticeError as exc:
            error = str(exc).partition(": ")[2] or str(exc)
    else:
        error = "; ".join(str(e) for errors in form.errors.values() for e in errors)
    if is_htmx(request):
        saved_at = timezone.localtime(draft.updated_at) if draft else None
        context = {"saved_at": saved_at, "error": error}
        return render(request, "interview/_draft_status.html", context)
    if draft:
        messages.success(request, "Draft saved. It will be here when you come back.")
    else:
        messages.error(request, f"The draft was not saved: {error}")
    mock_id = form.cleaned_data.get("mock") if form.is_valid() else None
    if mock_id:
        return redirect("interview:mock_run", mock_id)
    return redirect("interview:practice", question.pk)


def rate_form(attempt: Attempt, framework: Any, data: Any = None) -> RateForm:
    rubric = framework.rubric if framework else []
    initial: dict[str, Any] = {"rating": attempt.rating, "self_review": attempt.self_review}
    initial.update({f"rubric_{k}": v for k, v in (attempt.rubric or {}).items()})
    return RateForm(data, rubric=rubric, initial=initial)


@owner_view
def attempt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    attempt: Attempt = get_owned_or_404(
        Attempt.objects.select_related("question", "mock"), request.user, pk=pk
    )
    if attempt.submitted_at is None:
        return redirect("interview:practice", attempt.question_id)
    framework = knowledge.framework_for(attempt.question)
    form = rate_form(attempt, framework, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            attempt, card = practice.rate_attempt(
                request.user,
                attempt_id=attempt.pk,
                rating=form.cleaned_data["rating"],
                rubric=form.rubric_values(),
                rubric_keys=form.rubric_keys,
                self_review=form.cleaned_data["self_review"],
            )
        except PracticeError as exc:
            _form_error(form, exc)
        else:
            if card is not None:
                name = scheduling.RATING_NAMES[card.last_rating or 0]
                when = scheduling.describe_interval(card.due_at, timezone.now())
                day = timezone.localtime(card.due_at).strftime("%a %d %b")
                messages.success(request, f"Rated {name}: next practice {when} ({day}).")
            else:
                messages.success(request, "Saved your self-review.")
            return redirect("interview:attempt", attempt.pk)
    card = practice_queries.card_for(request.user, attempt.question)
    now = timezone.now()
    previews = {}
    if attempt.rating is None:
        state = card.state if card else None
        previews = {
            r: scheduling.describe_interval(due, now)
            for r, due in scheduling.preview(state, now=now, card_id=attempt.question_id).items()
        }
    context = {
        "attempt": attempt,
        "question": attempt.question,
        "feedback": attempt.feedback or {},
        "framework": framework,
        "time_limit": knowledge.time_limit(attempt.question),
        "form": form,
        "card": card,
        "previews": previews,
        "rating_names": scheduling.RATING_NAMES,
        "rating_hints": scheduling.RATING_HINTS,
        "category_names": practice_queries.CATEGORY_NAMES,
        "level_names": practice_queries.LEVEL_NAMES,
        "answer_html": markup.render(attempt.answer),
    }
    return render(request, "interview/attempt.html", context)
