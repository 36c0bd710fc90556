"""Background work for matching, run by Huey's worker (in-process under `pmpath serve`)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task()
def build_posting_index(user_id: int) -> int:
    """Build (or load and bring up to date) a user's posting index and save it to disk, so the
    web process finds it ready. Idempotent: a second run only checks for changes."""
    from django.contrib.auth import get_user_model

    from pmpath.matching import ranking

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return 0
    index, _ = ranking.index_for(user)
    return len(index)


@db_task()
def embed_postings(user_id: int) -> int:
    """With the [semantic] extra: embed the user's resume and every posting without a current
    vector (new or edited), saving as it goes. Returns how many postings were embedded."""
    from django.contrib.auth import get_user_model

    from pmpath.matching import queries, ranking, semantic

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not semantic.enabled():
        return 0
    who = queries.candidate(user)
    if who is None:
        return 0
    return semantic.compute(user.pk, ranking.live_docs(user), who.profile, who.checksum)
