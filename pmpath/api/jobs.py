"""/api/v1/jobs/: postings, applications and stage moves for the token owner."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from pmpath.core.models import get_owned_or_404
from pmpath.jobs import imports, interview_queries, interview_services, queries, services
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


class SavedOut(Schema):
    id: int
    title: str
    company: str
    level: str
    new: bool


class ImportOut(Schema):
    summary: str
    postings: list[int]
    saved: list[SavedOut] = []
    problems: list[ProblemOut]
    missing: list[str]


class PostingFilters(Schema):
    family: str = ""
    level: str = ""
    workplace: str = ""
    q: str = ""
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)


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
    outcome = imports.import_page_html(request.user, payload.html, payload.url)
    created = {p.pk for p in outcome.saved.created} if outcome.saved else set()
    return {
        "summary": outcome.headline,
        "postings": [p.pk for p in outcome.postings],
        "saved": [
            {
                "id": p.pk,
                "title": p.title,
                "company": p.company.name if p.company else "",
                "level": p.get_level_display() if p.family == "product_management" else "",
                "new": p.pk in created,
            }
            for p in outcome.postings
        ],
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
    offset: int = Query(0, ge=0, le=1_000_000),
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


class InterviewOut(Schema):
    id: int
    application_id: int
    kind: str
    starts_at: datetime = Field(..., description="In UTC.")
    local_start: datetime = Field(..., description="In the interview's own time zone.")
    time_zone: str
    duration_minutes: int
    location: str
    interviewers: str
    preparation: str
    outcome: str
    outcome_notes: str
    thank_you_sent_on: date | None
    uid: UUID


class InterviewIn(Schema):
    kind: str = "recruiter"
    local_start: datetime = Field(
        ..., description="Wall-clock time where the interview happens, e.g. 2026-12-10T15:00."
    )
    time_zone: str = Field(..., description="IANA name, e.g. Europe/Dublin.")
    duration_minutes: int = 45
    location: str = ""
    interviewers: str = ""
    preparation: str = ""


@router.get("/applications/{int:application_id}/interviews", response=list[InterviewOut])
def list_interviews(request: HttpRequest, application_id: int) -> list:
    application = get_owned_or_404(Application, request.user, pk=application_id)
    return interview_queries.interviews_for(application)


@router.post("/applications/{int:application_id}/interviews", response={201: InterviewOut})
def create_interview(request: HttpRequest, application_id: int, payload: InterviewIn) -> Status:
    try:
        interview = interview_services.add_interview(
            request.user, application_id=application_id, **payload.model_dump()
        )
    except services.JobsError as exc:
        raise HttpError(422, str(exc)) from None
    return Status(201, interview_queries.localize([interview])[0])
