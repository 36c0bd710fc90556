"""Stored match scores: kept for postings shown on pages and applications' postings, read by
lists and the coach, and stale as soon as the resume (or the posting) changes."""

from __future__ import annotations

import pytest

from pmpath.matching import queries, services
from pmpath.matching.models import MatchScore
from tests.jobs.factories import make_application
from tests.matching.match_factories import FAR, RESUME, fresh_matching, make_resume, pm_posting


@pytest.fixture(autouse=True)
def _fresh(settings, tmp_path, monkeypatch):
    yield from fresh_matching(settings, tmp_path, monkeypatch)


def test_scores_for_postings_is_empty_without_a_resume(alice):
    posting = pm_posting(alice)
    assert queries.scores_for_postings(alice, [posting.pk]) == {}


def test_scores_for_postings_computes_stores_and_then_reads_them(alice, django_assert_num_queries):
    make_resume(alice)
    posting = pm_posting(alice)
    scores = queries.scores_for_postings(alice, [posting.pk])
    assert 0 < scores[posting.pk] <= 100
    stored = MatchScore.objects.get(user=alice, posting=posting)
    assert stored.score == scores[posting.pk]
    assert [p["key"] for p in stored.parts["parts"]]
    with django_assert_num_queries(2):  # the resume's checksum, the stored scores
        assert queries.scores_for_postings(alice, [posting.pk]) == scores


def test_the_stored_score_agrees_with_the_match_panel_and_the_ranking(alice):
    make_resume(alice)
    posting = pm_posting(alice)
    pm_posting(alice, 2, title="Product Manager, Growth")
    who = queries.candidate(alice)
    match = services.score_posting(alice, who, posting.pk)
    ranked, _ = queries.rank(alice, who, queries.filters_from(), top=10)
    by_id = {r.posting_id: r.score for r in ranked}
    assert by_id[posting.pk] == match.score
    assert queries.scores_for_postings(alice, [posting.pk]) == {posting.pk: match.score}


def test_a_new_resume_makes_stored_scores_stale(alice):
    make_resume(alice)
    posting = pm_posting(alice)
    before = queries.scores_for_postings(alice, [posting.pk])[posting.pk]
    thin = {"basics": {"name": "Alice"}, "work": [{"position": "Barista", "highlights": [
        "Served coffee to regulars"]}]}  # fmt: skip
    make_resume(alice, thin)
    after = queries.scores_for_postings(alice, [posting.pk])[posting.pk]
    assert after < before
    row = MatchScore.objects.get(user=alice, posting=posting)
    assert (row.score, row.resume_checksum) == (after, queries.checksum_of(thin))


def test_an_edited_posting_makes_its_stored_score_stale(alice):
    make_resume(alice)
    posting = pm_posting(alice)
    before = queries.scores_for_postings(alice, [posting.pk])[posting.pk]
    posting.description_text = FAR
    posting.save()
    assert queries.scores_for_postings(alice, [posting.pk])[posting.pk] < before


def test_many_postings_are_scored_in_one_pass_of_the_index(alice):
    make_resume(alice)
    postings = [pm_posting(alice, n) for n in range(services.ONE_BY_ONE + 5)]
    scores = queries.scores_for_postings(alice, [p.pk for p in postings])
    assert set(scores) == {p.pk for p in postings}
    assert MatchScore.objects.filter(user=alice).count() == len(postings)


def test_applications_postings_get_stored_scores(alice):
    make_resume(alice)
    posting = pm_posting(alice)
    make_application(alice, posting_id=posting.pk)
    assert services.refresh_application_scores(alice) == 1
    assert services.refresh_application_scores(alice) == 0  # fresh: nothing to redo
    assert MatchScore.objects.filter(user=alice, posting=posting).exists()


def test_another_users_postings_get_no_score(alice, bob):
    make_resume(alice)
    make_resume(bob, RESUME)
    theirs = pm_posting(bob)
    assert queries.scores_for_postings(alice, [theirs.pk]) == {}
