"""The dashboard and the coach page, snooze / dismiss / restore (alice owns, bob is another
user, charlie is anonymous: both get 404 on alice's findings and decisions, on write), and the
query-count guard on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from pmpath.coach.models import Decision
from tests.coach.factories import applied, plant
from tests.jobs.factories import bulk_applications
from tests.perf import assert_constant_queries

pytestmark = pytest.mark.django_db


def follow_up_key(app) -> str:
    return f"application_follow_up:application:{app.pk}"


def test_the_dashboard_shows_findings_next_actions_and_the_cards(alice_client, alice):
    p = plant(alice)
    page = alice_client.get("/").content.decode()
    assert "Next actions" in page and "The coach noticed" in page
    assert "No follow-up on PM, Payments at Northwind" in page
    assert f'href="/jobs/applications/{p["waiting"].pk}/"' in page
    assert "Readiness" in page and "Pipeline" in page and "Practice" in page
    assert "Networking" in page and "New matching jobs" in page and "Industry trends" in page
    assert "dashboard-data" in page  # the charts' figures, drawn by dashboard.js
    assert "<script>" not in page  # no inline scripts (the content security policy)


def test_a_new_candidates_dashboard_explains_each_card(alice_client):
    page = alice_client.get("/").content.decode()
    assert "No applications yet." in page
    assert "No practice yet." in page
    assert "Rate yourself against" in page
    assert "Watch your target companies" in page
    assert "Follow a few product publications" in page


def test_the_coach_page_lists_findings_with_their_evidence(alice_client, alice):
    p = plant(alice)
    page = alice_client.get("/coach/").content.decode()
    assert "Applied 12 days ago" in page
    assert f'data-finding="{follow_up_key(p["waiting"])}"' in page
    assert "None. Snooze a finding" in page


def test_snoozing_hides_a_finding_until_the_day_and_it_can_be_restored(alice_client, alice):
    p = plant(alice)
    key = follow_up_key(p["waiting"])
    response = alice_client.post(f"/coach/findings/{key}/snooze/", {"days": "7", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    decision = Decision.objects.get(user=alice)
    assert decision.key == key
    assert decision.snoozed_until == timezone.localdate() + timedelta(days=7)
    assert f'data-finding="{key}"' not in alice_client.get("/").content.decode()
    coach = alice_client.get("/coach/").content.decode()
    assert "Snoozed until" in coach and f"/coach/decisions/{decision.pk}/restore/" in coach
    alice_client.post(f"/coach/decisions/{decision.pk}/restore/")
    assert not Decision.objects.filter(user=alice).exists()
    assert f'data-finding="{key}"' in alice_client.get("/").content.decode()


def test_dismissing_over_htmx_answers_with_the_partial(alice_client, alice):
    p = plant(alice)
    key = follow_up_key(p["waiting"])
    response = alice_client.post(f"/coach/findings/{key}/dismiss/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Dismissed." in response.content.decode()
    assert "<html" not in response.content.decode()
    assert (
        Decision.objects.get(user=alice, dismissed=True).subject == f"application:{p['waiting'].pk}"
    )
    page = alice_client.get("/coach/").content.decode()
    assert "Dismissed</p>" in page


def test_a_snooze_for_an_odd_number_of_days_is_refused_with_a_message(alice_client, alice):
    p = plant(alice)
    key = follow_up_key(p["waiting"])
    response = alice_client.post(f"/coach/findings/{key}/snooze/", {"days": "5"}, follow=True)
    assert "days: snooze for 3, 7, 14, 30 days" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_made_up_finding_is_a_404(alice_client, alice):
    plant(alice)
    for key in ("application_follow_up:application:999999", "nope:x", "no-colon"):
        assert alice_client.post(f"/coach/findings/{key}/dismiss/").status_code == 404


def test_bob_and_charlie_get_404_on_alices_findings_and_decisions(
    alice_client, alice, bob_client, charlie_client
):
    p = plant(alice)
    key = follow_up_key(p["waiting"])
    alice_client.post(f"/coach/findings/{key}/snooze/", {"days": "7"})
    decision = Decision.objects.get(user=alice)
    for client in (bob_client, charlie_client):
        assert client.post(f"/coach/findings/{key}/snooze/", {"days": "7"}).status_code == 404
        assert client.post(f"/coach/findings/{key}/dismiss/").status_code == 404
        assert client.post(f"/coach/decisions/{decision.pk}/restore/").status_code == 404
    assert Decision.objects.count() == 1 and Decision.objects.get().user == alice
    assert charlie_client.get("/coach/").status_code == 302  # to the log-in page
    assert f'data-finding="{key}"' not in bob_client.get("/coach/").content.decode()


def test_writes_answer_only_post(alice_client, alice):
    p = plant(alice)
    key = follow_up_key(p["waiting"])
    assert alice_client.get(f"/coach/findings/{key}/dismiss/").status_code == 405


def test_the_next_actions_link_to_where_each_is_done(alice_client, alice):
    p = plant(alice)
    from pmpath.jobs.models import Application

    Application.objects.filter(pk=p["cold"].pk).update(
        next_action="Send the case study", next_action_due=timezone.localdate()
    )
    page = alice_client.get("/").content.decode()
    assert "Send the case study: PM, Maps at Globex" in page
    assert f'href="/jobs/applications/{p["cold"].pk}/" data-next-action="follow_up"' in page


def _grow(user):
    def grow(n: int) -> None:
        bulk_applications(user, n)
        for i in range(min(n // 10, 60)):
            applied(user, days_ago=8 + i, role_title=f"Role {n}-{i}", company=f"Co {i % 7}")

    return grow


@pytest.mark.parametrize("url", ["/", "/coach/", "/coach/digest/"])
def test_the_coach_pages_use_a_constant_number_of_queries(alice_client, alice, url):
    plant(alice)
    assert_constant_queries(alice_client, url, _grow(alice), small=20, large=400)


def test_what_the_dashboard_keeps_for_a_while_is_retired_by_new_data(alice_client, alice):
    from pmpath.network.models import Interaction
    from tests.network.factories import make_contact

    contact = make_contact(alice)
    assert "reached out" not in alice_client.get("/").content.decode()
    Interaction.objects.create(user=alice, contact=contact, occurred_on=timezone.localdate())
    page = alice_client.get("/").content.decode()
    assert "1 reached out and 0 heard from" in page
    applied(alice, days_ago=1, role_title="PM, Search", company="Initech")
    assert "1 application" in alice_client.get("/").content.decode()
