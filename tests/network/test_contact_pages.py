"""The contacts, outreach and "who do I know" pages, and their query counts."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from pmpath.core import generation
from pmpath.jobs.models import Application, Company
from pmpath.jobs.services import ensure_stages
from pmpath.network import contacts, outreach, services
from pmpath.network.models import Contact, Interaction, Position, Tag
from tests.jobs.factories import make_application
from tests.network.factories import make_contact
from tests.perf import assert_constant_queries


def grow_contacts(user, n, **values):
    """Bring the user's contacts to n, each with two tags and an interaction."""
    have = Contact.objects.filter(user=user).count()
    today = timezone.localdate()
    made = Contact.objects.bulk_create(
        [
            Contact(
                user=user,
                first_name=f"Person{i}",
                last_name=f"Number{i:05d}",
                strength=1 + i % 5,
                next_due_on=today - timedelta(days=i % 20 - 10),
                last_touched_on=today - timedelta(days=i % 50),
                **values,
            )
            for i in range(have, n)
        ]
    )
    tags = [Tag.objects.get_or_create(user=user, name=name)[0] for name in ("pm", "mentor")]
    Contact.tags.through.objects.bulk_create(
        [Contact.tags.through(contact_id=c.pk, tag_id=t.pk) for c in made for t in tags]
    )
    Interaction.objects.bulk_create(
        [Interaction(user=user, contact=c, occurred_on=today, summary="hi") for c in made]
    )


# --- the list ------------------------------------------------------------------------------


def test_the_contacts_list_reads_in_constant_queries(alice, alice_client):
    assert_constant_queries(
        alice_client, reverse("network:contacts"), lambda n: grow_contacts(alice, n)
    )
    for query in ("?sort=touched&page=3", "?sort=due&due=overdue", "?q=person&tag=1&strength=3"):
        assert_constant_queries(
            alice_client,
            reverse("network:contacts") + query,
            lambda n: grow_contacts(alice, n),
            small=1000,
            large=1100,
        )


def test_the_contacts_list_shows_tags_and_pages_by_fifty(alice, alice_client):
    grow_contacts(alice, 120)
    body = alice_client.get(reverse("network:contacts")).content.decode()
    assert body.count('class="tag"') == 100  # 50 rows, two tags each
    assert "Page 1 of 3" in body and "Person0 Number00000" in body


def test_the_contacts_list_searches_and_filters(alice, alice_client):
    acme = Company.objects.create(user=alice, name="Acme")
    jane = contacts.save_contact(
        alice, first_name="Jane", company="Acme Inc", role="Director", tags="mentor"
    )
    sam = contacts.save_contact(
        alice, first_name="Sam", company="Initech", strength=4, cadence_days=7
    )
    url = reverse("network:contacts")

    def names(**params):
        body = alice_client.get(url, params).content.decode()
        return {c.first_name for c in (jane, sam) if f">{c.name}</a>" in body}

    assert names() == {"Jane", "Sam"}
    assert names(q="direc") == {"Jane"}
    assert names(company="ACME") == {"Jane"}
    assert names(company_id=acme.pk) == {"Jane"}
    assert names(tag=Tag.objects.get(user=alice).pk) == {"Jane"}
    assert names(strength=4) == {"Sam"}
    assert names(due="week") == {"Sam"}
    assert names(due="none") == {"Jane"}
    assert names(q="nobody") == set()
    assert (
        "No contact matches these filters." in alice_client.get(url, {"q": "zzz"}).content.decode()
    )


def test_the_contacts_list_sorts_by_strength(alice, alice_client):
    make_contact(alice, first_name="Weak", last_name="A", strength=1)
    make_contact(alice, first_name="Strong", last_name="Z", strength=5)
    body = alice_client.get(reverse("network:contacts"), {"sort": "strength"}).content.decode()
    assert body.index("Strong Z") < body.index("Weak A")


def test_an_empty_contacts_list_says_what_to_do(alice_client):
    body = alice_client.get(reverse("network:contacts")).content.decode()
    assert "No contacts yet." in body


# --- add, edit, delete --------------------------------------------------------------------


def test_adding_a_contact_from_the_form(alice, alice_client):
    application = make_application(alice, company_name="Northwind")
    response = alice_client.post(
        reverse("network:contact_new"),
        {
            "first_name": "Jane",
            "last_name": "Doe",
            "company": "Northwind Inc.",
            "linkedin_url": "https://www.linkedin.com/in/jane-doe",
            "tags": "mentor, payments",
            "strength": "3",
            "cadence_days": "30",
            "can_open": [str(application.company_id)],
        },
    )
    contact = Contact.objects.get(user=alice)
    assert response.status_code == 302 and response["Location"].endswith(f"/contacts/{contact.pk}/")
    assert contact.company_id == application.company_id and contact.linkedin_key == "in/jane-doe"
    assert {t.name for t in contact.tags.all()} == {"mentor", "payments"}
    assert list(contact.can_open.all()) == [application.company]


def test_a_bad_linkedin_address_is_shown_on_its_field_and_nothing_is_saved(alice_client, alice):
    response = alice_client.post(
        reverse("network:contact_new"),
        {"first_name": "Jane", "linkedin_url": "https://example.com/jane", "strength": "1"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'id="id_linkedin_url-error"' in body
    assert "not a LinkedIn profile address" in body
    assert not Contact.objects.filter(user=alice).exists()


def test_editing_a_contact_keeps_their_history(alice, alice_client):
    contact = contacts.save_contact(alice, first_name="Jane", tags="mentor")
    services.log_interaction(alice, contact_id=contact.pk)
    page = alice_client.get(reverse("network:contact_edit", args=[contact.pk])).content.decode()
    assert 'value="mentor"' in page
    alice_client.post(
        reverse("network:contact_edit", args=[contact.pk]),
        {"first_name": "Janet", "tags": "", "strength": "2"},
    )
    contact.refresh_from_db()
    assert contact.first_name == "Janet" and not contact.tags.exists()
    assert contact.interactions.count() == 1


def test_deleting_a_contact_asks_first(alice, alice_client):
    contact = make_contact(alice)
    url = reverse("network:contact_delete", args=[contact.pk])
    assert "Delete Jane Doe?" in alice_client.get(url).content.decode()
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert alice_client.post(url).status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()


# --- one contact ----------------------------------------------------------------------------


def test_the_contact_page_reads_in_constant_queries(alice, alice_client):
    contact = contacts.save_contact(alice, first_name="Jane", company="Acme", tags="a, b")
    make_application(alice, company_name="Acme")
    template = outreach.ensure_templates(alice)[0]
    today = timezone.localdate()

    def grow(n):
        have = contact.interactions.count()
        Interaction.objects.bulk_create(
            [
                Interaction(
                    user=alice,
                    contact=contact,
                    occurred_on=today - timedelta(days=i),
                    template=template,
                    summary=f"note {i}",
                )
                for i in range(have, n)
            ]
        )
        Position.objects.bulk_create(
            [Position(user=alice, contact=contact, company_name=f"Co {i}") for i in range(have, n)]
        )

    assert_constant_queries(alice_client, reverse("network:contact", args=[contact.pk]), grow)
    body = alice_client.get(reverse("network:contact", args=[contact.pk])).content.decode()
    assert "Showing the latest 100 of 1000." in body


def test_the_interaction_log_is_newest_first(alice, alice_client):
    contact = make_contact(alice)
    today = timezone.localdate()
    services.log_interaction(
        alice, contact_id=contact.pk, occurred_on=today - timedelta(days=9), summary="older one"
    )
    services.log_interaction(alice, contact_id=contact.pk, occurred_on=today, summary="newer one")
    body = alice_client.get(reverse("network:contact", args=[contact.pk])).content.decode()
    assert body.index("newer one") < body.index("older one")


def test_logging_an_interaction_from_the_contact_page(alice, alice_client):
    contact = make_contact(alice, cadence_days=14)
    application = make_application(alice, company_name="Acme")
    today = timezone.localdate()
    response = alice_client.post(
        reverse("network:contact_log", args=[contact.pk]),
        {
            "occurred_on": today.isoformat(),
            "channel": "coffee",
            "direction": "inbound",
            "summary": "Talked about payments.",
            "follow_up_on": (today + timedelta(days=3)).isoformat(),
            "application": application.pk,
        },
    )
    assert response.status_code == 302
    interaction = contact.interactions.get()
    assert (interaction.channel, interaction.direction) == ("coffee", "inbound")
    assert interaction.application == application
    contact.refresh_from_db()
    assert contact.next_due_on == today + timedelta(days=14)


def test_a_log_without_a_date_is_refused_on_its_field(alice, alice_client):
    contact = make_contact(alice)
    response = alice_client.post(
        reverse("network:contact_log", args=[contact.pk]),
        {"channel": "email", "direction": "outbound"},
    )
    assert response.status_code == 400 and 'id="id_occurred_on-error"' in response.content.decode()
    assert not contact.interactions.exists()


def test_they_replied_marks_an_outbound_message(alice, alice_client):
    contact = make_contact(alice)
    sent = services.log_interaction(alice, contact_id=contact.pk, direction="outbound")
    alice_client.post(reverse("network:interaction_replied", args=[sent.pk]), {"replied": "1"})
    sent.refresh_from_db()
    assert sent.replied_on == timezone.localdate()
    body = alice_client.get(reverse("network:contact", args=[contact.pk])).content.decode()
    assert "Replied " in body and "Undo reply" in body


def test_positions_are_added_and_removed_on_the_contact_page(alice, alice_client):
    contact = make_contact(alice)
    alice_client.post(
        reverse("network:position_add", args=[contact.pk]), {"company": "Initech", "title": "APM"}
    )
    position = Position.objects.get(contact=contact)
    assert position.company_key == "initech"
    assert (
        "APM at" in alice_client.get(reverse("network:contact", args=[contact.pk])).content.decode()
    )
    alice_client.post(reverse("network:position_delete", args=[position.pk]))
    assert not Position.objects.filter(contact=contact).exists()


# --- staying in touch ----------------------------------------------------------------------


def test_log_a_touch_on_the_network_page_takes_the_contact_off_the_overdue_list(
    alice, alice_client
):
    contact = make_contact(alice, cadence_days=30)
    services.log_interaction(
        alice, contact_id=contact.pk, occurred_on=timezone.localdate() - timedelta(days=40)
    )
    body = alice_client.get(reverse("network:index")).content.decode()
    assert reverse("network:contact", args=[contact.pk]) in body and "Log a touch" in body
    response = alice_client.post(
        reverse("network:contact_touch", args=[contact.pk]), {"next": reverse("network:index")}
    )
    assert response["Location"] == reverse("network:index")
    contact.refresh_from_db()
    assert contact.last_touched_on == timezone.localdate()
    assert "Nobody is overdue." in alice_client.get(reverse("network:index")).content.decode()


def test_log_a_touch_never_redirects_off_the_site(alice, alice_client):
    contact = make_contact(alice)
    response = alice_client.post(
        reverse("network:contact_touch", args=[contact.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("network:index")


def test_a_tags_cadence_is_edited_on_the_tags_page(alice, alice_client):
    contact = contacts.save_contact(alice, first_name="A", tags="mentor")
    tag = Tag.objects.get(user=alice)
    assert "1 contact" in alice_client.get(reverse("network:tags")).content.decode()
    alice_client.post(
        reverse("network:tag_edit", args=[tag.pk]), {"name": "Mentors", "cadence_days": "21"}
    )
    tag.refresh_from_db()
    contact.refresh_from_db()
    assert (tag.name, tag.cadence_days) == ("Mentors", 21)
    assert contact.next_due_on is not None
    response = alice_client.post(
        reverse("network:tag_edit", args=[tag.pk]), {"cadence_days": "0"}, follow=True
    )
    assert "cadence_days: give a number of days from 1" in response.content.decode()


def test_the_dashboard_shows_who_is_due_in_constant_queries(alice, alice_client):
    def grow(n):
        have = Contact.objects.filter(user=alice).count()
        today = timezone.localdate()
        Contact.objects.bulk_create(
            [
                Contact(user=alice, first_name=f"P{i}", next_due_on=today - timedelta(days=i % 9))
                for i in range(have, n)
            ]
        )

    assert_constant_queries(alice_client, reverse("core:home"), grow)
    body = alice_client.get(reverse("core:home")).content.decode()
    assert "Networking" in body and "overdue" in body
    assert (
        reverse(
            "network:contact",
            args=[Contact.objects.filter(user=alice).order_by("next_due_on", "id").first().pk],
        )
        in body
    )


def test_the_dashboard_explains_the_due_card_when_nobody_is_due(alice_client):
    assert "Nobody is due." in alice_client.get(reverse("core:home")).content.decode()


# --- duplicates and merging ---------------------------------------------------------------


def test_duplicates_are_listed_and_merged_from_their_page(alice, alice_client):
    first = make_contact(alice, email="jane@example.test")
    second = make_contact(alice, first_name="Janet", email="JANE@example.test")
    services.log_interaction(alice, contact_id=second.pk)
    body = alice_client.get(reverse("network:duplicates")).content.decode()
    assert "same email jane@example.test" in body
    response = alice_client.post(
        reverse("network:merge"), {"keep": second.pk, "contacts": [first.pk, second.pk]}
    )
    assert response["Location"] == reverse("network:contact", args=[second.pk])
    assert list(Contact.objects.filter(user=alice)) == [second]
    assert (
        "No likely duplicates." in alice_client.get(reverse("network:duplicates")).content.decode()
    )


def test_the_duplicates_page_runs_constant_queries_however_many_groups(alice, alice_client):
    def grow(n):
        have = Contact.objects.filter(user=alice).count() // 2
        for i in range(have, n // 2):
            make_contact(alice, first_name=f"Ana{i}", email=f"ana{i}@example.test", role="PM")
            make_contact(alice, first_name=f"Ana{i}", email=f"ANA{i}@example.test")

    assert_constant_queries(alice_client, reverse("network:duplicates"), grow, small=10, large=60)
    body = alice_client.get(reverse("network:duplicates")).content.decode()
    assert "same email ana29@example.test" in body and "PM" in body


def test_two_contacts_are_merged_after_the_person_confirms_from_the_contact_page(
    alice, alice_client
):
    contact = make_contact(alice, first_name="Jane", last_name="Doe")
    other = make_contact(alice, first_name="J.", last_name="Smith", email="j@example.test")
    url = reverse("network:contact_merge", args=[contact.pk])
    assert "Smith" in alice_client.get(url, {"q": "smith"}).content.decode()
    confirm = alice_client.get(url, {"other": other.pk}).content.decode()
    assert "Merge these two" in confirm
    alice_client.post(
        reverse("network:merge"), {"keep": contact.pk, "contacts": [contact.pk, other.pk]}
    )
    contact.refresh_from_db()
    assert contact.email == "j@example.test"
    assert not Contact.objects.filter(pk=other.pk).exists()


# --- who do I know here? ------------------------------------------------------------------


def grow_people_at(user, company, n):
    have = Contact.objects.filter(user=user, company_key="acme").count()
    made = Contact.objects.bulk_create(
        [
            Contact(
                user=user,
                first_name=f"Now{i}",
                company=company,
                company_key="acme",
                strength=1 + i % 5,
            )
            for i in range(have, n)
        ]
    )
    elsewhere = Contact.objects.bulk_create(
        [Contact(user=user, first_name=f"Was{i}") for i in range(len(made))]
    )
    Position.objects.bulk_create(
        [Position(user=user, contact=c, company_name="Acme", company_key="acme") for c in elsewhere]
    )
    # Written straight to the tables, as no app path does: every bulk write of the app moves
    # the person's data generation (tests/core/test_generation.py), so this does too.
    generation.touch(user.pk)


def test_the_application_page_shows_who_i_know_in_constant_queries(alice, alice_client):
    application = make_application(alice, company_name="Acme")
    url = reverse("jobs:application", args=[application.pk])
    assert_constant_queries(
        alice_client, url, lambda n: grow_people_at(alice, application.company, n)
    )
    body = alice_client.get(url).content.decode()
    assert "Who do I know here?" in body and "Ask for a referral" in body
    assert "Used to work there" in body and "All 1000 at Acme" in body


def test_ask_for_a_referral_opens_the_draft_for_that_contact_and_application(alice, alice_client):
    application = make_application(alice, role_title="Senior PM, Payments", company_name="Acme")
    jane = contacts.save_contact(alice, first_name="Jane", company="Acme", strength=4)
    body = alice_client.get(reverse("jobs:application", args=[application.pk])).content.decode()
    draft_url = reverse("network:outreach", args=[jane.pk])
    link = f"{draft_url}?kind=referral&amp;application={application.pk}"
    assert link in body
    draft = alice_client.get(link.replace("&amp;", "&")).content.decode()
    assert "Referral request" in draft and "Senior PM, Payments" in draft


def test_an_application_without_a_company_says_so(alice, alice_client):
    application = make_application(alice, company_name="")
    body = alice_client.get(reverse("jobs:application", args=[application.pk])).content.decode()
    assert "Give this application a company" in body


def test_the_company_page_lists_who_i_know_there(alice, alice_client):
    application = make_application(alice, company_name="Acme")
    contacts.save_contact(alice, first_name="Jane", last_name="Now", company="Acme")
    body = alice_client.get(reverse("jobs:company", args=[application.company_id])).content.decode()
    assert "Jane Now" in body and "Product Manager" in body
    assert f"application={application.pk}" in body


def test_the_company_page_shows_who_i_know_in_constant_queries(alice, alice_client):
    application = make_application(alice, company_name="Acme")
    url = reverse("jobs:company", args=[application.company_id])
    assert_constant_queries(
        alice_client, url, lambda n: grow_people_at(alice, application.company, n)
    )
    assert "Used to work there" in alice_client.get(url).content.decode()


def test_the_board_marks_warm_applications_in_constant_queries(alice, alice_client):
    stages = ensure_stages(alice)
    now = timezone.now()

    def grow(n):
        have = Application.objects.filter(user=alice).count()
        for i in range(have, n):
            company = Company.objects.create(user=alice, name=f"Co {i}")
            Application.objects.create(
                user=alice,
                company=company,
                role_title=f"Role {i}",
                stage=stages[i % 5],
                stage_changed_at=now,
            )
            if i % 2:
                Contact.objects.create(
                    user=alice, first_name=f"C{i}", company=company, strength=1 + i % 5
                )

    assert_constant_queries(alice_client, reverse("jobs:board"), grow, small=10, large=150)
    body = alice_client.get(reverse("jobs:board")).content.decode()
    assert "★ Warm contact" in body and "You know 1 there" in body


# --- outreach ------------------------------------------------------------------------------


def test_the_draft_page_counts_a_connection_note_against_300_characters(alice, alice_client):
    contact = make_contact(alice)
    connection = next(t for t in outreach.ensure_templates(alice) if t.kind == "connection")
    body = alice_client.get(
        reverse("network:outreach", args=[contact.pk]), {"template": connection.pk}
    ).content.decode()
    assert 'data-limit="300"' in body and " / 300 characters" in body and "left" in body
    assert 'data-copy="draft-text"' in body


def test_a_long_connection_note_is_flagged_as_over_the_limit(alice, alice_client):
    contact = make_contact(alice)
    long = outreach.save_template(
        alice, kind="connection", name="Long", body="{first_name} " + "x" * 320
    )
    body = alice_client.get(
        reverse("network:outreach", args=[contact.pk]), {"template": long.pk}
    ).content.decode()
    assert "over LinkedIn" in body and 'class="char-count over"' in body


def test_the_draft_page_reads_in_constant_queries(alice, alice_client):
    contact = contacts.save_contact(alice, first_name="Jane", company="Acme")

    def grow(n):
        have = Application.objects.filter(user=alice).count()
        for i in range(have, n):
            make_application(alice, role_title=f"PM {i}", company_name="Acme")

    assert_constant_queries(
        alice_client, reverse("network:outreach", args=[contact.pk]), grow, large=80
    )


def test_mark_as_sent_logs_the_message_with_its_template_and_application(alice, alice_client):
    contact = make_contact(alice, cadence_days=30)
    application = make_application(alice)
    template = outreach.ensure_templates(alice)[0]
    response = alice_client.post(
        reverse("network:outreach_sent", args=[contact.pk]),
        {
            "text": "Hi Jane",
            "template": template.pk,
            "application": application.pk,
            "channel": "linkedin",
        },
    )
    assert response["Location"] == reverse("network:contact", args=[contact.pk])
    sent = contact.interactions.get()
    assert (sent.template, sent.application, sent.channel) == (template, application, "linkedin")
    contact.refresh_from_db()
    assert contact.last_touched_on == timezone.localdate()


def test_the_templates_page_shows_the_response_rate_per_template(alice, alice_client):
    template = outreach.ensure_templates(alice)[0]
    contact = make_contact(alice)
    first = outreach.mark_sent(alice, contact_id=contact.pk, text="hi", template_id=template.pk)
    for _ in range(3):
        outreach.mark_sent(alice, contact_id=contact.pk, text="hi", template_id=template.pk)
    outreach.mark_replied(alice, interaction_id=first.pk)
    body = alice_client.get(reverse("network:templates")).content.decode()
    assert "25%" in body and "All templates" in body


def test_templates_are_added_edited_and_deleted(alice, alice_client):
    alice_client.post(
        reverse("network:template_new"),
        {"kind": "follow_up", "name": "Short nudge", "body": "Hi {first_name}!"},
    )
    template = alice.__class__.objects.get(pk=alice.pk) and outreach.ensure_templates(alice)
    mine = next(t for t in template if t.name == "Short nudge")
    response = alice_client.post(
        reverse("network:template", args=[mine.pk]),
        {"kind": "follow_up", "name": "Short nudge", "body": "Hi {nick}"},
    )
    assert "is not a placeholder" in response.content.decode()
    alice_client.post(reverse("network:template_delete", args=[mine.pk]))
    assert not any(t.name == "Short nudge" for t in outreach.ensure_templates(alice))
