"""Writes for the self-assessment: starting and re-assessing (the last assessment is copied,
so history is kept), rating behaviours, and attaching or removing evidence. Every object id a
candidate sends is checked to be their own."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from pmpath.career import assessment_queries as aq
from pmpath.career.models import (
    EVIDENCE_KINDS,
    RATING_STATUSES,
    Assessment,
    BehaviourRating,
    Evidence,
    Experience,
)

STATUS_KEYS = {key for key, _ in RATING_STATUSES}
KIND_KEYS = {key for key, _ in EVIDENCE_KINDS}


class AssessmentError(Exception):
    """A rating or piece of evidence pmpath cannot store; the message names the field."""


def new_assessment(user: Any, *, note: str = "") -> Assessment:
    """Start an assessment. When there is an earlier one its ratings and evidence are copied,
    so re-assessing starts from where the candidate last stood and the old one stays as history."""
    with transaction.atomic():
        previous = aq.latest(user)
        assessment = Assessment.objects.create(
            user=user, target_level=aq.target_level(user), note=note[:2000]
        )
        if previous is None:
            return assessment
        old = list(
            BehaviourRating.objects.filter(assessment=previous).values_list(
                "id", "behaviour_id", "status"
            )
        )
        BehaviourRating.objects.bulk_create(
            BehaviourRating(user=user, assessment=assessment, behaviour_id=b, status=s)
            for _, b, s in old
        )
        new_ids = dict(
            BehaviourRating.objects.filter(assessment=assessment).values_list("behaviour_id", "id")
        )
        old_to_behaviour = {pk: b for pk, b, _ in old}
        Evidence.objects.bulk_create(
            Evidence(
                user=user,
                rating_id=new_ids[old_to_behaviour[ev.rating_id]],
                kind=ev.kind,
                object_id=ev.object_id,
                label=ev.label,
                url=ev.url,
            )
            for ev in Evidence.objects.filter(rating__assessment=previous).order_by("id")
        )
    return assessment


def _editable(user: Any, assessment: Assessment) -> None:
    if assessment.user_id != user.pk:
        raise AssessmentError("assessment: not yours")
    if not aq.is_latest(user, assessment):
        raise AssessmentError(
            "assessment: this one is kept as history; rate yourself on your latest assessment"
        )


def rate(user: Any, *, assessment: Assessment, statuses: dict[int, str]) -> int:
    """Set the status of each behaviour in `statuses`; return how many ratings changed."""
    _editable(user, assessment)
    known = {b.id for b in aq.engine_ladder().behaviours}
    for behaviour_id, status in statuses.items():
        if behaviour_id not in known:
            raise AssessmentError(f"behaviour {behaviour_id}: not a behaviour on the ladder")
        if status not in STATUS_KEYS:
            raise AssessmentError(
                f"behaviour {behaviour_id}: {status!r} is not one of not_yet, sometimes, "
                "consistently"
            )
    with transaction.atomic():
        existing = {
            r.behaviour_id: r
            for r in BehaviourRating.objects.filter(
                assessment=assessment, behaviour_id__in=list(statuses)
            )
        }
        now = timezone.now()
        changed = []
        for behaviour_id, row in existing.items():
            if row.status != statuses[behaviour_id]:
                row.status, row.updated_at = statuses[behaviour_id], now
                changed.append(row)
        BehaviourRating.objects.bulk_update(changed, ["status", "updated_at"])
        added = [
            BehaviourRating(user=user, assessment=assessment, behaviour_id=b, status=s)
            for b, s in statuses.items()
            if b not in existing
        ]
        BehaviourRating.objects.bulk_create(added)
        if changed or added:
            assessment.save(update_fields=["updated_at"])
    return len(changed) + len(added)


def _owned_object(user: Any, kind: str, object_id: Any) -> tuple[int, str]:
    """The id and label of the candidate's own story, case study, experience or scored practice
    attempt; AssessmentError naming the field for anything else (another user's included)."""
    from pmpath.interview.models import Attempt, Story
    from pmpath.portfolio.models import CaseStudy

    try:
        pk = int(object_id)
    except (TypeError, ValueError):
        raise AssessmentError(f"evidence: choose one of your {kind.replace('_', ' ')}s") from None
    if kind == "story":
        title = Story.objects.owned_by(user).filter(pk=pk).values_list("title", flat=True).first()
        label = f"Story: {title}" if title else None
    elif kind == "case_study":
        title = (
            CaseStudy.objects.owned_by(user).filter(pk=pk).values_list("title", flat=True).first()
        )
        label = f"Case study: {title}" if title else None
    elif kind == "experience":
        title = (
            Experience.objects.owned_by(user).filter(pk=pk).values_list("title", flat=True).first()
        )
        label = f"Experience: {title}" if title else None
    else:
        row = (
            Attempt.objects.owned_by(user)
            .filter(pk=pk, submitted_at__isnull=False, score__isnull=False)
            .values_list("question__text", "score", "submitted_at")
            .first()
        )
        label = f"Practice: {aq.practice_label(*row)}" if row else None
    if label is None:
        raise AssessmentError(f"evidence: no {kind.replace('_', ' ')} {pk} of yours")
    return pk, label[:300]


def attach_evidence(
    user: Any,
    *,
    assessment: Assessment,
    behaviour_id: int,
    kind: str,
    object_id: Any = None,
    label: str = "",
    url: str = "",
) -> Evidence:
    """Attach proof to one behaviour's rating (creating a "not yet" rating if there is none)."""
    _editable(user, assessment)
    if aq.behaviour_or_none(behaviour_id) is None:
        raise AssessmentError(f"behaviour {behaviour_id}: not a behaviour on the ladder")
    if kind not in KIND_KEYS:
        raise AssessmentError(f"kind: {kind!r} is not a kind of evidence")
    url = (url or "").strip()
    label = " ".join((label or "").split())
    if kind == "link":
        if not label:
            raise AssessmentError("label: say what the link shows")
        parts = urlsplit(url)
        if url and (parts.scheme not in ("http", "https") or not parts.netloc):
            raise AssessmentError("url: give a full web address starting with https://")
        pk: int | None = None
        label = label[:300]
        if len(url) > 1000:
            raise AssessmentError("url: at most 1,000 characters")
    else:
        pk, label = _owned_object(user, kind, object_id)
        url = ""
    with transaction.atomic():
        rating, _ = BehaviourRating.objects.get_or_create(
            assessment=assessment,
            behaviour_id=behaviour_id,
            defaults={"user": user, "status": "not_yet"},
        )
        if (
            pk is not None
            and Evidence.objects.filter(rating=rating, kind=kind, object_id=pk).exists()
        ):
            raise AssessmentError("evidence: that is already attached to this behaviour")
        return Evidence.objects.create(
            user=user, rating=rating, kind=kind, object_id=pk, label=label, url=url
        )


def remove_evidence(user: Any, *, evidence: Evidence) -> None:
    if evidence.user_id != user.pk:
        raise AssessmentError("evidence: not yours")
    _editable(user, evidence.rating.assessment)
    evidence.delete()
