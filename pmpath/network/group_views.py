"""Pages for product-management groups: thin adapters over network/groups.py and
event_queries.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pmpath.core.access import owner_view
from pmpath.core.models import get_owned_or_404
from pmpath.network import event_queries as queries
from pmpath.network import groups as services
from pmpath.network.event_forms import ActivityForm, GroupForm, QuickAddForm, add_service_error
from pmpath.network.models import Group
from pmpath.network.services import NetworkError


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    return render(request, "network/groups.html", {"page": queries.groups_page(request.user)})


@login_required
@require_POST
def group_join(request: HttpRequest) -> HttpResponse:
    try:
        group, created = services.join_from_catalogue(request.user, key=request.POST.get("key", ""))
    except NetworkError as exc:
        messages.error(request, str(exc))
        return redirect("network:groups")
    word = "Now tracking" if created else "Already tracking"
    messages.success(request, f"{word} {group.name}.")
    return redirect("network:group", group.pk)


@login_required
def group_new(request: HttpRequest) -> HttpResponse:
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.create_group(request.user, **form.cleaned_data)
        except NetworkError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Tracking {group.name}.")
            return redirect("network:group", group.pk)
    return render(request, "network/group_new.html", {"form": form})


def _detail(request: HttpRequest, group: Group, **forms: object) -> dict[str, object]:
    search = request.GET.get("q", "").strip()[:100]
    initial = {f: getattr(group, f) for f in services.GROUP_FIELDS}
    return {
        "d": queries.group_detail(request.user, group, search=search),
        "group": group,
        "q": search,
        "form": forms.get("form") or GroupForm(initial=initial),
        "activity_form": forms.get("activity_form")
        or ActivityForm(initial={"occurred_on": timezone.localdate()}),
        "quick_add": forms.get("quick_add") or QuickAddForm(),
    }


@owner_view
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_owned_or_404(Group, request.user, pk=pk)
    status = 200
    form = None
    if request.method == "POST":
        form = GroupForm(request.POST)
        if form.is_valid():
            try:
                services.update_group(request.user, group_id=pk, **form.cleaned_data)
            except NetworkError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, "Saved.")
                return redirect("network:group", pk)
        status = 400
    return render(request, "network/group.html", _detail(request, group, form=form), status=status)


@owner_view
@require_POST
def group_delete(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_owned_or_404(Group, request.user, pk=pk)
    services.delete_group(request.user, group_id=pk)
    messages.success(request, f"Stopped tracking {group.name}.")
    return redirect("network:groups")


@owner_view
@require_POST
def group_activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_owned_or_404(Group, request.user, pk=pk)
    form = ActivityForm(request.POST)
    if form.is_valid():
        try:
            services.log_activity(request.user, group_id=pk, **form.cleaned_data)
        except NetworkError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Logged.")
            return redirect(reverse("network:group", args=[pk]) + "#activity")
    group.refresh_from_db()
    context = _detail(request, group, activity_form=form)
    return render(request, "network/group.html", context, status=400)


@owner_view
@require_POST
def group_activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    group_id = services.delete_activity(request.user, activity_id=pk)
    messages.success(request, "Deleted the entry.")
    return redirect(reverse("network:group", args=[group_id]) + "#activity")


@owner_view
@require_POST
def group_contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_owned_or_404(Group, request.user, pk=pk)
    form = QuickAddForm(request.POST)
    if form.is_valid():
        try:
            contact, created = services.quick_add_contact(
                request.user, group_id=pk, **form.cleaned_data
            )
        except NetworkError as exc:
            add_service_error(form, exc)
        else:
            word = "Added" if created else "Linked your existing contact"
            messages.success(request, f"{word} {contact.name}.")
            return redirect(reverse("network:group", args=[pk]) + "#people")
    context = _detail(request, group, quick_add=form)
    return render(request, "network/group.html", context, status=400)


@owner_view
@require_POST
def group_contact_link(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        contact_id = int(request.POST.get("contact", ""))
    except ValueError:
        get_owned_or_404(Group, request.user, pk=pk)
        messages.error(request, "contact: choose a contact")
        return redirect("network:group", pk)
    contact = services.link_contact(request.user, group_id=pk, contact_id=contact_id)
    messages.success(request, f"Linked {contact.name}.")
    return redirect(reverse("network:group", args=[pk]) + "#people")


@owner_view
@require_POST
def group_contact_unlink(request: HttpRequest, pk: int, contact_id: int) -> HttpResponse:
    services.unlink_contact(request.user, group_id=pk, contact_id=contact_id)
    messages.success(request, "Removed from the group's people (still in your contacts).")
    return redirect(reverse("network:group", args=[pk]) + "#people")
