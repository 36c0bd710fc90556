"""The optional [semantic] extra: blending sentence-embedding similarity into scores as a
visible part. The store and the blending are tested with vectors made here; the model itself
only when the extra is installed (the last test is skipped otherwise)."""

from __future__ import annotations

import numpy as np
import pytest
from django.urls import reverse

from pmpath.matching import queries, ranking, semantic, services
from pmpath.matching.types import Part, PostingDoc, Ranked
from tests.matching.match_factories import FAR, fresh_matching, make_resume, pm_posting


@pytest.fixture(autouse=True)
def _fresh(settings, tmp_path, monkeypatch):
    yield from fresh_matching(settings, tmp_path, monkeypatch)
    semantic.forget()


def unit(*values: float) -> np.ndarray:
    vector = np.zeros(384, dtype=np.float32)
    vector[: len(values)] = values
    return vector / np.linalg.norm(vector)


PARTS = (
    Part("required_skills", "Required skills", 40.0, 1.0, 40.0, ""),
    Part("lexical", "Wording overlap", 60.0, 0.5, 30.0, ""),
)


def test_blending_keeps_every_weight_visible_and_the_total_at_100():
    blended = semantic.blend_parts(PARTS, similarity=0.7)
    assert [p.key for p in blended] == ["required_skills", "lexical", "semantic"]
    assert sum(p.weight for p in blended) == pytest.approx(100.0)
    assert [p.points for p in blended] == [36.0, 27.0, 10.0]
    assert "alike in meaning" in blended[-1].why


def test_similarity_maps_onto_zero_to_one():
    assert semantic.value_of(0.1) == 0.0
    assert semantic.value_of(0.45) == pytest.approx(0.5)
    assert semantic.value_of(0.9) == 1.0


def test_the_store_round_trips_and_knows_which_texts_changed(tmp_path):
    store = semantic.Store(tmp_path / "semantic-1.npz")
    first = PostingDoc(id=1, title="PM, Payments", text="Own the roadmap.")
    second = PostingDoc(id=2, title="PM, Growth", text="Run experiments.")
    store.put([first, second], np.stack([unit(1, 0), unit(0, 1)]))
    store.resume, store.resume_checksum = unit(1, 0), "abc"
    store.save()
    again = semantic.Store.load(tmp_path / "semantic-1.npz")
    assert again.stale([first, second]) == []
    edited = PostingDoc(id=1, title="PM, Payments", text="Own the pricing roadmap.")
    assert again.stale([edited, second]) == [edited]
    sims = again.similarity([1, 2, 3], "abc")
    assert sims[1] == pytest.approx(1.0) and sims[2] == pytest.approx(0.0) and 3 not in sims
    assert again.similarity([1], "another resume") == {}


def test_a_damaged_vector_file_is_ignored_not_fatal(tmp_path):
    path = tmp_path / "semantic-1.npz"
    path.write_bytes(b"not numpy")
    assert semantic.Store.load(path).similarity([1], "") == {}


def test_reranking_uses_meaning_only_when_vectors_exist(alice, settings, monkeypatch):
    settings.MATCH_SEMANTIC = True
    monkeypatch.setattr(semantic, "installed", lambda: True)
    low = Ranked(1, 60, PARTS, ("a",))
    high = Ranked(2, 58, PARTS, ("b",))
    assert semantic.rerank(alice.pk, [low, high], "abc") == [low, high]  # nothing on disk yet
    store = semantic.Store(semantic.path_for(alice.pk))
    docs = [PostingDoc(id=1, title="a", text=""), PostingDoc(id=2, title="b", text="")]
    store.put(docs, np.stack([unit(0, 1), unit(1, 0)]))
    store.resume, store.resume_checksum = unit(1, 0), "abc"
    store.save()
    reranked = semantic.rerank(alice.pk, [low, high], "abc")
    assert [r.posting_id for r in reranked] == [2, 1]
    assert reranked[0].parts[-1].key == "semantic" and reranked[0].parts[-1].value == 1.0
    assert reranked[0].score == round(sum(p.points for p in reranked[0].parts))


def test_without_the_extra_nothing_changes(alice, settings, monkeypatch):
    settings.MATCH_SEMANTIC = True
    monkeypatch.setattr(semantic, "installed", lambda: False)
    make_resume(alice)
    posting = pm_posting(alice)
    who = queries.candidate(alice)
    match = services.score_posting(alice, who, posting.pk)
    assert "semantic" not in {p.key for p in match.parts}


@pytest.mark.skipif(not semantic.installed(), reason="the [semantic] extra is not installed")
def test_with_the_extra_the_worker_embeds_and_pages_show_the_meaning_part(
    alice, alice_client, settings
):
    from pmpath.matching.tasks import embed_postings

    settings.MATCH_SEMANTIC = True
    make_resume(alice)
    near = pm_posting(alice, 1)
    far = pm_posting(alice, 2, title="Group Product Manager, Health", description_text=FAR)
    assert embed_postings.call_local(alice.pk) == 2
    assert embed_postings.call_local(alice.pk) == 0  # nothing new: nothing embedded again
    who = queries.candidate(alice)
    sims = semantic.store_for(alice.pk).similarity([near.pk, far.pk], who.checksum)
    assert sims[near.pk] > sims[far.pk]
    html = alice_client.get(
        reverse("matching:posting_panel", args=[near.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "Meaning" in html and "alike in meaning" in html
    ranked, _ = queries.rank(alice, who, queries.filters_from(), top=5)
    assert ranked[0].parts[-1].key == "semantic"
    assert ranked[0].score == services.score_posting(alice, who, ranked[0].posting_id).score
    ranking.forget()
