"""The portfolio index keeps each row's HTML until what the row shows changes: a repeat visit
shows the same page, and any change (title, publishing, order, images) shows at once. Each
browser's forms carry its own CSRF token."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from pmpath.portfolio.models import CaseStudy
from tests.portfolio.factories import make_case

URL = "/portfolio/"


def page(client) -> str:
    return client.get(URL).content.decode()


def without_tokens(html: str) -> str:
    """The page less its CSRF tokens, which Django masks afresh on every render."""
    return re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "", html)


def test_a_repeat_visit_shows_the_same_rows(alice, alice_client):
    make_case(alice, title="Checkout redesign")
    make_case(alice, title="Onboarding funnel", slug="onboarding")
    first = page(alice_client)
    assert "Checkout redesign" in first and "Onboarding funnel" in first
    assert without_tokens(page(alice_client)) == without_tokens(first)


def test_a_change_to_a_case_study_shows_at_once(alice, alice_client):
    case = make_case(alice, title="Checkout redesign")
    assert "Checkout redesign" in page(alice_client)
    CaseStudy.objects.filter(pk=case.pk).update(title="Checkout rebuilt")  # no updated_at
    shown = page(alice_client)
    assert "Checkout rebuilt" in shown and "Checkout redesign" not in shown
    alice_client.post(reverse("portfolio:case_publish", args=[case.pk]), {"published": "0"})
    assert "Make private" not in page(alice_client)


def test_the_first_and_last_rows_move_with_the_order(alice, alice_client):
    make_case(alice, title="A")
    b = make_case(alice, title="B", slug="b")
    page(alice_client)
    alice_client.post(reverse("portfolio:case_move", args=[b.pk]), {"direction": "up"})
    shown = page(alice_client)
    assert re.search(r'aria-label="Move B up" disabled', shown)
    assert re.search(r'aria-label="Move A down" disabled', shown)


def test_each_browser_gets_its_own_csrf_token_in_every_row(alice, alice_client):
    make_case(alice, title="Checkout redesign")
    page(alice_client)  # the rows are now kept
    other = Client(enforce_csrf_checks=True)
    other.force_login(alice)
    shown = page(other)
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', shown))
    assert tokens and "\x00" not in shown
    case = CaseStudy.objects.get(user=alice)
    answer = other.post(
        reverse("portfolio:case_publish", args=[case.pk]),
        {"published": "0", "csrfmiddlewaretoken": tokens.pop()},
    )
    assert answer.status_code == 302
