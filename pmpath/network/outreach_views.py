"""Pages for outreach: the templates (with their response rates) and the draft for one contact,
copied in one click and logged as sent."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pmpath.core.access import owner_view
from pmpath.core.models import get_owned_or_404
from pmpath.network import contact_queries, outreach
from pmpath.network.contact_forms import TemplateForm
from pmpath.network.contact_views import _form_error, _int
from pmpath.network.drafts import count
from pmpath.network.models import CHANNELS, Contact, OutreachTemplate
from pmpath.network.services import NetworkError


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    templates = outreach.ensure_templates(request.user)
    stats = outreach.template_stats(request.user)
    rows = [(t, stats.get(t.pk, outreach.TemplateStats())) for t in templates]
    total = outreach.TemplateStats(sum(s.sent for _, s in rows), sum(s.replied for _, s in rows))
    return render(request, "network/templates.html", {"rows": rows, "total": total})


def _template_page(request: HttpRequest, template: OutreachTemplate | None) -> HttpResponse:
    initial = {"kind": "connection"}
    if template is not None:
        initial = {"kind": template.kind, "name": template.name, "body": template.body}
    form = TemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = outreach.save_template(
                request.user, template_id=template.pk if template else None, **form.cleaned_data
            )
        except NetworkError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"Saved the template {saved.name}.")
            return redirect("network:templates")
    body = form["body"].value() or ""
    context = {
        "form": form,
        "template": template,
        "length": count(body),
    }
    return render(request, "network/template_form.html", context)


@login_required
def template_new(request: HttpRequest) -> HttpResponse:
    return _template_page(request, None)


@owner_view
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _template_page(request, get_owned_or_404(OutreachTemplate, request.user, pk=pk))


@owner_view
@require_POST
def template_delete(request: HttpRequest, pk: int) -> HttpResponse:
    name = outreach.delete_template(request.user, template_id=pk)
    messages.success(request, f"Deleted the template {name}. Messages sent with it stay logged.")
    return redirect("network:templates")


@owner_view
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft for one contact: pick a template and an application, adjust the shared
    context and the ask, then copy it and mark it as sent."""
    contact = contact_queries.contact_for_page(request.user, pk)
    get = request.GET
    choice = outreach.DraftRequest(
        template_id=_int(get.get("template")),
        kind=get.get("kind", ""),
        application_id=_int(get.get("application")),
        context=get.get("context"),
        ask=get.get("ask"),
    )
    page = outreach.build_draft(request.user, contact=contact, request=choice)
    applications = contact_queries.applications_for(request.user, contact)
    if page.application and page.application not in applications:
        applications.insert(0, page.application)
    context = {
        "contact": contact,
        "page": page,
        "applications": applications,
        "channels": CHANNELS,
        "default_channel": "linkedin"
        if page.template is None or page.template.kind == "connection"
        else "email",
    }
    return render(request, "network/outreach.html", context)


@owner_view
@require_POST
def draft_sent(request: HttpRequest, pk: int) -> HttpResponse:
    get_owned_or_404(Contact, request.user, pk=pk)
    try:
        outreach.mark_sent(
            request.user,
            contact_id=pk,
            text=request.POST.get("text", ""),
            template_id=_int(request.POST.get("template")),
            application_id=_int(request.POST.get("application")),
            channel=request.POST.get("channel", ""),
        )
    except NetworkError as exc:
        messages.error(request, str(exc))
        return redirect("network:outreach", pk)
    messages.success(request, "Logged as sent. The stay-in-touch clock restarted.")
    return redirect("network:contact", pk)
