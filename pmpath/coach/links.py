"""Turns the engines' page names (a URL name and its arguments) into paths. The one place that
knows a page may not exist yet in this version (the trends reader), and where it lives then."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from pmpath.coach.detectors import Action

# A page name the engines use, and where to send people in order of preference.
ALIASES = {"trends": ("trends:index", "core:trends")}


def href(action: Action) -> str:
    for name in ALIASES.get(action.page, (action.page,)):
        try:
            return reverse(name, args=action.args)
        except NoReverseMatch:
            continue
    return reverse("core:home")


def form_links() -> dict[str, str]:
    """The finding forms' addresses with "KEY" for the finding's key and "ID" for a decision's
    id: reversing three addresses per finding costs more than the rest of its card."""
    return {
        "snooze": reverse("coach:snooze", args=["KEY"]),
        "dismiss": reverse("coach:dismiss", args=["KEY"]),
        "restore": reverse("coach:restore", args=[0]).replace("/0/", "/ID/"),
    }
