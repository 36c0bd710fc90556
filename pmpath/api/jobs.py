"""/api/v1/jobs/: postings, applications and stage moves for the token owner."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from pmpath.core.models import get_owned_or_404
from pmpath.jobs import imports, queries, services
from pmpath.jobs.models import Application, Posting

router = Router(tags=["jobs"])
MAX_PAGE_HTML = 5 * 1024 * 1024


class PostingOut(Schema):
    id: int
    title: str
    company: str | None = Field(None, alias="company.name")
    location: str
    workplace: str
    employment_type: str
    salary_min: Decimal | None
    salary_max: Decimal | None
    salary_currency: str
    salary_interval: str
    source: str
    source_url: str
    posted_on: date | None
    family: str
    level: str
    classification_confidence: float


class PostingDetail(PostingOut):
    description_html: str
    description_text: str


class StageOut(Schema):
    id: int
    name: str
    order: int
    outcome: str


class ApplicationOut(Schema):
    id: int
    role_title: str
    company: str | None = Field(None, alias="company.name")
    posting_id: int | None
    stage: StageOut
    stage_changed_at: datetime
    applied_on: date | None
    next_action: str
    next_action_due: date | None
    archived_at: datetime | None


class ApplicationIn(Schema):
    posting_id: int | None = None
    role_title: str = ""
    company: str = ""
    stage_id: int | None = None
    notes: str = ""


class MoveIn(Schema):
    stage_id: int
    before_id: int | None = None


class PageIn(Schema):
    url: str = Field("", max_length=2000)
    html: str


class ProblemOut(Schema):
    position: str
    field: str
    message: str


class ImportOut(Schema):
    summary: str
    postings: list[int]
    problems: list[ProblemOut]
    missing: list[str]


class PostingFilters(Schema):
    family: str = ""
    level: str = ""
    workplace: str = ""
    q: str = ""
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


@router.get("/postings", response=list[PostingOut], summary="Postings, newest first")
def list_postings(request: HttpRequest, filters: Query[PostingFilters]) -> list[Posting]:
    rows = queries.postings(
        request.user,
        family=filters.family,
        level=filters.level,
        workplace=filters.workplace,
        search=filters.q,
    )
    return list(rows[filters.offset : filters.offset + filters.limit])


@router.get("/postings/{int:posting_id}", response=PostingDetail)
def get_posting(request: HttpRequest, posting_id: int) -> Posting:
    return get_owned_or_404(Posting.objects.select_related("company"), request.user, pk=posting_id)


@router.post("/postings/import-page", response=ImportOut, summary="Import a job page's HTML")
def import_page(request: HttpRequest, payload: PageIn) -> dict:
    """What the bookmarklet sends: the page's address and its HTML."""
    if len(payload.html) > MAX_PAGE_HTML:
        raise HttpError(413, "html: the page is over 5 MB")
    from pmpath.jobs.importers.jobpage import parse_job_page

    result = parse_job_page(payload.html, payload.url)
    for posting in result.postings:
        posting.source_url = posting.source_url or payload.url
    outcome = imports.import_postings(request.user, payload.url or "a job page", result)
    return {
        "summary": outcome.headline,
        "postings": [p.pk for p in outcome.postings],
        "problems": [vars(p) for p in outcome.problems],
        "missing": outcome.missing,
    }


@router.get("/stages", response=list[StageOut])
def list_stages(request: HttpRequest) -> list:
    return services.ensure_stages(request.user)


@router.get("/applications", response=list[ApplicationOut])
def list_applications(
    request: HttpRequest,
    stage_id: int | None = None,
    archived: bool = False,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
) -> list[Application]:
    rows = queries.applications(request.user, stage_id=stage_id, archived=archived)
    return list(rows[offset : offset + limit])


@router.post("/applications", response={201: ApplicationOut})
def create_application(request: HttpRequest, payload: ApplicationIn) -> Status:
    try:
        application = services.create_application(
            request.user,
            posting_id=payload.posting_id,
            role_title=payload.role_title,
            company_name=payload.company,
            stage_id=payload.stage_id,
            notes=payload.notes,
        )
    except services.JobsError as exc:
        raise HttpError(422, str(exc)) from None
    return Status(201, application)


@router.get("/applications/{int:application_id}", response=ApplicationOut)
def get_application(request: HttpRequest, application_id: int) -> Application:
    return get_owned_or_404(
        Application.objects.select_related("company", "stage"), request.user, pk=application_id
    )


@router.post("/applications/{int:application_id}/move", response=ApplicationOut)
def move_application(request: HttpRequest, application_id: int, payload: MoveIn) -> Application:
    try:
        return services.move_application(
            request.user,
            application_id=application_id,
            stage_id=payload.stage_id,
            before_id=payload.before_id,
        )
    except services.JobsError as exc:
        raise HttpError(422, str(exc)) from None
