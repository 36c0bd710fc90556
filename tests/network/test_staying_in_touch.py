from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from pmpath.jobs.models import Company
from pmpath.network import queries, services
from pmpath.network.models import Contact, Tag
from tests.network.factories import make_contact
from tests.perf import assert_constant_queries


def test_last_touched_is_always_the_latest_interaction(alice):
    contact = make_contact(alice, cadence_days=30)
    services.log_interaction(alice, contact_id=contact.pk, occurred_on=date(2026, 10, 1))
    later = services.log_interaction(alice, contact_id=contact.pk, occurred_on=date(2026, 11, 1))
    services.log_interaction(alice, contact_id=contact.pk, occurred_on=date(2026, 9, 1))
    contact.refresh_from_db()
    assert contact.last_touched_on == date(2026, 11, 1)
    assert contact.next_due_on == date(2026, 12, 1)
    services.delete_interaction(alice, interaction_id=later.pk)
    contact.refresh_from_db()
    assert contact.last_touched_on == date(2026, 10, 1)
    assert contact.next_due_on == date(2026, 10, 31)


def test_a_tag_cadence_applies_when_the_contact_has_none_and_the_shortest_wins(alice):
    contact = make_contact(alice)
    monthly = Tag.objects.create(user=alice, name="mentors", cadence_days=30)
    weekly = Tag.objects.create(user=alice, name="recruiters", cadence_days=7)
    contact.tags.add(monthly, weekly)
    services.log_interaction(alice, contact_id=contact.pk, occurred_on=date(2026, 11, 1))
    contact.refresh_from_db()
    assert contact.next_due_on == date(2026, 11, 8)


def test_a_contact_never_in_touch_with_a_cadence_is_due_now_and_without_one_never(alice):
    due = make_contact(alice, first_name="Due", cadence_days=14)
    never = make_contact(alice, first_name="Never")
    services.refresh_contacts(alice)
    due.refresh_from_db()
    never.refresh_from_db()
    assert due.next_due_on == timezone.localdate()
    assert never.next_due_on is None


def test_logging_an_interaction_takes_the_contact_off_the_overdue_list(alice):
    contact = make_contact(alice, cadence_days=30)
    today = timezone.localdate()
    services.log_interaction(alice, contact_id=contact.pk, occurred_on=today - timedelta(days=40))
    assert [c.pk for c in queries.due(alice).overdue] == [contact.pk]
    services.log_interaction(alice, contact_id=contact.pk, occurred_on=today)
    lists = queries.due(alice)
    assert lists.overdue == [] and lists.overdue_total == 0


def test_contacts_link_to_the_users_companies_by_fuzzy_name(alice, bob):
    google = Company.objects.create(user=alice, name="Google")
    Company.objects.create(user=bob, name="Google")
    contact = make_contact(alice, company_name="")
    services.set_company(contact, "Alphabet Inc.", services.company_matcher(alice))
    contact.save()
    assert contact.company_id == google.pk and contact.company_key == "google"
    other = make_contact(alice, company_name="Google LLC")
    assert services.relink_companies(alice) >= 1
    other.refresh_from_db()
    assert other.company_id == google.pk


def test_bob_cannot_log_an_interaction_with_alices_contact(alice, bob):
    import pytest
    from django.http import Http404

    contact = make_contact(alice)
    with pytest.raises(Http404):
        services.log_interaction(bob, contact_id=contact.pk)
    assert not contact.interactions.exists()


def test_the_network_page_shows_who_is_due_in_constant_queries(alice, alice_client):
    today = timezone.localdate()

    def grow(n):
        have = Contact.objects.filter(user=alice).count()
        Contact.objects.bulk_create(
            [
                Contact(user=alice, first_name=f"P{i}", next_due_on=today - timedelta(days=i % 9))
                for i in range(have, n)
            ]
        )

    assert_constant_queries(alice_client, reverse("network:index"), grow)
    body = alice_client.get(reverse("network:index")).content.decode()
    assert "Overdue" in body and "more." in body


def test_the_network_page_explains_what_to_do_when_empty(alice_client, charlie_client):
    body = alice_client.get(reverse("network:index")).content.decode()
    assert "No contacts yet" in body
    assert charlie_client.get(reverse("network:index")).status_code == 302
