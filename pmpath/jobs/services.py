"""Writes for the jobs area: companies, postings (imports), the pipeline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.http import Http404
from django.utils import timezone

from pmpath.core.models import get_owned_or_404
from pmpath.jobs.classify import classify
from pmpath.jobs.importers.base import ParsedPosting, canonical_url
from pmpath.jobs.models import Application, Company, Posting, Stage, StageChange

DEFAULT_STAGES = [
    ("Saved", "open"),
    ("Applied", "open"),
    ("Screening", "open"),
    ("Interviewing", "open"),
    ("Offer", "open"),
    ("Accepted", "won"),
    ("Rejected", "lost"),
    ("Withdrawn", "lost"),
]
POSTING_FIELDS = (
    "title",
    "location",
    "workplace",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_interval",
    "description_html",
    "description_text",
    "department",
    "source",
    "source_url",
    "apply_url",
    "external_id",
    "posted_on",
    "valid_through",
)


class JobsError(Exception):
    """A user-facing problem; the message names the field."""


# --- stages -------------------------------------------------------------------------------


def ensure_stages(user: Any) -> list[Stage]:
    """The user's pipeline stages, created with the defaults on first use."""
    stages = list(Stage.objects.owned_by(user).order_by("order", "id"))
    if stages:
        return stages
    with transaction.atomic():
        Stage.objects.bulk_create(
            [
                Stage(user=user, name=name, order=index, outcome=outcome)
                for index, (name, outcome) in enumerate(DEFAULT_STAGES)
            ],
            ignore_conflicts=True,
        )
    return list(Stage.objects.owned_by(user).order_by("order", "id"))


STAGE_NAME_MAX = 60


def _stage_name(user: Any, name: str, *, exclude: int | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise JobsError("name: a stage needs a name")
    if len(name) > STAGE_NAME_MAX:
        raise JobsError(f"name: keep stage names to {STAGE_NAME_MAX} characters")
    clash = Stage.objects.owned_by(user).filter(name__iexact=name).exclude(pk=exclude)
    if clash.exists():
        raise JobsError(f"name: you already have a stage called \u201c{name}\u201d")
    return name


def _stage_outcome(outcome: str) -> str:
    if outcome not in dict(Stage.OUTCOMES):
        raise JobsError("outcome: choose open (in progress), won or lost")
    return outcome


def _renumber(stages: list[Stage]) -> None:
    changed = []
    for index, stage in enumerate(stages):
        if stage.order != index:
            stage.order = index
            changed.append(stage)
    Stage.objects.bulk_update(changed, ["order"])


def add_stage(user: Any, *, name: str, outcome: str = "open") -> Stage:
    """A new stage: an open one goes after the last open stage (so it joins the path before
    the closed ones), a won or lost one at the end. Reorder it from there."""
    stages = ensure_stages(user)
    name, outcome = _stage_name(user, name), _stage_outcome(outcome)
    index = len(stages)
    if outcome == "open":
        index = 1 + max((i for i, s in enumerate(stages) if s.outcome == "open"), default=-1)
    try:
        with transaction.atomic():
            stage = Stage.objects.create(user=user, name=name, order=index, outcome=outcome)
            stages.insert(index, stage)
            _renumber(stages)
    except IntegrityError:  # added meanwhile from another tab
        raise JobsError(f"name: you already have a stage called \u201c{name}\u201d") from None
    return stage


def update_stage(
    user: Any, *, stage_id: int, name: str | None = None, outcome: str | None = None
) -> Stage:
    stage = get_owned_or_404(Stage, user, pk=stage_id)
    if name is not None:
        stage.name = _stage_name(user, name, exclude=stage.pk)
    if outcome is not None and _stage_outcome(outcome) != stage.outcome:
        others_open = Stage.objects.owned_by(user).filter(outcome="open").exclude(pk=stage.pk)
        if stage.outcome == "open" and not others_open.exists():
            raise JobsError(f"outcome: {stage.name} is your only open stage; keep one open")
        stage.outcome = outcome
    try:
        with transaction.atomic():
            stage.save(update_fields=["name", "outcome", "updated_at"])
    except IntegrityError:  # renamed meanwhile from another tab
        raise JobsError(f"name: you already have a stage called \u201c{stage.name}\u201d") from None
    return stage


def rename_stage(user: Any, *, stage_id: int, name: str) -> Stage:
    return update_stage(user, stage_id=stage_id, name=name)


def move_stage(user: Any, *, stage_id: int, by: int) -> Stage:
    """One place up (by=-1) or down (by=1); at either end it stays where it is."""
    stage = get_owned_or_404(Stage, user, pk=stage_id)
    stages = ensure_stages(user)
    index = next(i for i, s in enumerate(stages) if s.pk == stage.pk)
    target = index + (1 if by > 0 else -1)
    if 0 <= target < len(stages):
        stages[index], stages[target] = stages[target], stages[index]
        with transaction.atomic():
            _renumber(stages)
    return stage


def reorder_stages(user: Any, *, stage_ids: list[int]) -> None:
    stages = {s.pk: s for s in ensure_stages(user)}
    if any(pk not in stages for pk in stage_ids):
        raise Http404("No stage here.")  # someone else's, or gone: say no more than that
    if len(stage_ids) != len(stages) or set(stage_ids) != set(stages):
        raise JobsError("order: list every stage exactly once")
    with transaction.atomic():
        _renumber([stages[pk] for pk in stage_ids])


def delete_stage(user: Any, *, stage_id: int) -> Stage:
    """Only a stage nothing refers to: applications hold their stage, and timelines (and
    the funnel) are built from the moves into it, which deleting would erase."""
    stage = get_owned_or_404(Stage, user, pk=stage_id)
    held = Application.objects.filter(stage=stage).count()
    if held:
        raise JobsError(
            f"{stage.name} still holds {held} application{'s' if held != 1 else ''} "
            "(archived ones count too): move them to another stage first, then delete it"
        )
    moves = StageChange.objects.filter(to_stage=stage).values("application").distinct().count()
    if moves:
        raise JobsError(
            f"{stage.name} is in the timeline of {moves} application{'s' if moves != 1 else ''}; "
            "deleting it would erase that history, so rename it instead"
        )
    if stage.outcome == "open" and not (
        Stage.objects.owned_by(user).filter(outcome="open").exclude(pk=stage.pk).exists()
    ):
        raise JobsError(f"{stage.name} is your only open stage; keep one open")
    with transaction.atomic():
        stage.delete()
        _renumber(list(Stage.objects.owned_by(user).order_by("order", "id")))
    return stage


# --- companies ----------------------------------------------------------------------------


def company_named(user: Any, name: str) -> Company | None:
    """The user's company with this name or alias (ignoring case), created when new."""
    name = " ".join((name or "").split())[:200]
    if not name:
        return None
    found = Company.objects.owned_by(user).filter(name__iexact=name).first()
    if found is not None:
        return found
    folded = name.casefold()
    for company in Company.objects.owned_by(user).exclude(aliases=[]).only("aliases", "name"):
        if any(folded == str(alias).casefold() for alias in company.aliases):
            return company
    try:
        with transaction.atomic():
            return Company.objects.create(user=user, name=name)
    except IntegrityError:  # created meanwhile by a concurrent import
        return Company.objects.owned_by(user).get(name=name)


# --- postings -----------------------------------------------------------------------------


@dataclass
class SaveReport:
    created: list[Posting] = field(default_factory=list)
    updated: list[Posting] = field(default_factory=list)
    unchanged: list[Posting] = field(default_factory=list)

    @property
    def postings(self) -> list[Posting]:
        return [*self.created, *self.updated, *self.unchanged]

    def summary(self) -> str:
        return (
            f"{len(self.created)} new, {len(self.updated)} updated, {len(self.unchanged)} unchanged"
        )


def _existing(user: Any, parsed: ParsedPosting, url: str) -> Posting | None:
    match = Q()
    if parsed.external_id and parsed.source:
        match |= Q(source=parsed.source, external_id=parsed.external_id)
    if url:
        match |= Q(canonical_url=url)
    if not match:
        return None
    return Posting.objects.owned_by(user).filter(match).order_by("id").first()


def save_postings(user: Any, postings: Iterable[ParsedPosting]) -> SaveReport:
    """Store parsed postings atomically. A posting already stored (same source id, or same
    canonical URL) is updated in place, so importing twice changes nothing."""
    report = SaveReport()
    companies: dict[str, Company | None] = {}
    with transaction.atomic():
        for parsed in postings:
            url = canonical_url(parsed.source_url)
            key = parsed.company.casefold()
            if key not in companies:
                companies[key] = company_named(user, parsed.company)
            values: dict[str, Any] = {f: getattr(parsed, f) for f in POSTING_FIELDS}
            values["title"] = (values["title"] or "Untitled posting")[:300]
            values["canonical_url"] = url
            values["company"] = companies[key]
            verdict = classify(parsed.title, parsed.description_text or None)
            values["family"] = verdict.family
            values["level"] = verdict.level or ""
            values["classification_confidence"] = round(verdict.confidence, 3)
            posting = _existing(user, parsed, url)
            if posting is None:
                report.created.append(Posting.objects.create(user=user, **values))
                continue
            changed = [name for name, value in values.items() if getattr(posting, name) != value]
            if not changed:
                report.unchanged.append(posting)
                continue
            for name in changed:
                setattr(posting, name, values[name])
            posting.save(update_fields=[*changed, "updated_at"])
            report.updated.append(posting)
    return report


# --- applications -------------------------------------------------------------------------


def _stage(user: Any, stage_id: int | None) -> Stage:
    stages = ensure_stages(user)
    if stage_id is None:
        return stages[0]
    for stage in stages:
        if stage.pk == stage_id:
            return stage
    raise JobsError("stage: not one of your stages")


APPLICATION_FIELDS = (
    "role_title",
    "applied_on",
    "source",
    "next_action",
    "next_action_due",
    "notes",
    "resume_version",
    "cover_letter_version",
    "salary_expectation",
)


def create_application(
    user: Any,
    *,
    posting_id: int | None = None,
    role_title: str = "",
    company_name: str = "",
    stage_id: int | None = None,
    **values: Any,
) -> Application:
    unknown = set(values) - set(APPLICATION_FIELDS)
    if unknown:
        raise JobsError(f"unknown fields: {', '.join(sorted(unknown))}")
    posting = get_owned_or_404(Posting, user, pk=posting_id) if posting_id else None
    if posting is not None:
        role_title = role_title or posting.title
        company = posting.company
    else:
        company = company_named(user, company_name)
    role_title = " ".join(role_title.split())[:300]
    if not role_title:
        raise JobsError("role_title: say which role this is")
    stage = _stage(user, stage_id)
    now = timezone.now()
    with transaction.atomic():
        top = Application.objects.owned_by(user).filter(stage=stage).aggregate(m=Max("position"))
        application = Application.objects.create(
            user=user,
            posting=posting,
            company=company,
            role_title=role_title,
            stage=stage,
            position=(top["m"] or 0) + 1,
            stage_changed_at=now,
            **{k: v for k, v in values.items() if k != "role_title"},
        )
        StageChange.objects.create(
            user=user, application=application, to_stage=stage, changed_at=now
        )
        if stage.order > 0 and stage.outcome == "open" and not application.applied_on:
            application.applied_on = date.today()
            application.save(update_fields=["applied_on"])
    return application


def move_application(
    user: Any, *, application_id: int, stage_id: int, before_id: int | None = None
) -> Application:
    """Move an application to a stage (and, from drag-and-drop, to a place in its column:
    just before `before_id`, or at the end). Every change of stage is recorded."""
    application = get_owned_or_404(Application, user, pk=application_id)
    stage = _stage(user, stage_id)
    now = timezone.now()
    with transaction.atomic():
        column = Application.objects.owned_by(user).filter(stage=stage, archived_at__isnull=True)
        if before_id:
            anchor = column.filter(pk=before_id).values_list("position", flat=True).first()
        else:
            anchor = None
        if anchor is None:
            top = column.exclude(pk=application.pk).aggregate(m=Max("position"))["m"]
            position = (top or 0) + 1
        else:
            # Make room: everything from the anchor down moves one place.
            column.filter(position__gte=anchor).exclude(pk=application.pk).update(
                position=F("position") + 1
            )
            position = anchor
        if application.stage_id != stage.pk:
            StageChange.objects.create(
                user=user,
                application=application,
                from_stage_id=application.stage_id,
                to_stage=stage,
                changed_at=now,
            )
            application.stage = stage
            application.stage_changed_at = now
            if not application.applied_on and stage.order > 0 and stage.outcome == "open":
                application.applied_on = now.date()
        application.position = position
        application.save()
    return application


def update_application(
    user: Any, *, application_id: int, company_name: str | None = None, **values: Any
) -> Application:
    unknown = set(values) - set(APPLICATION_FIELDS)
    if unknown:
        raise JobsError(f"unknown fields: {', '.join(sorted(unknown))}")
    application = get_owned_or_404(Application, user, pk=application_id)
    if "role_title" in values and not " ".join(str(values["role_title"]).split()):
        raise JobsError("role_title: say which role this is")
    for name, value in values.items():
        setattr(application, name, value)
    if company_name is not None:
        application.company = company_named(user, company_name)
    application.save()
    return application


def archive_application(user: Any, *, application_id: int, archived: bool = True) -> Application:
    application = get_owned_or_404(Application, user, pk=application_id)
    application.archived_at = timezone.now() if archived else None
    application.save(update_fields=["archived_at", "updated_at"])
    return application
