"""Reads for the coach: the findings (after the candidate's snoozes and dismissals) and the
next actions, for the dashboard, the coach page, the digest and the CLI. A fixed number of
queries whatever the data size (see gather.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.utils import timezone

from pmpath.coach import detectors, gather, memo, next_actions
from pmpath.coach.detectors import Finding
from pmpath.coach.links import href
from pmpath.coach.models import Decision
from pmpath.coach.next_actions import NextAction


@dataclass
class Coach:
    findings: list[Finding]  # active, most valuable first
    snoozed: list[tuple[Finding, detectors.Decision]]
    dismissed: list[tuple[Finding, detectors.Decision]]
    next: list[NextAction]
    data: detectors.CoachInput
    due: Any  # network.queries.DueLists
    week: Any  # career.goal_queries.Week
    recent: list[detectors.AppRow]
    inputs: next_actions.NextInput


def coach(
    user: Any,
    *,
    profile: Any = None,
    now: datetime | None = None,
    week: Any = None,
    fingerprint: memo.Fingerprint | None = None,
    compute_scores: bool = False,
    cached: bool = False,
) -> Coach:
    """`fingerprint` is the data's (memo.fingerprint; taken here when not given): the
    slow, slowly changing reads (this week's goals, the learning-plan gaps) come from the
    short-lived cache under it. With `cached` (pages showing the present), the gathered input
    comes from that cache too, keyed on every column and the user's data generation (see
    memo.py); the candidate's snoozes and dismissals are always read afresh. `compute_scores`
    scores postings the matching area has not scored yet (slow the first time: for the CLI,
    not for pages)."""
    from pmpath.career import goal_queries

    now = now or timezone.now()
    today = timezone.localdate(now)
    if profile is None:
        from pmpath.career.queries import profile_for

        profile = profile_for(user)
    fp = fingerprint if fingerprint is not None else memo.fingerprint(user, today)
    if week is None:
        week = memo.cached(user, "week", fp, lambda: goal_queries.this_week(user, today=today))

    def read() -> tuple[gather.Gathered, next_actions.NextInput]:
        gathered = gather.coach_input(
            user, profile=profile, now=now, fingerprint=fp, compute_scores=compute_scores
        )
        inputs = gather.next_input(user, coach=gathered.coach, due=gathered.due, week=week, now=now)
        return gathered, inputs

    if cached and not compute_scores:
        gathered, inputs = memo.cached(
            user, memo.ALL, fp, read, generations=True, ttl=memo.COACH_TTL_SECONDS
        )
    else:
        gathered, inputs = read()
    found = detectors.run(gathered.coach)
    split = detectors.apply_decisions(found, gather.decisions(user), gathered.coach.today)
    inputs = replace(inputs, findings=tuple(split.active))
    return Coach(
        split.active, split.snoozed, split.dismissed, next_actions.rank(inputs), gathered.coach,
        gathered.due, week, gathered.recent, inputs,
    )  # fmt: skip


def finding(user: Any, key: str) -> Finding | None:
    """The finding with this key if the coach finds it for this user now (snoozed or not)."""
    if not key or len(key) > 200 or ":" not in key:
        return None
    detector = key.split(":", 1)[0]
    if detector not in detectors.DETECTORS:
        return None
    from pmpath.career.queries import profile_for

    data = gather.coach_input(user, profile=profile_for(user)).coach
    return next((f for f in detectors.run(data, only=[detector]) if f.key == key), None)


def decision_ids(user: Any) -> dict[str, int]:
    """Each decision's id by its finding's key: plain rows, in no order (500 model instances
    sorted by their last change took a third of the coach page)."""
    rows = Decision.objects.owned_by(user).order_by().values_list("detector", "subject", "id")
    return {f"{detector}:{subject}": pk for detector, subject, pk in rows}


# --- as plain data, for the CLI, the API and the digest -------------------------------------


def finding_dict(f: Finding, *, base: str = "") -> dict[str, Any]:
    return {
        "key": f.key,
        "detector": f.detector,
        "mistake": f.mistake,
        "mistake_name": f.mistake_name,
        "title": f.title,
        "evidence": f.evidence,
        "records": [{"kind": r.kind, "id": r.id, "title": r.title} for r in f.records],
        "figures": dict(f.figures),
        "action": f.action.text,
        "link": base + href(f.action),
    }


def action_dict(a: NextAction, *, base: str = "") -> dict[str, Any]:
    return {
        "kind": a.kind,
        "title": a.title,
        "why": a.why,
        "when": a.when.isoformat() if a.when else None,
        "action": a.action.text,
        "link": base + href(a.action),
        "value": a.value,
    }


def as_dict(report: Coach, *, base: str = "") -> dict[str, Any]:
    return {
        "today": report.data.today.isoformat(),
        "findings": [finding_dict(f, base=base) for f in report.findings],
        "next_actions": [action_dict(a, base=base) for a in report.next],
        "snoozed": [
            {**finding_dict(f, base=base), "until": d.until.isoformat() if d.until else None}
            for f, d in report.snoozed
        ],
        "dismissed": [finding_dict(f, base=base) for f, _ in report.dismissed],
    }
