"""Every form on a page carries the same masked CSRF token, worked out once per request
(pmpath/core/context.py), and that token is accepted; a page that prints none sets no cookie."""

import re

from django.test import Client
from django.urls import reverse

from pmpath.accounts.services import create_token


def test_a_page_of_many_forms_masks_one_token_for_all_and_it_is_accepted(alice):
    for number in range(3):
        create_token(alice, name=f"token {number}")
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    html = client.get(reverse("accounts:settings")).content.decode()
    fields = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    header = re.findall(r'"X-CSRFToken": "([^"]+)"', html)
    assert len(fields) >= 4  # one per token's revoke button, and the page's own forms
    assert set(fields) == set(header) and len(set(fields)) == 1
    answer = client.post(reverse("accounts:settings"), {"csrfmiddlewaretoken": fields[0]})
    assert answer.status_code != 403
    refused = client.post(reverse("accounts:settings"), {"csrfmiddlewaretoken": "x" * 64})
    assert refused.status_code == 403


def test_each_request_gets_its_own_masking(alice_client):
    first, second = (
        re.search(r'"X-CSRFToken": "([^"]+)"', alice_client.get("/").content.decode()).group(1)
        for _ in range(2)
    )
    assert first != second  # masked afresh per request, as Django does (BREACH)
