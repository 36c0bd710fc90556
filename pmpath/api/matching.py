"""/api/v1/matching/: a posting's match against the token owner's resume, and the ranking of
their postings. Thin over matching.queries and matching.services."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from pmpath.core.models import get_owned_or_404
from pmpath.jobs.models import Posting
from pmpath.matching import queries, ranking, services
from pmpath.matching.queries import Candidate

router = Router(tags=["matching"])
BUILDING = "ranking: your postings are being indexed for the first time; try again in a minute"


class PartOut(Schema):
    key: str
    label: str
    weight: float
    value: float
    points: float
    why: str


class LineOut(Schema):
    text: str
    where: str
    section: str


class RequirementOut(Schema):
    skill: str
    name: str
    required: bool
    posting_text: str


class ShownOut(Schema):
    requirement: RequirementOut
    line: LineOut
    resume_text: str


class WordingOut(Schema):
    requirement: RequirementOut
    line: LineOut
    resume_text: str
    suggestion: str


class MatchOut(Schema):
    posting_id: int
    score: int
    parts: list[PartOut]
    shown: list[ShownOut]
    missing: list[RequirementOut]
    wording: list[WordingOut]
    years_asked: float | None
    notes: list[str]


class RankedOut(Schema):
    posting_id: int
    score: int
    title: str
    company: str
    location: str
    workplace: str
    level: str
    reasons: list[str]
    parts: list[PartOut]


class RankFilters(Schema):
    top: int = Field(20, ge=1, le=queries.MAX_TOP)
    level: str = ""
    remote: bool = False
    location: str = Field("", max_length=100)
    salary_floor: float | None = Field(None, ge=0)
    every_family: bool = False
    inbox: bool = False


def _candidate(request: HttpRequest) -> Candidate:
    who = queries.candidate(request.user)
    if who is None:
        raise HttpError(409, "resume: you have no resume yet; import one first")
    return who


@router.get(
    "/postings/{int:posting_id}/score",
    response=MatchOut,
    summary="One posting's match: score, parts, evidence, gaps and wording",
)
def posting_score(request: HttpRequest, posting_id: int) -> object:
    get_owned_or_404(Posting.objects.only("id"), request.user, pk=posting_id)
    try:
        match = services.score_posting(request.user, _candidate(request), posting_id, wait=False)
    except ranking.NotReady:
        raise HttpError(503, BUILDING) from None
    if match is None:  # deleted in between
        raise HttpError(404, "Not Found")
    return match


@router.get("/rank", response=list[RankedOut], summary="Your postings ranked against your resume")
def rank(request: HttpRequest, filters: Query[RankFilters]) -> list[dict]:
    _candidate(request)
    wanted = queries.filters_from(
        level=filters.level,
        remote=filters.remote,
        location=filters.location,
        salary_floor=filters.salary_floor,
        every_family=filters.every_family,
    )
    try:
        found = queries.best_matches(
            request.user, wanted, top=filters.top, inbox=filters.inbox, wait=False
        )
    except ranking.NotReady:
        raise HttpError(503, BUILDING) from None
    return [
        {
            "posting_id": row.ranked.posting_id,
            "score": row.ranked.score,
            "title": row.posting.title,
            "company": row.posting.company.name if row.posting.company else "",
            "location": row.posting.location,
            "workplace": row.posting.workplace,
            "level": row.posting.level,
            "reasons": list(row.ranked.reasons),
            "parts": list(row.ranked.parts),
        }
        for row in found.rows
    ]
