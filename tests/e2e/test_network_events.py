"""Add a meetup in its own time zone, import a conference calendar, meet two people there,
mark it attended and set their follow-ups; then track a product group from the suggestions."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from pmpath.network.models import Contact, Event, Group, Interaction
from tests.conftest import make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ICS = Path(__file__).parents[1] / "network" / "data" / "ics" / "conferences.ics"


def test_meet_people_at_an_event_and_follow_up_then_track_a_group(page):
    rosa = make_user("rosa")
    onboard(rosa)
    log_in(page, "rosa")

    page.goto("/network/events/")
    page.get_by_role("button", name="Import a calendar").click()
    page.get_by_label("Calendar file (.ics)").set_input_files(str(ICS))
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("conferences.ics: 3 added, 0 updated.").wait_for()

    page.get_by_role("button", name="Add an event").click()
    day = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Name").fill("ProductTank Lisbon: pricing experiments")
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Starts at").fill("18:30")
    page.get_by_label("Time zone").fill("Europe/Lisbon")
    page.get_by_label("Ends at").fill("21:00")
    page.get_by_label("Place or link").fill("LX Factory, Lisbon")
    page.get_by_label("Cost").fill("0")
    page.get_by_label("Goals").fill("Meet two PMs working on pricing")
    screenshot(page, "network-event-form")
    page.get_by_role("button", name="Add the event").click()
    page.get_by_role("heading", name="ProductTank Lisbon: pricing experiments").wait_for()

    for name, company in (("Inês Costa", "Northwind Labs"), ("Olu Adeyemi", "Globex")):
        page.get_by_label("Name").fill(name)
        page.get_by_label("Company").fill(company)
        page.get_by_role("button", name="Add to people met").click()
        page.get_by_text(f"Added {name}.").wait_for()
    page.get_by_role("button", name="Attended").click()
    page.get_by_role("heading", name="Follow up with the people you met").wait_for()
    screenshot(page, "network-event-detail")

    page.get_by_role("button", name="Set follow-ups").click()
    page.get_by_text("Logged the meeting with 2 people").wait_for()
    event = Event.objects.get(user=rosa, name__startswith="ProductTank Lisbon")
    assert event.status == "attended"
    assert Contact.objects.filter(user=rosa, source="event").count() == 2
    follow_ups = Interaction.objects.filter(user=rosa, channel="event")
    assert {i.follow_up_on for i in follow_ups} == {event.follow_up_on}

    page.goto("/network/events/")
    page.get_by_role("heading", name="Past").wait_for()
    screenshot(page, "network-events")

    page.get_by_role("link", name="Groups", exact=True).click()
    card = page.locator(".card", has_text="ProductTank London")
    card.get_by_role("button", name="Join / track").click()
    page.get_by_role("heading", name="ProductTank London").wait_for()
    page.get_by_label("What you did").fill("Went to the monthly talks")
    page.get_by_role("button", name="Log it").click()
    page.get_by_text("Went to the monthly talks").wait_for()
    assert Group.objects.get(user=rosa).status == "member"
    screenshot(page, "network-group")
    page.get_by_role("link", name="Groups").first.click()
    page.get_by_role("heading", name="My groups").wait_for()
    screenshot(page, "network-groups")
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("heading", name="Upcoming events").wait_for()
    screenshot(page, "network-overview")
    assert not page.js_errors
