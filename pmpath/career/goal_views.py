"""Weekly goals: this week's targets and progress, and the weeks before. Thin over goals.py and
goal_queries.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pmpath.career import goal_queries as gq
from pmpath.career import goals as services
from pmpath.career.goals import GoalError
from pmpath.career.growth_forms import GoalForm


@login_required
def goals(request: HttpRequest) -> HttpResponse:
    weeks = gq.recent_weeks(request.user)
    current = weeks[0]
    # No targets this week yet: start from last week's, the usual rhythm of a search.
    start_from = current.goal or gq.last_goal(request.user, current.start)
    form = GoalForm.for_goal(start_from, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_goals(request.user, week_start=current.start, **form.cleaned_data)
        except GoalError as exc:
            name, _, message = str(exc).partition(": ")
            form.add_error(name if name in form.fields else None, message or str(exc))
        else:
            messages.success(request, "This week's targets are set. Progress fills in as you go.")
            return redirect("career:goals")
    context = {
        "week": current,
        "weeks": weeks,
        "form": form,
        "suggested": current.goal is None and start_from is not None,
    }
    return render(request, "career/goals.html", context, status=400 if form.errors else 200)
