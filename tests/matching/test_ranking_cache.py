"""The per-user PostingIndex cache: built once, kept in memory and on disk, and brought up to
date incrementally when postings arrive, change or go."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pmpath.jobs.models import Posting
from pmpath.matching import queries, ranking, services
from tests.matching.match_factories import (
    FAR,
    bulk_pm_postings,
    fresh_matching,
    make_resume,
    pm_posting,
)


@pytest.fixture(autouse=True)
def _fresh(settings, tmp_path, monkeypatch):
    yield from fresh_matching(settings, tmp_path, monkeypatch)


def _ranked_ids(user) -> list[int]:
    who = queries.candidate(user)
    found, _ = queries.rank(user, who, queries.filters_from(every_family=True), top=200)
    return [r.posting_id for r in found]


def _no_rebuilds(monkeypatch) -> None:
    def refuse(user):
        raise AssertionError("the index was rebuilt from scratch")

    monkeypatch.setattr(ranking, "_build", refuse)


def test_it_builds_the_index_once_and_then_reads_only_the_highest_id(alice):
    make_resume(alice)
    pm_posting(alice)
    index, sync = ranking.index_for(alice)
    assert sync.built and len(index) == 1
    ranking.index_for(alice)  # the save above marked alice: one full check
    with CaptureQueriesContext(connection) as captured:
        again, sync = ranking.index_for(alice)
    assert again is index and not sync.built
    assert (sync.added, sync.updated, sync.removed) == (0, 0, 0)
    assert len(captured.captured_queries) == 1
    assert "MAX" in captured.captured_queries[0]["sql"].upper()


def test_a_new_posting_appears_in_the_ranking_without_a_rebuild(alice, monkeypatch):
    make_resume(alice)
    first = pm_posting(alice, 1)
    assert _ranked_ids(alice) == [first.pk]
    _no_rebuilds(monkeypatch)
    second = pm_posting(alice, 2, title="Product Manager, Checkout")
    _, sync = ranking.index_for(alice)
    assert (sync.built, sync.added) == (False, 1)
    assert set(_ranked_ids(alice)) == {first.pk, second.pk}


def test_postings_imported_by_bulk_create_are_picked_up(alice, monkeypatch):
    make_resume(alice)
    pm_posting(alice)
    ranking.index_for(alice)
    _no_rebuilds(monkeypatch)
    bulk_pm_postings(alice, 30)
    index, sync = ranking.index_for(alice)
    assert sync.added == 29 and len(index) == 30


def test_an_edited_posting_is_rescored(alice, monkeypatch):
    make_resume(alice)
    posting = pm_posting(alice)
    who = queries.candidate(alice)
    before = queries.rank(alice, who, queries.filters_from(every_family=True), top=5)[0][0]
    _no_rebuilds(monkeypatch)
    posting.description_text = "Requirements: A/B testing, SQL, PRDs and a payments roadmap."
    posting.save()
    _, sync = ranking.index_for(alice)
    assert (sync.updated, sync.added) == (1, 0)
    after = queries.rank(alice, who, queries.filters_from(every_family=True), top=5)[0][0]
    assert after.posting_id == posting.pk
    assert after.score > before.score
    assert after.score == services.score_posting(alice, who, posting.pk).score


def test_a_deleted_posting_is_gone_from_the_ranking(alice, monkeypatch):
    monkeypatch.setattr(ranking, "FULL_CHECK_SECONDS", 0)
    make_resume(alice)
    keep, drop = pm_posting(alice, 1), pm_posting(alice, 2)
    assert set(_ranked_ids(alice)) == {keep.pk, drop.pk}
    _no_rebuilds(monkeypatch)
    drop.delete()
    _, sync = ranking.index_for(alice)
    assert sync.removed == 1
    assert _ranked_ids(alice) == [keep.pk]


def test_edits_from_another_process_show_at_the_next_full_check(alice, monkeypatch):
    from django.utils import timezone

    make_resume(alice)
    posting = pm_posting(alice)
    ranking.index_for(alice)
    ranking.index_for(alice)
    # Another process edits the posting: no signal reaches this one.
    Posting.objects.filter(pk=posting.pk).update(description_text=FAR, updated_at=timezone.now())
    _, sync = ranking.index_for(alice)
    assert sync.updated == 0  # not yet: the full check is throttled
    monkeypatch.setattr(ranking, "FULL_CHECK_SECONDS", 0)
    _, sync = ranking.index_for(alice)
    assert sync.updated == 1


def test_a_save_in_another_process_is_seen_through_the_shared_cache(alice):
    from django.core.cache import cache
    from django.utils import timezone

    make_resume(alice)
    posting = pm_posting(alice)
    ranking.index_for(alice)
    ranking.index_for(alice)
    Posting.objects.filter(pk=posting.pk).update(description_text=FAR, updated_at=timezone.now())
    # What the other process's post_save leaves behind: its process id and a time.
    cache.set(ranking._marker_key(alice.pk), "999999999:1")
    _, sync = ranking.index_for(alice)
    assert sync.updated == 1


def test_an_edit_in_this_process_rereads_only_that_posting(alice, monkeypatch):
    make_resume(alice)
    posting = pm_posting(alice)
    pm_posting(alice, 2)
    ranking.index_for(alice)
    ranking.index_for(alice)
    monkeypatch.setattr(ranking, "_state", lambda user: pytest.fail("a full scan was made"))
    posting.description_text = FAR
    posting.save()
    _, sync = ranking.index_for(alice)
    assert (sync.updated, sync.added) == (1, 0)


def test_an_archived_posting_leaves_the_ranking_and_comes_back_when_restored(alice):
    make_resume(alice)
    keep, shelve = pm_posting(alice, 1), pm_posting(alice, 2)
    _ranked_ids(alice)
    shelve.archived = True
    shelve.save()
    assert _ranked_ids(alice) == [keep.pk]
    shelve.archived = False
    shelve.save()
    assert set(_ranked_ids(alice)) == {keep.pk, shelve.pk}


def test_the_index_survives_a_restart_by_loading_from_disk(alice, monkeypatch):
    make_resume(alice)
    first = pm_posting(alice, 1)
    ranking.index_for(alice)
    assert list(ranking.folder().glob(f"index-{alice.pk}*"))
    ranking.forget()  # the process restarts: memory is empty, the disk is not
    _no_rebuilds(monkeypatch)
    index, sync = ranking.index_for(alice)
    assert sync.loaded and not sync.built and len(index) == 1
    assert _ranked_ids(alice) == [first.pk]


def test_after_a_restart_it_catches_up_with_what_changed_meanwhile(alice, monkeypatch):
    make_resume(alice)
    first = pm_posting(alice, 1)
    ranking.index_for(alice)
    ranking.forget()
    second = pm_posting(alice, 2)
    first.delete()
    _no_rebuilds(monkeypatch)
    _, sync = ranking.index_for(alice)
    assert (sync.loaded, sync.added, sync.removed) == (True, 1, 1)
    assert _ranked_ids(alice) == [second.pk]


def test_a_damaged_file_on_disk_is_rebuilt_rather_than_fatal(alice):
    make_resume(alice)
    pm_posting(alice)
    ranking.index_for(alice)
    ranking.forget()
    for path in ranking.folder().glob(f"index-{alice.pk}*"):
        path.write_bytes(b"not an index")
    index, sync = ranking.index_for(alice)
    assert sync.built and len(index) == 1


def test_memory_holds_a_bounded_number_of_users(alice, bob, monkeypatch):
    monkeypatch.setattr(ranking, "MAX_USERS", 1)
    pm_posting(alice)
    pm_posting(bob)
    ranking.index_for(alice)
    ranking.index_for(bob)
    assert list(ranking._cache) == [bob.pk]


def test_each_user_ranks_only_their_own_postings(alice, bob):
    make_resume(alice)
    make_resume(bob)
    mine = pm_posting(alice)
    theirs = pm_posting(bob)
    assert _ranked_ids(alice) == [mine.pk]
    assert _ranked_ids(bob) == [theirs.pk]


def test_salaries_are_compared_per_year(alice):
    make_resume(alice)
    monthly = pm_posting(alice, 1, salary_min=9000, salary_max=10000, salary_interval="month")
    yearly = pm_posting(alice, 2, salary_min=60000, salary_max=70000, salary_interval="year")
    docs = ranking.docs_for(alice, [monthly.pk, yearly.pk])
    assert docs[monthly.pk].salary_max == 120000
    who = queries.candidate(alice)
    found, _ = queries.rank(alice, who, queries.filters_from(salary_floor=100000), top=10)
    assert [r.posting_id for r in found] == [monthly.pk]
    assert Posting.objects.filter(user=alice).count() == 2


def test_deleting_the_newest_posting_does_not_make_every_use_a_full_check(alice, monkeypatch):
    make_resume(alice)
    pm_posting(alice, 1)
    newest = pm_posting(alice, 2)
    ranking.index_for(alice)
    newest.delete()
    _, sync = ranking.index_for(alice)  # the highest id went down: a full check finds why
    assert sync.removed == 1
    monkeypatch.setattr(ranking, "_state", lambda user: pytest.fail("a full scan was made"))
    _, sync = ranking.index_for(alice)
    assert sync == ranking.Sync()
