"""The learning plan: resources proposed for the largest gaps, and the candidate's enrolments
with their progress. Thin views over learning_queries and resource_services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pmpath.career import learning_queries
from pmpath.career import resource_queries as rq
from pmpath.career import resource_services as services
from pmpath.career.resource_forms import EnrolmentForm
from pmpath.core.access import owner_view


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    plan = learning_queries.plan(request.user)
    labels = rq.labels()
    rq.decorate(plan.resources.values(), labels)
    context = {"plan": plan, "labels": labels}
    return render(request, "career/plan.html", context)


@owner_view
def enrolment(request: HttpRequest, pk: int) -> HttpResponse:
    item = rq.enrolment_or_404(request.user, pk)
    form = EnrolmentForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_enrolment(request.user, item, **form.cleaned_data)
        except services.ResourceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"Progress on {item.resource.name} is saved.")
            return redirect("career:plan")
    return render(request, "career/enrolment.html", {"form": form, "enrolment": item})


@owner_view
@require_POST
def enrolment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = rq.enrolment_or_404(request.user, pk)
    services.delete_enrolment(request.user, item)
    messages.success(request, f"{item.resource.name} is off your plan.")
    return redirect("career:plan")
