"""Pages read the coach's gathered input from a short-lived cache keyed on the data's
fingerprint and the user's data generation: a repeat visit reads almost nothing, and any write
the process sees (an edit to an old row included) shows on the next visit."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pmpath.coach import queries
from pmpath.core import generation
from pmpath.interview.models import Attempt
from pmpath.network.models import Contact
from tests.coach.factories import plant
from tests.conftest import onboard


def keys(user) -> set[str]:
    return {f.key for f in queries.coach(user, cached=True).findings}


def test_a_repeat_visit_reads_the_gathered_input_from_the_cache(alice):
    onboard(alice)
    plant(alice)
    first = keys(alice)
    with CaptureQueriesContext(connection) as captured:
        again = keys(alice)
    assert again == first
    # The fingerprint, the profile and the candidate's decisions; not the ~30 gathering reads.
    assert len(captured.captured_queries) <= 4


def test_an_edit_to_an_old_row_shows_at_once(alice):
    onboard(alice)
    p = plant(alice)
    assert f"thank_you:interview:{p['interview'].pk}" in keys(alice)
    interview = p["interview"]
    interview.thank_you_sent_on = timezone.localdate()
    interview.save()  # no new row: only the generation moves
    assert f"thank_you:interview:{p['interview'].pk}" not in keys(alice)


def test_a_bulk_write_shows_once_it_touches_the_user(alice):
    onboard(alice)
    plant(alice)
    assert "practice_unreviewed:recent" in keys(alice)
    Attempt.objects.filter(user=alice).update(self_review="Too long; cut the intro.")
    assert "practice_unreviewed:recent" in keys(alice)  # no signal, no new row: still cached
    generation.touch_after_commit(alice.pk)
    assert "practice_unreviewed:recent" not in keys(alice)


def test_another_users_writes_leave_the_cache_alone(alice, bob):
    onboard(alice)
    onboard(bob)
    plant(alice)
    keys(alice)
    Contact.objects.create(user=bob, first_name="Dana", last_name="Reyes")
    with CaptureQueriesContext(connection) as captured:
        keys(alice)
    assert len(captured.captured_queries) <= 4
