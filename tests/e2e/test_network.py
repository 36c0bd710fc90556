"""Who do I know at the company I applied to? Ask them for a referral from the application,
copy the draft, mark it as sent, and watch them leave the overdue list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pmpath.network import contacts, services
from pmpath.network.models import Interaction
from tests.conftest import make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in
from tests.jobs.factories import make_application

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_ask_a_warm_contact_for_a_referral_and_they_leave_the_overdue_list(page):
    nadia = make_user("nadia")
    onboard(nadia, display_name="Nadia Park")
    application = make_application(
        nadia, role_title="Senior Product Manager, Payments", company_name="Northwind Traders"
    )
    priya = contacts.save_contact(
        nadia,
        first_name="Priya",
        last_name="Raman",
        company="Northwind Traders Inc.",
        role="Director of Product",
        how_met="We met at ProductTank Example City",
        strength=4,
        cadence_days=30,
        tags="payments, mentor",
        linkedin_url="https://www.linkedin.com/in/priya-raman-example",
    )
    services.log_interaction(
        nadia,
        contact_id=priya.pk,
        occurred_on=timezone.localdate() - timedelta(days=45),
        channel="coffee",
        direction="inbound",
        summary="Coffee after the meetup; she offered to help when I apply.",
    )
    contacts.save_contact(nadia, first_name="Sam", last_name="Lee", company="Initech", strength=2)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page, "nadia")

    page.get_by_role("link", name="Network", exact=True).click()
    overdue = page.locator("section", has=page.get_by_role("heading", name="Stay in touch"))
    assert overdue.get_by_role("link", name="Priya Raman").is_visible()
    page.get_by_role("link", name="Contacts", exact=True).click()
    page.get_by_role("heading", name="Contacts").wait_for()
    screenshot(page, "network-contacts")

    page.get_by_role("link", name="Jobs", exact=True).click()
    page.get_by_role("link", name="Board", exact=True).click()
    card = page.locator(".app-card", has_text="Senior Product Manager, Payments")
    assert card.get_by_text("★ Warm contact").is_visible()
    card.get_by_role("link", name="Senior Product Manager, Payments").click()

    who = page.locator("#who-i-know")
    who.get_by_role("heading", name="Who do I know here?").wait_for()
    assert who.get_by_role("link", name="Priya Raman").is_visible()
    assert "Sam Lee" not in who.inner_text()
    screenshot(page, "network-application-who-i-know")

    who.get_by_role("button", name="Ask for a referral").click()
    page.get_by_role("heading", name="Message Priya Raman").wait_for()
    draft = page.locator("#draft-text")
    text = draft.input_value()
    assert "Senior Product Manager, Payments" in text and "Nadia Park" in text
    assert "We met at ProductTank Example City." in text
    count = page.locator("#draft-count [data-count]")
    assert count.inner_text() == str(len(text))
    draft.fill(text + " Thank you!")
    assert count.inner_text() == str(len(text) + len(" Thank you!"))
    page.get_by_role("button", name="Copy").click()
    page.get_by_role("button", name="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()").endswith("Thank you!")
    screenshot(page, "network-outreach-draft")

    page.get_by_role("button", name="Mark as sent").click()
    page.get_by_text("Logged as sent.").wait_for()
    sent = Interaction.objects.get(contact=priya, template__isnull=False)
    assert sent.application_id == application.pk and sent.template.kind == "referral"
    assert sent.summary.endswith("Thank you!")
    screenshot(page, "network-contact")

    page.get_by_role("link", name="Network", exact=True).click()
    page.get_by_text("Nobody is overdue.").wait_for()
    assert page.get_by_role("link", name="Priya Raman").count() == 0
    assert page.js_errors == []
