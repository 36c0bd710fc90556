"""Outreach: filling drafts, LinkedIn's 300-character limit, shipped templates, sending,
replies and response rates."""

from datetime import date, timedelta

import pytest
from django.http import Http404
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from pmpath.network import contacts, drafts, outreach, services
from pmpath.network.models import OutreachTemplate
from pmpath.network.services import NetworkError
from tests.conftest import onboard
from tests.jobs.factories import make_application
from tests.network.factories import make_contact

VALUES = {
    "first_name": "Jane",
    "company": "Acme",
    "role": "Senior PM",
    "context": "We met at ProductTank.",
    "ask": "Would you refer me?",
    "my_name": "Alex",
}


def test_a_draft_fills_every_placeholder():
    draft = drafts.fill(
        "Hi {first_name}, {context} I'm applying for {role} at {company}. {ask} {my_name}", VALUES
    )
    assert draft.text == (
        "Hi Jane, We met at ProductTank. I'm applying for Senior PM at Acme. "
        "Would you refer me? Alex"
    )
    assert draft.missing == () and draft.limit is None and not draft.over


def test_a_missing_value_shows_a_marker_but_a_missing_context_just_disappears():
    draft = drafts.fill("Hi {first_name}, {context} I like {company}.", {"first_name": "Jane"})
    assert draft.text == "Hi Jane, I like [company]."
    assert draft.missing == ("company",)


def test_unknown_placeholders_stay_as_written_and_are_reported():
    assert drafts.fill("Hi {nickname}", VALUES).text == "Hi {nickname}"
    assert drafts.unknown_placeholders("{first_name} {nickname} {x} {nickname}") == [
        "nickname",
        "x",
    ]


def test_a_connection_note_is_counted_against_linkedins_300_characters():
    short = drafts.fill("Hi {first_name}", VALUES, limit=drafts.CONNECTION_NOTE_LIMIT)
    assert short.length == 7 and short.remaining == 293 and not short.over
    long = drafts.fill("x" * 299 + "{first_name}", VALUES, limit=drafts.CONNECTION_NOTE_LIMIT)
    assert long.length == 303 and long.over and long.remaining == -3


def test_a_line_break_counts_as_one_character_however_the_browser_sent_it():
    assert drafts.count("a\r\nb") == drafts.count("a\nb") == 3


@given(st.text(max_size=400), st.dictionaries(st.sampled_from(drafts.PLACEHOLDERS), st.text()))
def test_filling_never_raises_on_any_template(body, values):
    draft = drafts.fill(body, values, limit=300)
    assert isinstance(draft.text, str) and draft.length >= 0


def test_every_shipped_template_is_valid_and_connection_notes_fit_when_filled():
    data = outreach.shipped()
    kinds = {kind for kind, _ in OutreachTemplate.KINDS}
    assert {t.kind for t in data.templates} == kinds
    assert set(data.asks) == kinds
    for template in data.templates:
        assert drafts.unknown_placeholders(template.body) == [], template.key
        if template.kind == "connection":
            values = {**VALUES, "ask": data.asks["connection"], "company": "Northwind Traders"}
            assert not drafts.fill(template.body, values, limit=300).over, template.key


def test_templates_are_copied_on_first_use_and_a_persons_edits_are_never_overwritten(alice):
    templates = outreach.ensure_templates(alice)
    assert len(templates) == len(outreach.shipped().templates)
    first = templates[0]
    outreach.save_template(
        alice, template_id=first.pk, kind=first.kind, name="Mine", body="Hi {first_name}"
    )
    again = outreach.ensure_templates(alice)
    assert len(again) == len(templates)
    first.refresh_from_db()
    assert (first.name, first.body) == ("Mine", "Hi {first_name}")


def test_a_template_with_an_unknown_placeholder_is_refused_with_the_list_of_known_ones(alice):
    with pytest.raises(NetworkError, match=r"body: \{nick\} is not a placeholder; use"):
        outreach.save_template(alice, kind="referral", name="X", body="Hi {nick}")
    outreach.save_template(alice, kind="referral", name="X", body="Hi {first_name}")
    with pytest.raises(NetworkError, match="name: you already have"):
        outreach.save_template(alice, kind="referral", name="X", body="Hello")


def test_a_draft_is_filled_from_the_contact_the_application_and_the_profile(alice):
    onboard(alice, display_name="Alex Morgan")
    application = make_application(alice, role_title="Group PM, Payments", company_name="Northwind")
    contact = contacts.save_contact(
        alice, first_name="Jane", company="Northwind", role="Director", how_met="We met at a meetup"
    )
    referral = next(t for t in outreach.ensure_templates(alice) if t.kind == "referral")
    page = outreach.build_draft(
        alice,
        contact=contact,
        request=outreach.DraftRequest(kind="referral", application_id=application.pk),
    )
    assert page.template == referral
    assert page.values["role"] == "Group PM, Payments" and page.values["company"] == "Northwind"
    assert page.values["my_name"] == "Alex Morgan"
    assert page.context == "We met at a meetup."
    assert "Group PM, Payments" in page.draft.text and "We met at a meetup." in page.draft.text
    assert page.ask == outreach.shipped().asks["referral"]


def test_switching_template_kind_brings_that_kinds_ask_unless_the_person_wrote_their_own(alice):
    contact = make_contact(alice)
    connection = next(t for t in outreach.ensure_templates(alice) if t.kind == "connection")
    asks = outreach.shipped().asks
    page = outreach.build_draft(
        alice,
        contact=contact,
        request=outreach.DraftRequest(template_id=connection.pk, ask=asks["referral"]),
    )
    assert page.ask == asks["connection"]
    page = outreach.build_draft(
        alice,
        contact=contact,
        request=outreach.DraftRequest(template_id=connection.pk, ask="Coffee next week?"),
    )
    assert page.ask == "Coffee next week?" and "Coffee next week?" in page.draft.text


def test_a_connection_draft_carries_the_300_character_limit(alice):
    contact = make_contact(alice)
    connection = next(t for t in outreach.ensure_templates(alice) if t.kind == "connection")
    page = outreach.build_draft(
        alice, contact=contact, request=outreach.DraftRequest(template_id=connection.pk)
    )
    assert page.draft.limit == 300 and page.draft.length <= 300


def test_bob_cannot_draft_with_alices_template_or_application(alice, bob):
    template = outreach.ensure_templates(alice)[0]
    application = make_application(alice)
    contact = make_contact(bob)
    with pytest.raises(Http404):
        outreach.build_draft(
            bob, contact=contact, request=outreach.DraftRequest(template_id=template.pk)
        )
    with pytest.raises(Http404):
        outreach.build_draft(
            bob, contact=contact, request=outreach.DraftRequest(application_id=application.pk)
        )


def test_marking_a_draft_sent_logs_an_outbound_interaction_and_resets_the_due_clock(alice):
    today = timezone.localdate()
    contact = make_contact(alice, cadence_days=30)
    services.log_interaction(alice, contact_id=contact.pk, occurred_on=today - timedelta(days=60))
    template = next(t for t in outreach.ensure_templates(alice) if t.kind == "referral")
    application = make_application(alice)
    interaction = outreach.mark_sent(
        alice,
        contact_id=contact.pk,
        text="Hi Jane,\r\nwould you refer me?",
        template_id=template.pk,
        application_id=application.pk,
    )
    assert interaction.direction == "outbound" and interaction.channel == "email"
    assert interaction.template == template and interaction.application == application
    assert interaction.summary == "Hi Jane,\nwould you refer me?"
    contact.refresh_from_db()
    assert contact.last_touched_on == today and contact.next_due_on == today + timedelta(days=30)


def test_an_empty_message_is_not_logged(alice):
    contact = make_contact(alice)
    with pytest.raises(NetworkError, match="text:"):
        outreach.mark_sent(alice, contact_id=contact.pk, text="   ")
    assert not contact.interactions.exists()


def test_the_response_rate_per_template_counts_replies_to_sent_messages(alice, bob):
    templates = outreach.ensure_templates(alice)
    referral = next(t for t in templates if t.kind == "referral")
    connection = next(t for t in templates if t.kind == "connection")
    contact = make_contact(alice)
    sent = [
        outreach.mark_sent(alice, contact_id=contact.pk, text="hi", template_id=referral.pk)
        for _ in range(4)
    ]
    outreach.mark_sent(alice, contact_id=contact.pk, text="hi", template_id=connection.pk)
    outreach.mark_replied(alice, interaction_id=sent[0].pk, replied_on=date(2026, 6, 1))
    outreach.mark_replied(alice, interaction_id=sent[1].pk)
    with pytest.raises(Http404):
        outreach.mark_replied(bob, interaction_id=sent[2].pk)
    stats = outreach.template_stats(alice)
    assert (stats[referral.pk].sent, stats[referral.pk].replied) == (4, 2)
    assert stats[referral.pk].rate == 0.5
    assert stats[connection.pk].rate == 0.0
    outreach.mark_replied(alice, interaction_id=sent[1].pk, replied=False)
    assert outreach.template_stats(alice)[referral.pk].replied == 1
    assert outreach.template_stats(bob) == {}


def test_only_a_message_you_sent_can_get_a_reply(alice):
    contact = make_contact(alice)
    inbound = services.log_interaction(alice, contact_id=contact.pk, direction="inbound")
    with pytest.raises(NetworkError, match="interaction:"):
        outreach.mark_replied(alice, interaction_id=inbound.pk)
