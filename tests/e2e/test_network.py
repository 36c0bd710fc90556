"""Import a LinkedIn export, see who I know at the company I applied to, ask them for a
referral from the application, copy the draft, mark it as sent, and watch them leave the
overdue list. The people in the export are made up for this test."""

import io
import zipfile

import pytest

from pmpath.network.models import Contact, Interaction
from tests.conftest import make_user, onboard
from tests.e2e.conftest import screenshot
from tests.e2e.test_jobs import log_in
from tests.jobs.factories import make_application

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROFILE = "First Name,Last Name,Headline\nNadia,Park,Engineer moving into product\n"
CONNECTIONS = (
    "Notes:\n"
    '"A note LinkedIn puts before the header, written here for the test."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Priya,Raman,https://www.linkedin.com/in/priya-raman-example,,"
    "Northwind Traders Inc.,Director of Product,12 Mar 2024\n"
    "Sam,Lee,https://www.linkedin.com/in/sam-lee-example,,Initech,Product Manager,02 Feb 2025\n"
)
MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
    "conv-1,,Nadia Park,https://www.linkedin.com/in/nadia-park-example,Priya Raman,"
    "https://www.linkedin.com/in/priya-raman-example,2025-09-15 10:00:00 UTC,,"
    '"Thanks for the coffee at ProductTank, Priya!",INBOX\n'
    "conv-1,,Priya Raman,https://www.linkedin.com/in/priya-raman-example,Nadia Park,"
    "https://www.linkedin.com/in/nadia-park-example,2025-09-15 18:00:00 UTC,,"
    '"Anytime. Tell me when you apply to Northwind.",INBOX\n'
)


def linkedin_export(folder) -> str:
    path = folder / "Basic_LinkedInDataExport.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Profile.csv", PROFILE)
        archive.writestr("Connections.csv", CONNECTIONS)
        archive.writestr("messages.csv", MESSAGES)
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_import_linkedin_ask_a_warm_contact_for_a_referral_and_they_leave_the_overdue_list(
    page, tmp_path
):
    nadia = make_user("nadia")
    onboard(nadia, display_name="Nadia Park")
    application = make_application(
        nadia, role_title="Senior Product Manager, Payments", company_name="Northwind Traders"
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page, "nadia")

    page.get_by_role("link", name="Network", exact=True).click()
    page.get_by_role("link", name="Import", exact=True).click()
    page.get_by_label("A LinkedIn export").set_input_files(linkedin_export(tmp_path))
    page.get_by_role("button", name="Import").click()
    page.get_by_role("link", name="See your contacts").wait_for()
    priya = Contact.objects.get(user=nadia, linkedin_key="in/priya-raman-example")
    assert priya.company_id == application.company_id  # "Northwind Traders Inc." → the company
    assert priya.last_touched_on is not None

    # She is a good friend: a closer relationship and a monthly cadence, on her edit page.
    page.get_by_role("link", name="See your contacts").click()
    page.get_by_role("link", name="Priya Raman").click()
    page.get_by_role("button", name="Edit", exact=True).click()
    page.get_by_label("Relationship").select_option(label="Close")
    page.get_by_label("Stay in touch every (days)").fill("30")
    page.get_by_label("Tags").fill("payments, mentor")
    page.get_by_label("How you met").fill("We met at ProductTank Example City")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved Priya Raman.").wait_for()
    screenshot(page, "network-contact-imported")

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
