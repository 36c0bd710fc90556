"""Contacts: saving, tags and their cadence, positions, merging duplicates."""

from datetime import date, timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from pmpath.jobs.models import Company
from pmpath.network import contact_queries, contacts, queries, services
from pmpath.network.models import Contact, Event, Group, Interaction, Position, Tag
from pmpath.network.services import NetworkError
from tests.jobs.factories import make_application
from tests.network.factories import make_contact


def test_it_saves_a_contact_with_tags_a_linkedin_key_and_a_linked_company(alice):
    google = Company.objects.create(user=alice, name="Google")
    contact = contacts.save_contact(
        alice,
        first_name=" Jane ",
        last_name="Doe",
        company="Alphabet Inc.",
        linkedin_url="https://uk.linkedin.com/in/Jane-Doe-42/?trk=abc",
        email="Jane@Example.TEST",
        tags="Mentor, recruiters ,mentor",
        strength=4,
        can_open_ids=[google.pk],
    )
    assert contact.first_name == "Jane" and contact.email == "jane@example.test"
    assert contact.linkedin_key == "in/jane-doe-42"
    assert contact.company_id == google.pk and contact.company_key == "google"
    assert sorted(t.name for t in contact.tags.all()) == ["Mentor", "recruiters"]
    assert list(contact.can_open.all()) == [google]


def test_tags_are_matched_ignoring_case_so_no_twin_tag_is_made(alice):
    Tag.objects.create(user=alice, name="Mentor", cadence_days=30)
    contact = contacts.save_contact(alice, first_name="Sam", tags="mentor")
    assert Tag.objects.filter(user=alice).count() == 1
    assert contact.next_due_on == timezone.localdate()  # the tag's cadence applies at once


@pytest.mark.parametrize(
    "values, field",
    [
        ({"first_name": "", "last_name": "", "email": ""}, "first_name"),
        ({"first_name": "A", "linkedin_url": "https://example.com/in/a"}, "linkedin_url"),
        ({"first_name": "A", "strength": 9}, "strength"),
        ({"first_name": "A", "cadence_days": 0}, "cadence_days"),
        ({"first_name": "A", "email": "not-an-email"}, "email"),
    ],
)
def test_bad_contact_input_names_the_field(alice, values, field):
    with pytest.raises(NetworkError, match=f"^{field}:"):
        contacts.save_contact(alice, **values)
    assert not Contact.objects.filter(user=alice).exists()


def test_a_second_contact_with_the_same_linkedin_profile_is_refused(alice):
    contacts.save_contact(alice, first_name="Jane", linkedin_url="linkedin.com/in/jane")
    with pytest.raises(NetworkError, match="linkedin_url: Jane already has"):
        contacts.save_contact(
            alice, first_name="J", linkedin_url="https://www.linkedin.com/in/JANE/"
        )


def test_a_contact_cannot_open_doors_at_another_users_company(alice, bob):
    theirs = Company.objects.create(user=bob, name="Bobco")
    with pytest.raises(NetworkError, match="can_open"):
        contacts.save_contact(alice, first_name="Jane", can_open_ids=[theirs.pk])


def test_bob_cannot_edit_alices_contact(alice, bob):
    contact = make_contact(alice)
    with pytest.raises(Http404):
        contacts.save_contact(bob, contact_id=contact.pk, first_name="Hijacked")
    contact.refresh_from_db()
    assert contact.first_name == "Jane"


def test_changing_a_tags_cadence_moves_every_tagged_contacts_due_date(alice):
    tag = Tag.objects.create(user=alice, name="mentors")
    first = contacts.save_contact(alice, first_name="A", tags=["mentors"])
    second = contacts.save_contact(alice, first_name="B", tags=["mentors"], cadence_days=90)
    services.log_interaction(alice, contact_id=first.pk, occurred_on=date(2026, 1, 1))
    services.log_interaction(alice, contact_id=second.pk, occurred_on=date(2026, 1, 1))
    contacts.set_tag_cadence(alice, tag_id=tag.pk, cadence_days=14)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.next_due_on == date(2026, 1, 15)
    assert second.next_due_on == date(2026, 4, 1)  # their own cadence wins
    contacts.set_tag_cadence(alice, tag_id=tag.pk, cadence_days="")
    first.refresh_from_db()
    assert first.next_due_on is None


def test_deleting_a_tag_drops_its_cadence_from_its_contacts(alice):
    tag = Tag.objects.create(user=alice, name="weekly", cadence_days=7)
    contact = contacts.save_contact(alice, first_name="A", tags=["weekly"])
    assert contact.next_due_on is not None
    contacts.delete_tag(alice, tag_id=tag.pk)
    contact.refresh_from_db()
    assert contact.next_due_on is None


def test_any_logged_interaction_resets_the_due_clock_whichever_way_it_went(alice):
    today = timezone.localdate()
    contact = contacts.save_contact(alice, first_name="A", cadence_days=30)
    services.log_interaction(alice, contact_id=contact.pk, occurred_on=today - timedelta(days=45))
    assert [c.pk for c in queries.due(alice).overdue] == [contact.pk]
    services.log_interaction(
        alice, contact_id=contact.pk, occurred_on=today, channel="coffee", direction="inbound"
    )
    contact.refresh_from_db()
    assert contact.next_due_on == today + timedelta(days=30)
    assert queries.due(alice).overdue == []


def test_a_position_makes_a_former_employee_show_up_for_that_company(alice):
    acme = Company.objects.create(user=alice, name="Acme")
    now_elsewhere = contacts.save_contact(alice, first_name="Old", last_name="Hand", company="Zeta")
    contacts.add_position(
        alice,
        contact_id=now_elsewhere.pk,
        company="ACME Ltd",
        title="PM",
        started_on=date(2020, 1, 1),
        ended_on=date(2023, 1, 1),
    )
    current = contacts.save_contact(alice, first_name="Now", last_name="There", company="Acme")
    who = contact_queries.who_i_know(alice, acme)
    assert [c.pk for c in who.current] == [current.pk]
    assert [p.contact_id for p in who.former] == [now_elsewhere.pk]


def test_who_i_know_is_kept_but_follows_every_change(alice, bob, django_assert_num_queries):
    acme = Company.objects.create(user=alice, name="Acme")
    first = contacts.save_contact(alice, first_name="Ada", last_name="One", company="Acme")
    assert [c.pk for c in contact_queries.who_i_know(alice, acme).current] == [first.pk]
    with django_assert_num_queries(0):
        contact_queries.who_i_know(alice, acme)
    contacts.save_contact(bob, first_name="Bo", last_name="Other", company="Acme")
    second = contacts.save_contact(alice, first_name="Bea", last_name="Two", company="Acme")
    assert {c.pk for c in contact_queries.who_i_know(alice, acme).current} == {first.pk, second.pk}
    Contact.objects.filter(pk=second.pk).delete()
    assert [c.pk for c in contact_queries.who_i_know(alice, acme).current] == [first.pk]


def test_a_position_that_ends_before_it_starts_is_refused(alice):
    contact = make_contact(alice)
    with pytest.raises(NetworkError, match="ended_on"):
        contacts.add_position(
            alice,
            contact_id=contact.pk,
            company="Acme",
            started_on=date(2024, 1, 1),
            ended_on=date(2023, 1, 1),
        )


def test_who_i_know_ranks_by_strength_then_recency_and_matches_other_names(alice):
    google = Company.objects.create(user=alice, name="Google", aliases=["Alphabet"])
    weak = make_contact(alice, first_name="Weak", company_key="google", strength=1)
    close = make_contact(alice, first_name="Close", company=google, strength=4)
    recent = make_contact(
        alice,
        first_name="Recent",
        company_key="google",
        strength=4,
        last_touched_on=date(2026, 5, 1),
    )
    make_contact(alice, first_name="Elsewhere", company_key="meta", strength=5)
    who = contact_queries.who_i_know(alice, google)
    assert [c.pk for c in who.current] == [recent.pk, close.pk, weak.pk]
    assert who.current_total == 3


def test_merging_moves_everything_to_the_kept_contact_and_fills_its_blanks(alice):
    acme = Company.objects.create(user=alice, name="Acme")
    keep = contacts.save_contact(alice, first_name="Jane", last_name="Doe", tags="mentor")
    keep.notes = "Met at a meetup."
    keep.save()
    other = contacts.save_contact(
        alice,
        first_name="Jane",
        last_name="Doe",
        email="jane@example.test",
        linkedin_url="https://www.linkedin.com/in/jane-doe",
        company="Acme",
        tags="recruiter, mentor",
        strength=4,
        notes="Likes payments.",
        can_open_ids=[acme.pk],
    )
    services.log_interaction(alice, contact_id=other.pk, occurred_on=date(2026, 3, 1))
    contacts.add_position(alice, contact_id=other.pk, company="Initech")
    event = Event.objects.create(user=alice, name="ProductCamp", starts_at=timezone.now())
    event.contacts_met.add(other, keep)
    group = Group.objects.create(user=alice, name="Mind the Product")
    group.contacts.add(other)

    merged = contacts.merge_contacts(alice, keep_id=keep.pk, other_ids=[other.pk])

    assert not Contact.objects.filter(pk=other.pk).exists()
    assert merged.email == "jane@example.test" and merged.linkedin_key == "in/jane-doe"
    assert merged.company_id == acme.pk and merged.strength == 4
    assert merged.notes == "Met at a meetup.\n\nLikes payments."
    assert sorted(t.name for t in merged.tags.all()) == ["mentor", "recruiter"]
    assert Interaction.objects.get(user=alice).contact_id == merged.pk
    assert merged.last_touched_on == date(2026, 3, 1)
    assert Position.objects.get(user=alice).contact_id == merged.pk
    assert list(merged.can_open.all()) == [acme]
    assert list(event.contacts_met.all()) == [merged]
    assert list(group.contacts.all()) == [merged]


def test_merging_needs_a_different_contact_and_refuses_another_users(alice, bob):
    keep = make_contact(alice)
    theirs = make_contact(bob)
    with pytest.raises(NetworkError, match="other"):
        contacts.merge_contacts(alice, keep_id=keep.pk, other_ids=[keep.pk])
    with pytest.raises(Http404):
        contacts.merge_contacts(alice, keep_id=keep.pk, other_ids=[theirs.pk])
    with pytest.raises(Http404):
        contacts.merge_contacts(bob, keep_id=keep.pk, other_ids=[theirs.pk])
    assert Contact.objects.filter(pk__in=[keep.pk, theirs.pk]).count() == 2


def test_duplicates_are_found_by_email_or_by_name_at_the_same_company(alice, bob):
    a = make_contact(alice, first_name="Jane", last_name="Doe", email="j@x.test")
    b = make_contact(alice, first_name="Janet", last_name="Other", email="J@X.test")
    c = make_contact(alice, first_name="JANE", last_name="doe", company_key="acme")
    d = make_contact(alice, first_name="Jane", last_name="Doe", company_key="acme")
    make_contact(alice, first_name="Jane", last_name="Doe", company_key="initech")
    make_contact(bob, first_name="Jane", last_name="Doe", email="j@x.test")
    groups = contact_queries.duplicates(alice)
    found = sorted(sorted(c.pk for c in g.contacts) for g in groups)
    assert found == sorted([sorted([a.pk, b.pk]), sorted([c.pk, d.pk])])


def test_duplicates_differing_only_by_case_accents_or_spacing_are_still_found(alice):
    a = make_contact(alice, first_name="Inès", last_name="Dubois", company_key="acme")
    b = make_contact(alice, first_name="  INES ", last_name="dubois", company_key="acme")
    c = make_contact(alice, first_name="Zoë", last_name="Tanaka", email="Zoe@Example.test")
    d = make_contact(alice, first_name="Zoe", last_name="Other", email="zoe@example.TEST")
    make_contact(alice, first_name="Inès", last_name="Duboisson", company_key="acme")
    make_contact(alice, first_name="Ines", last_name="Dubois", company_key="initech")
    groups = contact_queries.duplicates(alice)
    found = sorted(sorted(x.pk for x in g.contacts) for g in groups)
    assert found == sorted([sorted([a.pk, b.pk]), sorted([c.pk, d.pk])])
    assert "same email zoe@example.test" in [g.reason for g in groups]


def test_renaming_a_contact_moves_it_into_and_out_of_a_duplicate_pair(alice):
    make_contact(alice, first_name="Jane", last_name="Doe", company_key="acme")
    other = make_contact(alice, first_name="Janet", last_name="Doe", company_key="acme")
    assert contact_queries.duplicates(alice) == []
    contacts.save_contact(
        alice, contact_id=other.pk, first_name="JANE", last_name="Doe", company="Acme"
    )
    assert len(contact_queries.duplicates(alice)) == 1
    other.refresh_from_db()
    other.first_name = "Janet"
    other.save(update_fields=["first_name"])
    assert contact_queries.duplicates(alice) == []


def test_the_board_warmth_counts_contacts_at_each_company_under_any_of_its_names(alice):
    acme = Company.objects.create(user=alice, name="Acme", aliases=["Acme Rockets"])
    cold = Company.objects.create(user=alice, name="Coldco")
    make_contact(alice, company=acme, strength=2)
    make_contact(alice, company_key="acme rockets", strength=3)
    make_contact(alice, company=cold, strength=1)
    warmth = contact_queries.warmth(alice, [acme, cold])
    assert warmth[acme.pk].known == 2 and warmth[acme.pk].warm
    assert warmth[cold.pk].known == 1 and not warmth[cold.pk].warm


def test_applications_for_a_contact_are_those_at_their_company_or_ones_they_can_open(alice):
    at_theirs = make_application(alice, company_name="Acme")
    they_open = make_application(alice, company_name="Initech")
    make_application(alice, company_name="Unrelated")
    contact = contacts.save_contact(
        alice, first_name="Jane", company="Acme", can_open_ids=[they_open.company_id]
    )
    contact = contact_queries.contact_for_page(alice, contact.pk)
    found = {a.pk for a in contact_queries.applications_for(alice, contact)}
    assert found == {at_theirs.pk, they_open.pk}
