"""/api/v1/resume: the token owner's resume as a JSON Resume document, read and replaced
whole. Thin over matching.resume_queries and matching.resume_services."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Body, Router, Schema, Status

from pmpath.matching import resume_queries, resume_services
from pmpath.matching.resume_services import ResumeError

router = Router(tags=["resume"])


class ResumeOut(Schema):
    data: dict[str, Any]
    checksum: str
    source: str
    updated_at: datetime | None
    has_draft: bool


class SchemaErrorOut(Schema):
    path: str
    message: str


class RefusedOut(Schema):
    detail: str
    errors: list[SchemaErrorOut]


def _out(user: Any) -> dict[str, Any]:
    resume = resume_queries.resume_of(user)
    if resume is None:
        return {"data": {}, "checksum": "", "source": "", "updated_at": None, "has_draft": False}
    return {
        "data": resume.data,
        "checksum": resume.checksum,
        "source": resume.source,
        "updated_at": resume.updated_at,
        "has_draft": bool(resume.draft),
    }


@router.get("", response=ResumeOut, summary="Your resume (a JSON Resume document)")
def get_resume(request: HttpRequest) -> dict[str, Any]:
    return _out(request.user)


@router.put(
    "",
    response={200: ResumeOut, 422: RefusedOut},
    summary="Replace your resume with a JSON Resume document (checked against the schema)",
)
def put_resume(request: HttpRequest, document: dict[str, Any] = Body(...)) -> Any:
    try:
        resume_services.save_document(request.user, data=document, source="json-resume")
    except ResumeError as error:
        errors = [{"path": e.path, "message": e.message} for e in error.errors]
        return Status(422, {"detail": error.message, "errors": errors})
    return Status(200, _out(request.user))
