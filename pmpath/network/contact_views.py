"""Pages for contacts: the list, add and edit, one contact with its log, tags and cadence,
duplicates and merging, and "who do I know at this company?". Thin: parse, call, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pmpath.core.access import owner_view
from pmpath.core.models import get_owned_or_404
from pmpath.core.redirects import safe_next
from pmpath.network import contact_queries as queries
from pmpath.network import contacts as services
from pmpath.network import outreach
from pmpath.network.contact_forms import ContactForm, InteractionForm, PositionForm
from pmpath.network.models import CHANNELS, STRENGTHS, Contact, Interaction, Position
from pmpath.network.services import NetworkError, delete_interaction, log_interaction


def _int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _form_error(form: Any, exc: NetworkError) -> None:
    """Show a service's "field: message" on that field when the form has it."""
    name, _, message = str(exc).partition(": ")
    if message and name in form.fields:
        form.add_error(name, message)
    else:
        form.add_error(None, str(exc))


# --- the list ---------------------------------------------------------------------------------


@login_required
def contact_list(request: HttpRequest) -> HttpResponse:
    get = request.GET
    filters: dict[str, Any] = {
        "search": get.get("q", "").strip(),
        "tag_id": _int(get.get("tag")),
        "strength": _int(get.get("strength")),
        "company": get.get("company", "").strip(),
        "company_id": _int(get.get("company_id")),
        "due": get.get("due", "") if get.get("due") in queries.DUE_FILTERS else "",
        "sort": get.get("sort", "name") if get.get("sort") in queries.SORTS else "name",
    }
    rows = queries.contact_list(request.user, **filters)
    page = queries.paginate(rows, get.get("page"))
    filtered = any(v for k, v in filters.items() if k != "sort")
    context = {
        "page": page,
        "filters": filters,
        "filtered": filtered,
        "tags": queries.tags(request.user),
        "strengths": STRENGTHS,
        "due_filters": queries.DUE_FILTERS,
        "today": timezone.localdate(),
    }
    return render(request, "network/contacts.html", context)


# --- add, edit, delete ----------------------------------------------------------------------


def _contact_form_page(request: HttpRequest, contact: Contact | None) -> HttpResponse:
    if contact is None:
        initial: dict[str, Any] = {"strength": 1}
        selected: list[int] = []
    else:
        initial = {
            name: getattr(contact, name)
            for name in (
                "first_name", "last_name", "headline", "role", "email", "phone",
                "linkedin_url", "how_met", "strength", "cadence_days", "notes",
            )
        }  # fmt: skip
        initial["company"] = contact.company_name
        initial["tags"] = ", ".join(t.name for t in contact.tags.all())
        selected = [c.pk for c in contact.can_open.all()]
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST":
        selected = [i for i in (_int(v) for v in request.POST.getlist("can_open")) if i]
        if form.is_valid():
            try:
                saved = services.save_contact(
                    request.user,
                    contact_id=contact.pk if contact else None,
                    can_open_ids=selected,
                    **form.cleaned_data,
                )
            except NetworkError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, f"Saved {saved.name}.")
                return redirect("network:contact", saved.pk)
    context = {
        "form": form,
        "contact": contact,
        "companies": queries.opener_choices(request.user, selected),
        "selected": set(selected),
    }
    return render(request, "network/contact_form.html", context)


@login_required
def contact_new(request: HttpRequest) -> HttpResponse:
    return _contact_form_page(request, None)


@owner_view
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _contact_form_page(request, queries.contact_for_page(request.user, pk))


@owner_view
def contact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_owned_or_404(Contact, request.user, pk=pk)
    if request.method == "POST":
        name = services.delete_contact(request.user, contact_id=pk)
        messages.success(request, f"Deleted {name} and their interactions.")
        return redirect("network:contacts")
    count = contact.interactions.count()
    return render(request, "network/contact_delete.html", {"contact": contact, "count": count})


# --- one contact ------------------------------------------------------------------------------


def _detail(request: HttpRequest, contact: Contact, **forms: Any) -> HttpResponse:
    today = timezone.localdate()
    page = queries.contact_page(request.user, contact)
    context = {
        "contact": contact,
        "page": page,
        "log_form": forms.get("log_form") or InteractionForm(initial={"occurred_on": today}),
        "position_form": forms.get("position_form") or PositionForm(),
        "today": today,
    }
    status = 400 if forms else 200
    return render(request, "network/contact.html", context, status=status)


@owner_view
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, queries.contact_for_page(request.user, pk))


@owner_view
@require_POST
def contact_log(request: HttpRequest, pk: int) -> HttpResponse:
    contact = queries.contact_for_page(request.user, pk)
    form = InteractionForm(request.POST)
    if form.is_valid():
        try:
            log_interaction(
                request.user,
                contact_id=pk,
                application_id=_int(request.POST.get("application")),
                **form.cleaned_data,
            )
        except NetworkError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"Logged. {contact.name}'s stay-in-touch clock restarted.")
            return redirect("network:contact", pk)
    return _detail(request, contact, log_form=form)


@owner_view
@require_POST
def contact_touch(request: HttpRequest, pk: int) -> HttpResponse:
    """One click from a due list: we were in touch today."""
    contact = get_owned_or_404(Contact, request.user, pk=pk)
    channel = request.POST.get("channel") or "other"
    log_interaction(
        request.user,
        contact_id=pk,
        channel=channel if channel in dict(CHANNELS) else "other",
        summary=request.POST.get("summary") or "Got in touch.",
    )
    messages.success(request, f"Logged a touch with {contact.name}.")
    return redirect(safe_next(request, reverse("network:index")))


@owner_view
@require_POST
def interaction_delete(request: HttpRequest, pk: int) -> HttpResponse:
    interaction = get_owned_or_404(Interaction, request.user, pk=pk)
    delete_interaction(request.user, interaction_id=pk)
    messages.success(request, "Deleted the interaction.")
    return redirect("network:contact", interaction.contact_id)


@owner_view
@require_POST
def interaction_replied(request: HttpRequest, pk: int) -> HttpResponse:
    replied = request.POST.get("replied", "1") == "1"
    try:
        interaction = outreach.mark_replied(request.user, interaction_id=pk, replied=replied)
    except NetworkError as exc:
        return HttpResponse(str(exc), status=400)
    messages.success(request, "Marked as replied." if replied else "Reply taken back.")
    return redirect(safe_next(request, reverse("network:contact", args=[interaction.contact_id])))


@owner_view
@require_POST
def position_add(request: HttpRequest, pk: int) -> HttpResponse:
    contact = queries.contact_for_page(request.user, pk)
    form = PositionForm(request.POST)
    if form.is_valid():
        try:
            services.add_position(request.user, contact_id=pk, **form.cleaned_data)
        except NetworkError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Added the position.")
            return redirect("network:contact", pk)
    return _detail(request, contact, position_form=form)


@owner_view
@require_POST
def position_delete(request: HttpRequest, pk: int) -> HttpResponse:
    position: Position = services.delete_position(request.user, position_id=pk)
    messages.success(request, f"Removed {position.company_name}.")
    return redirect("network:contact", position.contact_id)


# --- tags ---------------------------------------------------------------------------------


@login_required
def tag_list(request: HttpRequest) -> HttpResponse:
    return render(request, "network/tags.html", {"tags": queries.tags_with_counts(request.user)})


@owner_view
@require_POST
def tag_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        if "name" in request.POST:
            services.rename_tag(request.user, tag_id=pk, name=request.POST["name"])
        tag = services.set_tag_cadence(
            request.user, tag_id=pk, cadence_days=request.POST.get("cadence_days", "").strip()
        )
    except NetworkError as exc:
        messages.error(request, str(exc))
    else:
        every = f"every {tag.cadence_days} days" if tag.cadence_days else "no cadence"
        messages.success(request, f"Saved {tag.name}: {every}.")
    return redirect("network:tags")


@owner_view
@require_POST
def tag_delete(request: HttpRequest, pk: int) -> HttpResponse:
    name = services.delete_tag(request.user, tag_id=pk)
    messages.success(request, f"Deleted the tag {name}; the contacts keep everything else.")
    return redirect("network:tags")


# --- duplicates and merging -------------------------------------------------------------------


@login_required
def duplicate_list(request: HttpRequest) -> HttpResponse:
    groups = queries.duplicates(request.user)
    return render(request, "network/duplicates.html", {"groups": groups})


@login_required
@require_POST
def merge(request: HttpRequest) -> HttpResponse:
    keep_id = _int(request.POST.get("keep"))
    others = [i for i in (_int(v) for v in request.POST.getlist("contacts")) if i]
    if keep_id is None:
        messages.error(request, "keep: choose the contact to keep")
        return redirect(safe_next(request, reverse("network:duplicates")))
    try:
        kept = services.merge_contacts(request.user, keep_id=keep_id, other_ids=others)
    except NetworkError as exc:
        messages.error(request, str(exc))
        return redirect(safe_next(request, reverse("network:duplicates")))
    messages.success(request, f"Merged into {kept.name}.")
    return redirect("network:contact", kept.pk)


@owner_view
def contact_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge this contact with one the person picks: search, compare, confirm."""
    contact = queries.contact_for_page(request.user, pk)
    other_id = _int(request.GET.get("other"))
    other = None
    if other_id is not None and other_id != contact.pk:
        other = queries.contact_for_page(request.user, other_id)
    search = request.GET.get("q", "").strip()
    candidates = [] if other else queries.merge_candidates(request.user, contact, search)
    context = {"contact": contact, "other": other, "candidates": candidates, "q": search}
    return render(request, "network/contact_merge.html", context)
