"""The networking overview's counts are kept under the person's data generation: a save, a
delete and a bulk import each show at once, and another person's writes do not matter."""

from pmpath.network import imports, queries
from pmpath.network.models import Contact
from tests.network.factories import make_contact
from tests.network.test_imports import fixture


def test_counts_follow_saves_deletes_and_imports(alice, bob):
    assert queries.counts(alice)["contacts"] == 0
    contact = make_contact(alice)
    assert queries.counts(alice)["contacts"] == 1
    make_contact(bob)
    assert queries.counts(alice)["contacts"] == 1
    contact.delete()
    assert queries.counts(alice)["contacts"] == 0
    imports.import_file(alice, filename="Connections.csv", data=fixture("Connections.csv"))
    stored = Contact.objects.owned_by(alice).count()
    assert stored > 0 and queries.counts(alice)["contacts"] == stored


def test_a_repeat_read_counts_nothing(alice, django_assert_num_queries):
    make_contact(alice)
    queries.counts(alice)
    with django_assert_num_queries(0):
        assert queries.counts(alice)["contacts"] == 1
