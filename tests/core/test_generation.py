"""Per-user data generations (pmpath/core/generation.py): a write to someone's data moves their
generation and nobody else's, a catalogue write moves everyone's, and every bulk path (imports,
polls, fetches, stored scores) moves the owner's generation itself, since bulk writes send no
signals. Those tests run with the model signals off, so they hold even where some other row of
the operation happens to be saved one by one today."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from pmpath.career.models import Level
from pmpath.career.resource_services import import_resources
from pmpath.core import account_data, generation
from pmpath.interview import bank_services
from pmpath.jobs import transfer, watches
from pmpath.jobs.services import ensure_stages
from pmpath.matching import services as matching_services
from pmpath.matching.models import MatchScore
from pmpath.matching.types import Ranked
from pmpath.network import imports
from pmpath.network.models import Contact
from pmpath.portfolio.models import PublicLink
from pmpath.portfolio.services import count_public_view
from pmpath.trends import fetcher
from pmpath.trends.models import Entry
from pmpath.trends.services import import_opml
from tests.jobs.boardfakes import greenhouse_jobs, greenhouse_url, json_answer
from tests.jobs.boardfakes import replay as replay_board
from tests.jobs.factories import make_posting
from tests.network.factories import make_contact
from tests.network.test_imports import full_export
from tests.trends.fakes import feed_answer, fixture, make_feed, replay

FEED = "https://pmnotes.example.test/feed.xml"


@pytest.fixture(autouse=True)
def fresh_generations() -> Iterator[None]:
    """Ids come back after a test's rollback, so a counter left by another test could answer
    for a new user here."""
    cache.clear()
    yield
    cache.clear()


def mine(user: Any) -> Any:
    return generation.current(user.pk)[0]


def everyones(user: Any) -> Any:
    return generation.current(user.pk)[1]


@contextmanager
def signals_off() -> Iterator[None]:
    """Only the operation's own touch can move a generation in here."""
    uids = (
        (post_save, "generation-save"),
        (post_delete, "generation-delete"),
        (m2m_changed, "generation-m2m"),
    )
    try:
        for signal, uid in uids:
            assert signal.disconnect(dispatch_uid=uid), f"{uid} was not connected"
        yield
    finally:
        generation.connect()


# --- the signals -----------------------------------------------------------------------------


def test_saving_a_persons_row_moves_their_generation_and_nobody_elses(alice, bob):
    before = generation.current(alice.pk), generation.current(bob.pk)
    contact = make_contact(alice)
    assert mine(alice) != before[0][0]
    assert generation.current(bob.pk) == before[1]
    assert everyones(alice) == before[0][1]

    moved = mine(alice)
    contact.notes = "Met at the meetup"
    contact.save()
    assert mine(alice) != moved


def test_deleting_a_persons_row_moves_their_generation(alice, bob):
    contact = make_contact(alice)
    before, bobs = mine(alice), generation.current(bob.pk)
    contact.delete()
    assert mine(alice) != before
    assert generation.current(bob.pk) == bobs


def test_a_row_naming_another_person_moves_their_generation_too(alice, bob):
    """A share is alice's row; bob, its reviewer, sees it counted on his own pages."""
    from pmpath.accounts.models import Share

    carol = get_user_model().objects.create_user("carol", password="x" * 16)
    before = mine(alice), mine(bob), mine(carol)
    share = Share.objects.create(user=alice, kind="portfolio", object_id=alice.pk, token="t1")
    assert mine(bob) == before[1]  # nobody's reviewer yet
    share.reviewer = bob
    share.save()
    assert mine(alice) != before[0] and mine(bob) != before[1]
    assert mine(carol) == before[2]


def test_saving_a_catalogue_row_moves_everyones_generation(alice, bob):
    before = generation.current(alice.pk), generation.current(bob.pk)
    level = Level.objects.order_by("order").first()
    assert level is not None
    level.summary += " "
    level.save(update_fields=["summary"])
    assert everyones(alice) != before[0][1] and everyones(bob) != before[1][1]
    assert (mine(alice), mine(bob)) == (before[0][0], before[1][0])


def test_a_write_moves_the_generation_again_when_it_commits(
    alice, django_capture_on_commit_callbacks
):
    """A reader between the write and the commit still saw the old rows: what it built under
    the generation of that moment must be retired too."""
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            make_contact(alice)
            during = mine(alice)
        # Not committed yet (the test's own transaction holds it): only the first move.
        assert mine(alice) == during
    assert mine(alice) != during


def test_a_never_moved_generation_reads_zero():
    assert generation.current(10**9)[0] == 0


# --- bulk paths: each moves the owner's generation by itself ---------------------------------


@pytest.mark.parametrize(
    "filename, data",
    [
        ("export.zip", full_export),
        ("people.csv", lambda: b"first_name,last_name,email\nAda,Lovelace,ada@example.test\n"),
    ],
    ids=["linkedin", "csv"],
)
def test_a_contacts_import_moves_the_importers_generation(alice, bob, filename, data):
    before, bobs = mine(alice), generation.current(bob.pk)
    with signals_off():
        report = imports.import_file(alice, filename=filename, data=data())
    assert report.added > 0 and Contact.objects.filter(user=alice).exists()
    assert mine(alice) != before
    assert generation.current(bob.pk) == bobs


def test_a_feed_fetch_that_stores_entries_moves_the_subscribers_generation(alice, bob):
    feed = make_feed(alice, url=FEED)
    before, bobs = mine(alice), generation.current(bob.pk)
    with signals_off(), replay({FEED: feed_answer("rss2.xml")}):
        report = fetcher.fetch_feed(feed)
    assert report.new == 3 and Entry.objects.filter(feed=feed).count() == 3
    assert mine(alice) != before
    assert generation.current(bob.pk) == bobs


def test_an_opml_import_moves_the_importers_generation(alice):
    before = mine(alice)
    with signals_off():
        outcome = import_opml(alice, data=fixture("nested.opml"), name="subs.opml")
    assert len(outcome.added) == 3
    assert mine(alice) != before


def test_a_board_poll_that_stores_postings_moves_the_watchers_generation(alice, bob):
    watch = watches.add_watch(
        alice, company_name="Acme", board_kind="greenhouse", board_name="acme"
    )
    before, bobs = mine(alice), generation.current(bob.pk)
    answers = {greenhouse_url("acme"): json_answer(greenhouse_jobs("Product Manager, Payments"))}
    with signals_off(), replay_board(answers):
        report = watches.poll(watch)
    assert report.new == 1 and not report.error
    assert mine(alice) != before
    assert generation.current(bob.pk) == bobs


def test_an_applications_import_moves_the_importers_generation(alice, bob):
    ensure_stages(alice)
    before, bobs = mine(alice), generation.current(bob.pk)
    data = b"company,role,stage\nAcme,Product Manager,Applied\n"
    with signals_off():
        report = transfer.import_applications(alice, "apps.csv", data)
    assert report.created == 1
    assert mine(alice) != before
    assert generation.current(bob.pk) == bobs


def test_an_account_import_moves_the_new_accounts_generation(alice, tmp_path):
    make_contact(alice, first_name="Grace", last_name="Hopper")
    path = tmp_path / "alice.json"
    path.write_text(account_data.export_json(alice))
    document, files, checksum = account_data.read_export(path)
    with signals_off():
        report = account_data.import_account(
            document, files=files, checksum=checksum, username="alice-copy"
        )
    assert report.records > 0
    copy = get_user_model().objects.get(username="alice-copy")
    assert Contact.objects.filter(user=copy, first_name="Grace").exists()
    assert mine(copy) != 0


def test_stored_match_scores_move_the_persons_generation_once(alice):
    posting = make_posting(alice)
    ranked = [Ranked(posting_id=posting.pk, score=72, parts=(), reasons=("close",))]
    before = mine(alice)
    with signals_off():
        assert matching_services.store_ranked(alice, "resume-1", ranked) == 1
    assert MatchScore.objects.get(user=alice, posting=posting).score == 72
    moved = mine(alice)
    assert moved != before
    # Showing the same list again stores nothing, so nothing built since is retired.
    with signals_off():
        assert matching_services.store_ranked(alice, "resume-1", ranked) == 0
    assert mine(alice) == moved


def test_a_resource_import_moves_the_owners_generation_or_everyones_when_shared(alice):
    own = "name,provider,kind\nOur onboarding course,Acme Academy,course\n"
    shared = "name,provider,kind\nA shared generation course,Generation Press,course\n"
    before = generation.current(alice.pk)
    with signals_off():
        assert import_resources(alice, "mine.csv", own).created == 1
    assert mine(alice) != before[0]
    before = generation.current(alice.pk)
    with signals_off():
        assert import_resources(None, "shared.csv", shared, shared=True).created == 1
    assert everyones(alice) != before[1]


def test_a_question_import_moves_the_importers_generation(alice):
    data = "text,category,levels\nHow would you price a new analytics add-on?,product_sense,pm\n"
    before = mine(alice)
    with signals_off():
        assert bank_services.import_questions(alice, "mine.csv", data).created == 1
    assert mine(alice) != before


def test_a_public_view_of_the_portfolio_moves_the_owners_generation(alice, bob):
    """The owner's portfolio page shows how often the link was opened."""
    link = PublicLink.objects.create(user=alice, token="generation-test-token")
    before, bobs = mine(alice), generation.current(bob.pk)
    count_public_view(link)
    link.refresh_from_db()
    assert link.views == 1
    assert mine(alice) != before
    assert generation.current(bob.pk) == bobs


def test_a_value_kept_under_the_generations_is_computed_again_once_they_move(alice, bob):
    cache.clear()
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert generation.cached(alice.pk, "t", "s", compute, ttl=60) == 1
    assert generation.cached(alice.pk, "t", "s", compute, ttl=60) == 1  # kept
    generation.touch(bob.pk)
    assert generation.cached(alice.pk, "t", "s", compute, ttl=60) == 1  # another user's move
    assert generation.cached(alice.pk, "t", "other stamp", compute, ttl=60) == 2
    generation.touch(alice.pk)
    assert generation.cached(alice.pk, "t", "s", compute, ttl=60) == 3
