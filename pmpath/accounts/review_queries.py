"""What a reviewer's read-only pages show of a shared object. Everything is fetched by the
share's owner and the share's object id, never by an id from the address alone."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse

from pmpath.accounts.models import Share


def _missing() -> Http404:
    return Http404("Nothing shared here.")


def display_names(users: list[Any]) -> dict[int, str]:
    """Candidates' display names (else usernames), in one query."""
    from pmpath.career.models import CandidateProfile

    ids = {u.pk for u in users}
    names = dict(
        CandidateProfile.objects.filter(user_id__in=ids).values_list("user_id", "display_name")
    )
    return {u.pk: names.get(u.pk) or u.get_username() for u in users}


def _mock(share: Share) -> dict[str, Any]:
    from pmpath.interview import mock_queries
    from pmpath.interview.markup import render
    from pmpath.interview.models import Mock
    from pmpath.interview.practice_queries import CATEGORY_NAMES, LEVEL_NAMES

    mock = (
        Mock.objects.select_related("company")
        .filter(user_id=share.user_id, pk=share.object_id)
        .first()
    )
    if mock is None:
        raise _missing()
    report = mock_queries.report(mock)
    answers = {r.item.pk: render(r.attempt.answer) for r in report.rows if r.attempt}
    return {
        "mock": mock,
        "report": report,
        "answers": answers,
        "category_names": CATEGORY_NAMES,
        "level_names": LEVEL_NAMES,
    }


def _links(share: Share) -> Any:
    from pmpath.portfolio.export import Links

    image = reverse("review:image", args=[share.pk, 0]).removesuffix("0/")
    return Links(index="", css="", case=lambda c: "", image=lambda a: f"{image}{a.pk}/")


def _case_context(share: Share, case: Any) -> dict[str, Any]:
    from pmpath.portfolio import export, queries

    return {"links": _links(share), **export.case_context(case, queries.skill_names())}


def _cases(share: Share) -> Any:
    from pmpath.portfolio.models import Attachment, CaseStudy

    return CaseStudy.objects.filter(user_id=share.user_id).prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("order", "id"))
    )


def _case_study(share: Share) -> dict[str, Any]:
    case = _cases(share).filter(pk=share.object_id).first()
    if case is None:
        raise _missing()
    return _case_context(share, case)


def portfolio_case(share: Share, case_id: int) -> dict[str, Any]:
    case = _cases(share).filter(pk=case_id, published=True).first()
    if case is None:
        raise _missing()
    return {**_case_context(share, case), "in_portfolio": True}


def _portfolio(share: Share) -> dict[str, Any]:
    from pmpath.portfolio.models import CaseStudy

    cases = list(
        CaseStudy.objects.filter(user_id=share.user_id, published=True)
        .only("id", "title", "summary", "company", "period", "order", "updated_at")
        .order_by("order", "-updated_at", "id")
    )
    base = reverse("review:case", args=[share.pk, 0]).removesuffix("0/")
    return {"cases": cases, "case_base": base}


def _application(share: Share) -> dict[str, Any]:
    from pmpath.jobs import queries
    from pmpath.jobs.models import Application, Interview

    application = (
        Application.objects.select_related("company", "stage", "posting")
        .filter(user_id=share.user_id, pk=share.object_id)
        .first()
    )
    if application is None:
        raise _missing()
    rounds = list(
        Interview.objects.filter(user_id=share.user_id, application=application).order_by(
            "starts_at", "id"
        )
    )
    return {
        "application": application,
        "history": queries.history(application),
        "rounds": rounds,
    }


READERS = {
    "mock": _mock,
    "case_study": _case_study,
    "portfolio": _portfolio,
    "application": _application,
}


def shared_object(share: Share) -> dict[str, Any]:
    return READERS[share.kind](share)


def shared_attachment(share: Share, image_id: int) -> Any:
    """An image the share lets its reviewer see: one of the shared case study's, or of a
    published case study when the whole portfolio is shared."""
    from pmpath.portfolio.models import Attachment

    rows = Attachment.objects.filter(pk=image_id, user_id=share.user_id)
    if share.kind == "case_study":
        rows = rows.filter(case_study_id=share.object_id)
    elif share.kind == "portfolio":
        rows = rows.filter(case_study__published=True)
    else:
        raise _missing()
    attachment = rows.only("id", "image", "user_id").first()
    if attachment is None:
        raise _missing()
    return attachment
