"""Reads for matching: the candidate's profile as the engine sees it, best matches over every
posting (or the watchlist inbox), and the stored scores lists and the coach read."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import F, OuterRef, Subquery
from django.urls import NoReverseMatch, reverse

from pmpath.career.models import CandidateProfile
from pmpath.jobs.models import Posting
from pmpath.matching import ranking, semantic
from pmpath.matching.models import MatchScore, Resume
from pmpath.matching.types import LEVEL_ORDER, Filters, Match, ProfileDoc, Ranked, Requirement

BEST_TOP = 20
MAX_TOP = 200
MANY = 500
SEMANTIC_POOL = 3
# What a best-matches row shows of a posting.
LIST_FIELDS = (
    "id",
    "title",
    "location",
    "workplace",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_interval",
    "level",
    "company__name",
)


def checksum_of(data: dict) -> str:
    """sha256 of the canonical JSON of a resume document (the Resume.checksum rule)."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Candidate:
    """The user's resume as the engine reads it, and the checksum scores are stored under."""

    profile: ProfileDoc
    checksum: str
    resume_id: int


# ProfileDocs by (user, checksum, target level, day): building one parses the whole resume, and
# a job held "to date" grows the years of experience from one day to the next.
_profiles: OrderedDict[tuple[int, str, str, date], ProfileDoc] = OrderedDict()
_profiles_lock = threading.Lock()


def _profile_doc(data: dict, target_level: str) -> ProfileDoc:
    from pmpath.matching.profile import profile_from_resume

    level = target_level if target_level in LEVEL_ORDER else None
    return profile_from_resume(data, target_level=level)


def candidate(user: Any) -> Candidate | None:
    """The user's profile, or None when they have no resume yet (or an empty one). One query
    when the profile is cached, two when the resume must be read and parsed."""
    target = CandidateProfile.objects.filter(user=OuterRef("user")).values("target_level")[:1]
    row = (
        Resume.objects.owned_by(user)
        .annotate(target=Subquery(target))
        .values_list("id", "checksum", "target")
        .first()
    )
    if row is None:
        return None
    resume_id, checksum, target_level = row
    target_level = target_level or ""
    today = date.today()
    found = _profiles.get((user.pk, checksum, target_level, today)) if checksum else None
    if found is None:
        data = Resume.objects.filter(pk=resume_id).values_list("data", flat=True).first() or {}
        checksum = checksum or checksum_of(data)
        found = _profile_doc(data, target_level)
        with _profiles_lock:
            _profiles[(user.pk, checksum, target_level, today)] = found
            while len(_profiles) > ranking.MAX_USERS * 2:
                _profiles.popitem(last=False)
    if not found.lines:
        return None
    return Candidate(found, checksum, resume_id)


def filters_from(
    *,
    level: str = "",
    remote: bool = False,
    location: str = "",
    salary_floor: float | None = None,
    every_family: bool = False,
) -> Filters:
    return Filters(
        levels=(level,) if level in LEVEL_ORDER else (),  # type: ignore[arg-type]
        remote_only=remote,
        location=location.strip()[:100],
        salary_floor=salary_floor if salary_floor and salary_floor > 0 else None,
        family=None if every_family else "product_management",
    )


@dataclass(frozen=True)
class BestRow:
    ranked: Ranked
    posting: Posting


@dataclass(frozen=True)
class Best:
    rows: tuple[BestRow, ...]
    has_resume: bool
    indexed: int  # postings the ranking looked at


def _inbox(user: Any) -> tuple[set[int], Filters]:
    """The watchlist inbox (jobs.watch_queries.inbox) in its two halves: the ids of watched
    postings not dismissed and not tracked as applications, read from the inbox index alone;
    and its other conditions (product management, levels near the target) as ranking filters,
    which the ranking index answers from its own columns (archived postings are not in it).
    Reading those columns from 5,000 wide posting rows cost about 10 ms at the heavy user's
    size."""
    from pmpath.career.queries import profile_for
    from pmpath.jobs.watch_queries import INBOX_FAMILY, inbox_levels, inbox_watched

    ids = set(inbox_watched(user).order_by().values_list("id", flat=True))
    near = tuple(lv for lv in inbox_levels(profile_for(user)) if lv in LEVEL_ORDER)
    return ids, Filters(levels=near, family=INBOX_FAMILY)  # type: ignore[arg-type]


def _within(filters: Filters, scope: Filters) -> Filters | None:
    """The filters narrowed to a scope's family and levels; None when nothing can pass."""
    levels = scope.levels
    if filters.levels:
        levels = tuple(lv for lv in filters.levels if not scope.levels or lv in scope.levels)
        if not levels:
            return None
    return replace(filters, family=scope.family, levels=levels)


def rank(
    user: Any,
    who: Candidate,
    filters: Filters,
    *,
    top: int,
    only: set[int] | None = None,
    scope: Filters | None = None,
    wait: bool = True,
) -> tuple[list[Ranked], int]:
    """The best `top` postings (among `only` when given, those of them also passing `scope`'s
    family and levels) and how many postings were ranked over."""
    index, _ = ranking.index_for(user, wait=wait)
    top = max(1, min(top, MAX_TOP))
    if only is not None and scope is not None:
        only = index.passing(only, scope)
        narrowed = _within(filters, scope)
        if narrowed is None:
            return [], len(only)
        filters = narrowed
    if only is not None and not only:
        return [], 0
    # With the [semantic] extra, the engine's best few times `top` are re-ranked with meaning.
    reranking = semantic.enabled()
    want = top * SEMANTIC_POOL if reranking else top
    if only is None:
        found = list(index.rank(who.profile, filters=filters, top=want))
    else:
        found = ranking.rank_among(index, who.profile, filters, only, top=want)
    if reranking:
        semantic.queue(user.pk)
        found = semantic.rerank(user.pk, found, who.checksum)[:top]
    return found, len(index) if only is None else len(only)


def best_matches(
    user: Any, filters: Filters, *, top: int = BEST_TOP, inbox: bool = False, wait: bool = True
) -> Best:
    """The user's best-matching postings with the reasons for each rank; the postings shown
    are read in one query and their scores stored (lists and the coach read them). With
    `wait=False`, ranking.NotReady while a first big index is built in the background."""
    who = candidate(user)
    if who is None:
        return Best((), has_resume=False, indexed=0)
    only, scope = _inbox(user) if inbox else (None, None)
    ranked, indexed = rank(user, who, filters, top=top, only=only, scope=scope, wait=wait)
    postings = Posting.objects.owned_by(user).filter(pk__in=[r.posting_id for r in ranked])
    shown = postings.select_related("company").only(*LIST_FIELDS)
    by_id = {p.pk: p for p in shown}
    from pmpath.matching.services import store_ranked

    store_ranked(user, who.checksum, ranked)
    rows = tuple(BestRow(r, by_id[r.posting_id]) for r in ranked if r.posting_id in by_id)
    return Best(rows, has_resume=True, indexed=indexed)


def stored_scores(user: Any, posting_ids: list[int], checksum: str) -> dict[int, int]:
    """The stored scores still true: made for this resume, after the posting's last edit."""
    rows = MatchScore.objects.owned_by(user).filter(
        resume_checksum=checksum, updated_at__gte=F("posting__updated_at")
    )
    if len(posting_ids) <= MANY:
        return dict(rows.filter(posting_id__in=posting_ids).values_list("posting_id", "score"))
    # A long id list (every application's posting) is slower to bind than reading them all.
    wanted = set(posting_ids)
    return {pk: n for pk, n in rows.values_list("posting_id", "score") if pk in wanted}


def scores_for_postings(user: Any, posting_ids: Any) -> dict[int, int]:
    """Each posting's 0-100 match against the user's current resume: stored scores when fresh,
    the rest computed from the warm index and stored. {} when the user has no resume; only the
    stored ones while a first big index is still being built in the background."""
    ids = sorted({int(pk) for pk in posting_ids})
    if not ids:
        return {}
    who = candidate(user)
    if who is None:
        return {}
    found = stored_scores(user, ids, who.checksum)
    missing = [pk for pk in ids if pk not in found]
    if missing:
        from pmpath.matching.services import score_postings

        with suppress(ranking.NotReady):  # the background build is under way
            found.update(score_postings(user, who, missing, wait=False))
    return found


def every_family(filters: Filters) -> Filters:
    return replace(filters, family=None)


@dataclass(frozen=True)
class Gap:
    requirement: Requirement
    href: str  # the learning catalogue, filtered to what teaches the skill it evidences


def gap_links(match: Match) -> list[Gap]:
    """Each missing requirement with a link to resources that grow the guide skill it
    evidences, where the learning plan is made (enrol in one to add it to the plan)."""
    base = reverse("career:resources")
    skills = ranking.taxonomy().skills
    gaps = []
    for requirement in match.missing:
        skill = skills.get(requirement.skill)
        evidences = skill.evidences if skill else ()
        query = {"skill": evidences[0]} if evidences else {"q": requirement.name}
        gaps.append(Gap(requirement, f"{base}?{urlencode(query)}"))
    return gaps


def resume_href() -> str:
    """The resume page, where the empty states send the candidate."""
    for name in ("matching:resume", "matching:resume_import", "matching:index"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return reverse("career:onboarding")
