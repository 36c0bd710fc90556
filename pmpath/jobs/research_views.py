"""Companies and their research briefs: thin views over research_services and
research_queries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pmpath.core.access import owner_view
from pmpath.core.models import get_owned_or_404
from pmpath.jobs import queries, research_queries, research_services
from pmpath.jobs.models import Company, ResearchBrief
from pmpath.jobs.research_forms import BRIEF_GUIDE, AddCompanyForm, BriefForm, CompanyForm
from pmpath.jobs.services import JobsError
from pmpath.network import contact_queries as network


def _field_error(form: object, exc: JobsError) -> None:
    """A service's "field: message" onto the form field it names (or the whole form)."""
    name, _, message = str(exc).partition(": ")
    fields = getattr(form, "fields", {})
    if message and name in fields:
        form.add_error(name, message)  # type: ignore[attr-defined]
    else:
        form.add_error(None, str(exc))  # type: ignore[attr-defined]


@login_required
def companies(request: HttpRequest) -> HttpResponse:
    add = AddCompanyForm(request.POST or None)
    if request.method == "POST" and add.is_valid():
        try:
            company = research_services.add_company(request.user, name=add.cleaned_data["name"])
        except JobsError as exc:
            _field_error(add, exc)
        else:
            return redirect("jobs:company_research", company.pk)
    search = request.GET.get("q", "").strip()
    page = queries.paginate(
        research_queries.companies(request.user, search=search), request.GET.get("page")
    )
    research_queries.annotate_companies(request.user, page.object_list)
    context = {"page": page, "q": search, "add": add, "sections": len(ResearchBrief.FIELDS)}
    return render(request, "jobs/companies.html", context)


@owner_view
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_owned_or_404(Company, request.user, pk=pk)
    initial = {
        "name": company.name,
        "website": company.website,
        "aliases": "\n".join(str(a) for a in company.aliases),
        "notes": company.notes,
    }
    form = CompanyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            research_services.update_company(request.user, company_id=pk, **form.cleaned_data)
        except JobsError as exc:
            _field_error(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect("jobs:company", pk)
    context = {
        "company": company,
        "form": form,
        "applications": research_queries.company_applications(request.user, company),
        "completeness": research_queries.completeness_by_company(request.user, [pk]).get(pk),
        "who": network.who_i_know(request.user, company),
    }
    return render(request, "jobs/company.html", context)


@owner_view
def company_research(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_owned_or_404(Company, request.user, pk=pk)
    brief = research_queries.brief_for(request.user, company)
    form = BriefForm(
        request.POST or None, initial={name: getattr(brief, name) for name in BRIEF_GUIDE}
    )
    if request.method == "POST" and form.is_valid():
        try:
            brief = research_services.save_brief(request.user, company_id=pk, **form.cleaned_data)
        except JobsError as exc:
            _field_error(form, exc)
        else:
            messages.success(request, f"Saved: {brief.completeness}% of the brief is written.")
            return redirect("jobs:company_research", pk)
    context = {
        "company": company,
        "brief": brief,
        "form": form,
        "applications": research_queries.company_applications(request.user, company),
    }
    return render(request, "jobs/company_research.html", context)
