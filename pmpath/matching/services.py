"""Writes for matching: scoring a posting for its match panel, and keeping MatchScore rows (the
stored score and parts of postings shown on pages and of applications' postings) fresh."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import F
from django.utils import timezone

from pmpath.core import generation
from pmpath.matching import ranking, semantic
from pmpath.matching.models import MatchScore
from pmpath.matching.queries import Candidate
from pmpath.matching.types import Filters, Match, Part, Ranked

# Up to this many postings are scored one by one; more are scored in one pass of the index.
ONE_BY_ONE = 25


def parts_json(parts: Iterable[Part], reasons: Iterable[str] = ()) -> dict[str, Any]:
    return {
        "parts": [
            {
                "key": p.key,
                "label": p.label,
                "weight": p.weight,
                "value": p.value,
                "points": p.points,
                "why": p.why,
            }
            for p in parts
        ],
        "reasons": list(reasons),
    }


def parts_from_json(value: Any) -> tuple[Part, ...]:
    rows = value.get("parts", []) if isinstance(value, dict) else []
    return tuple(Part(**row) for row in rows if isinstance(row, dict))


Row = tuple[int, int, Sequence[Part], Sequence[str]]  # posting id, score, parts, reasons


def _store(user: Any, checksum: str, rows: Sequence[Row]) -> int:
    """Upsert (posting id, score, parts) rows, writing only those not already stored as they
    are: showing the same page twice writes nothing."""
    if not rows:
        return 0
    held = {
        pk: score
        for pk, score in MatchScore.objects.owned_by(user)
        .filter(posting_id__in=[r[0] for r in rows], resume_checksum=checksum)
        .filter(updated_at__gte=F("posting__updated_at"))
        .values_list("posting_id", "score")
    }
    now = timezone.now()
    fresh = [
        MatchScore(
            user=user,
            posting_id=pk,
            score=score,
            parts=parts_json(parts, reasons),
            resume_checksum=checksum,
            created_at=now,
            updated_at=now,
        )
        for pk, score, parts, reasons in rows
        if held.get(pk) != score
    ]
    if fresh:
        MatchScore.objects.bulk_create(
            fresh,
            update_conflicts=True,
            unique_fields=["user", "posting"],
            update_fields=["score", "parts", "resume_checksum", "updated_at"],
        )
        # An upsert by bulk_create sends no signal; lists and the coach show these scores.
        generation.touch_after_commit(user.pk)
    return len(fresh)


def store_ranked(user: Any, checksum: str, ranked: Iterable[Ranked]) -> int:
    return _store(user, checksum, [(r.posting_id, r.score, r.parts, r.reasons) for r in ranked])


def store_match(user: Any, checksum: str, match: Match) -> int:
    return _store(user, checksum, [(match.posting_id, match.score, match.parts, ())])


def score_posting(user: Any, who: Candidate, posting_id: int, *, wait: bool = True) -> Match | None:
    """The full match (parts, evidence, gaps, wording) of one of the user's postings, stored;
    None when the posting is not theirs."""
    from pmpath.matching.engine import score

    doc = ranking.docs_for(user, [posting_id]).get(posting_id)
    if doc is None:
        return None
    # The index's word statistics make the lexical part agree with the ranked lists.
    index, _ = ranking.index_for(user, wait=wait)
    match = score(who.profile, doc, ranking.taxonomy(), stats=index.stats)
    match = semantic.blend_match(user.pk, match, who.checksum)
    store_match(user, who.checksum, match)
    return match


def score_postings(
    user: Any, who: Candidate, posting_ids: Sequence[int], *, wait: bool = True
) -> dict[int, int]:
    """Scores for many postings, stored: one by one for a few, else one pass of the index
    (ranking 100,000 postings costs about as much as scoring a hundred one by one)."""
    if len(posting_ids) <= ONE_BY_ONE:
        from pmpath.matching.engine import score

        docs = ranking.docs_for(user, posting_ids)
        index, _ = ranking.index_for(user, wait=wait)
        taxonomy = ranking.taxonomy()
        scored = [score(who.profile, d, taxonomy, stats=index.stats) for d in docs.values()]
        matches = [semantic.blend_match(user.pk, m, who.checksum) for m in scored]
        _store(user, who.checksum, [(m.posting_id, m.score, m.parts, ()) for m in matches])
        return {m.posting_id: m.score for m in matches}
    index, _ = ranking.index_for(user, wait=wait)
    ranked = ranking.rank_among(index, who.profile, Filters(family=None), posting_ids)
    ranked = semantic.rerank(user.pk, ranked, who.checksum)
    store_ranked(user, who.checksum, ranked)
    return {r.posting_id: r.score for r in ranked}


def refresh_application_scores(user: Any) -> int:
    """Store fresh scores for every application's posting (the coach and the lists read
    them); run in the background after a resume changes. Returns how many were written."""
    from pmpath.jobs.models import Application
    from pmpath.matching.queries import candidate, stored_scores

    who = candidate(user)
    if who is None:
        return 0
    ids = list(
        Application.objects.owned_by(user)
        .filter(posting__isnull=False)
        .order_by()
        .values_list("posting_id", flat=True)
        .distinct()
    )
    held = stored_scores(user, ids, who.checksum)
    missing = [pk for pk in ids if pk not in held]
    return len(score_postings(user, who, missing)) if missing else 0
