"""Builds the detectors' and the next-actions ranking's plain input for one user, with a fixed
number of SQL statements whatever the amount of data: aggregates, values() and bounded windows,
never a query per row.

What is bounded, and why (the heavy user has 10,000 applications, 20,000 contacts, 100,000
interactions and 10,000 practice answers):
- applications waiting for a follow-up: applied in the last AWAIT_WINDOW_DAYS, at most
  ROWS_READ of them, oldest first. Older ones are a closed chapter, not a follow-up;
- interviews: those of the last INTERVIEW_WINDOW_DAYS;
- practice: answers submitted in the last PRACTICE_WINDOW_DAYS (the habit now, not last year);
  low scores never retried: those of the last RETRY_WINDOW_DAYS;
- cold applications and match scores: applications of the last RECENT_APPLIED_DAYS;
- case studies and stories: the latest ROWS_READ (checks are cached per case study).
Each keeps an index in use; docs/coach.md has the measured figures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, DateField, Exists, F, OuterRef, Q, Subquery, Value
from django.utils import timezone

from pmpath.coach import detectors as d
from pmpath.coach import memo
from pmpath.coach import next_actions as na

AWAIT_WINDOW_DAYS = 90
INTERVIEW_WINDOW_DAYS = 30
PRACTICE_WINDOW_DAYS = 30
RETRY_WINDOW_DAYS = 90
RECENT_APPLIED_DAYS = 30
ROWS_READ = 50
SHOWN = 5  # records named as evidence in an aggregate finding
CUSTOMER_CATEGORIES = ("product_sense", "strategy", "execution", "technical", "company")


def thresholds() -> d.Thresholds:
    return d.Thresholds(
        follow_up_days=settings.COACH_FOLLOW_UP_DAYS,
        interview_follow_up_days=settings.COACH_INTERVIEW_FOLLOW_UP_DAYS,
        thank_you_days=settings.COACH_THANK_YOU_DAYS,
        low_score=settings.COACH_LOW_SCORE,
        feedback_retry_days=settings.COACH_FEEDBACK_RETRY_DAYS,
        trends_days=settings.COACH_TRENDS_DAYS,
        match_threshold=settings.COACH_MATCH_THRESHOLD,
        match_far_below=settings.COACH_MATCH_FAR_BELOW,
    )


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _day(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment else None


def _title(role: str, company: str | None) -> str:
    return f"{role} at {company}" if company else role


# --- the job search -------------------------------------------------------------------------


# What the application detectors read of an application, and the AppRow made of it.
APP_COLUMNS = (
    "id", "role_title", "company__name", "company_id", "applied_on", "stage__name",
    "stage_changed_at", "posting_id", "referral", "next_action_due", "last_contact",
)  # fmt: skip


def _app_row(row: tuple[Any, ...], today: date) -> d.AppRow:
    pk, role, company, company_id, applied, stage, changed, posting, referral, due, last = row
    return d.AppRow(
        pk, _title(role, company), company or "", company_id, applied, stage,
        _day(changed) or today, posting, referral, last, due,
    )  # fmt: skip


def awaiting(user: Any, today: date, t: d.Thresholds) -> tuple[list[d.AppRow], int]:
    """Open applications sent at least N days ago, not moved since, with no follow-up planned,
    no interview and nothing logged with anyone about them since applying (oldest first)."""
    from pmpath.jobs.models import Application, Interview
    from pmpath.network.models import Interaction

    cutoff = today - timedelta(days=t.follow_up_days)
    spoken = Interaction.objects.filter(
        application=OuterRef("pk"), occurred_on__gte=OuterRef("applied_on")
    )
    rows = (
        Application.objects.owned_by(user)
        .filter(
            archived_at__isnull=True,
            stage__outcome="open",
            applied_on__gte=today - timedelta(days=AWAIT_WINDOW_DAYS),
            applied_on__lte=cutoff,
            # Moved into its stage in the window (applying moves it), so the recency index
            # (user, archived_at, -stage_changed_at) reads only the window's rows.
            stage_changed_at__gte=_start(today - timedelta(days=AWAIT_WINDOW_DAYS + 7)),
            stage_changed_at__lt=_start(cutoff + timedelta(days=1)),
        )
        .filter(Q(next_action_due__isnull=True) | Q(next_action_due__lt=F("applied_on")))
        .filter(~Exists(spoken), ~Exists(Interview.objects.filter(application=OuterRef("pk"))))
        # The index's order (oldest move first), so the read stops after ROWS_READ + 1 rows.
        .order_by("stage_changed_at", "id")
        .annotate(last_contact=Value(None, output_field=DateField()))
        .values_list(*APP_COLUMNS)[: ROWS_READ + 1]
    )
    found = [_app_row(row, today) for row in rows]
    return found[:ROWS_READ], len(found)


def interviews(user: Any, now: datetime) -> list[d.InterviewRow]:
    """Rounds that took place in the last month, with the latest interaction logged against
    their application."""
    from pmpath.jobs.models import INTERVIEW_KINDS, Interview
    from pmpath.network.models import Interaction

    kinds = dict(INTERVIEW_KINDS)
    contact = Interaction.objects.filter(application=OuterRef("application_id")).values(
        "occurred_on"
    )
    rows = (
        Interview.objects.owned_by(user)
        .filter(
            application__archived_at__isnull=True,
            starts_at__gte=now - timedelta(days=INTERVIEW_WINDOW_DAYS),
            starts_at__lt=now,
        )
        .annotate(last_contact=Subquery(contact.order_by("-occurred_on")[:1]))
        .order_by("-starts_at", "-id")
        .values_list(
            "id",
            "application_id",
            "kind",
            "starts_at",
            "outcome",
            "thank_you_sent_on",
            "application__role_title",
            "application__company__name",
            "application__stage_changed_at",
            "last_contact",
        )[:ROWS_READ]
    )
    return [
        d.InterviewRow(
            pk,
            app_id,
            f"{kinds.get(kind, kind)} for {_title(role, company)}",
            _day(starts) or now.date(),
            outcome,
            thanked,
            _day(changed) or now.date(),
            last,
        )
        for pk, app_id, kind, starts, outcome, thanked, role, company, changed, last in rows
    ]


def recent_applications(user: Any, today: date) -> list[d.AppRow]:
    """Applications sent in the last month (at most ROWS_READ, newest first), each with
    whether anything was logged with anyone about it."""
    from pmpath.jobs.models import Application
    from pmpath.network.models import Interaction

    spoken = Interaction.objects.filter(application=OuterRef("pk")).values("occurred_on")
    rows = (
        Application.objects.owned_by(user)
        .filter(
            archived_at__isnull=True,
            applied_on__gte=today - timedelta(days=RECENT_APPLIED_DAYS),
            # Applying moves it: the recency index then reads only the month's rows.
            stage_changed_at__gte=_start(today - timedelta(days=RECENT_APPLIED_DAYS + 7)),
        )
        .annotate(last_contact=spoken.order_by("-occurred_on")[:1])
        .order_by("-stage_changed_at", "-id")  # the index's order: stops after ROWS_READ
        .values_list(*APP_COLUMNS)[:ROWS_READ]
    )
    return [_app_row(row, today) for row in rows]


def warm(user: Any, apps: list[d.AppRow]) -> list[d.WarmApp]:
    """Who the candidate knows at each recent application's company (one grouped query)."""
    from pmpath.jobs.models import Company
    from pmpath.network.contact_queries import warmth

    cold = [a for a in apps if a.company_id and not a.referral and not a.last_contact_on]
    if not cold:
        return []
    companies = Company.objects.owned_by(user).filter(pk__in={a.company_id for a in cold})
    known = warmth(user, list(companies.only("id", "name", "aliases")))
    return [
        d.WarmApp(a, known[a.company_id].known, known[a.company_id].best)
        for a in cold
        if a.company_id in known
    ]


def match_scores(
    user: Any, apps: list[d.AppRow], *, compute: bool = False
) -> list[tuple[d.AppRow, int]]:
    """Match scores of the recent applications' postings, from the matching area: on pages the
    stored ones only (the matching area refreshes them in the background when the resume
    changes, and scoring here could mean building the posting index inside a page view);
    with `compute` (the CLI), scores_for_postings, which scores and stores the missing ones.
    None without a resume."""
    from pmpath.matching.queries import candidate, scores_for_postings, stored_scores

    ids = [a.posting_id for a in apps if a.posting_id]
    if not ids:
        return []
    if compute:
        scores = scores_for_postings(user, ids)
    else:
        who = candidate(user)
        if who is None:
            return []
        scores = stored_scores(user, ids, who.checksum)
    return [(a, scores[a.posting_id]) for a in apps if a.posting_id in scores]


# --- practice -------------------------------------------------------------------------------


def _reviewed() -> Q:
    return Q(rating__isnull=False) | ~Q(self_review="")


def practice(user: Any, now: datetime) -> d.PracticeStats:
    from pmpath.interview.models import Attempt

    recent = Attempt.objects.owned_by(user).filter(
        submitted_at__gte=now - timedelta(days=PRACTICE_WINDOW_DAYS)
    )
    totals = recent.aggregate(submitted=Count("id"), reviewed=Count("id", filter=_reviewed()))
    rows = (
        recent.exclude(_reviewed())
        .order_by("-submitted_at", "-id")
        .values_list("id", "question__text", "submitted_at")[:SHOWN]
    )
    return d.PracticeStats(
        totals["submitted"],
        totals["reviewed"],
        tuple(d.AttemptRow(pk, _short(text), _day(at) or now.date()) for pk, text, at in rows),
    )


def _short(text: str, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _part(feedback: Any, key: str) -> tuple[float | None, int | None]:
    for part in (feedback or {}).get("parts", ()):
        if part.get("key") == key:
            return float(part.get("points") or 0), int(part.get("max") or 0)
    return None, None


# A submitted answer's feedback never changes, so its customer-focus part is kept per attempt
# in this process: decoding twenty feedback documents costs more than the query that reads them.
_CUSTOMER_PARTS: dict[int, tuple[float | None, int | None]] = {}
_CUSTOMER_PARTS_SIZE = 20_000


def answers(user: Any, now: datetime) -> list[d.AttemptRow]:
    """Recent answers to questions where the customer counts, with the feedback engine's
    customer-focus part (stored with the answer: nothing is scored twice)."""
    from pmpath.interview.models import Attempt

    rows = list(
        Attempt.objects.owned_by(user)
        .filter(
            submitted_at__gte=now - timedelta(days=PRACTICE_WINDOW_DAYS),
            question__category__in=CUSTOMER_CATEGORIES,
        )
        .order_by("-submitted_at", "-id")
        .values_list("id", "question__text", "submitted_at", "score")[:20]
    )
    missing = [pk for pk, *_ in rows if pk not in _CUSTOMER_PARTS]
    if missing:
        if len(_CUSTOMER_PARTS) > _CUSTOMER_PARTS_SIZE:
            _CUSTOMER_PARTS.clear()
        for pk, feedback in Attempt.objects.filter(pk__in=missing).values_list("id", "feedback"):
            _CUSTOMER_PARTS[pk] = _part(feedback, "customer")
    found = []
    for pk, text, at, score in rows:
        points, most = _CUSTOMER_PARTS.get(pk, (None, None))
        if most:
            found.append(
                d.AttemptRow(pk, _short(text), _day(at) or now.date(), score, points, most)
            )
    return found


def unretried(user: Any, now: datetime, t: d.Thresholds) -> list[d.AttemptRow]:
    """Low-scoring answers whose question was never practised again afterwards."""
    from pmpath.interview.models import Attempt

    later = Attempt.objects.filter(
        user=user, question=OuterRef("question"), started_at__gt=OuterRef("submitted_at")
    )
    rows = (
        Attempt.objects.owned_by(user)
        .filter(
            submitted_at__gte=now - timedelta(days=RETRY_WINDOW_DAYS),
            submitted_at__lt=now - timedelta(days=t.feedback_retry_days),
            score__lt=t.low_score,
        )
        .filter(~Exists(later))
        .order_by("-submitted_at", "-id")
        .values_list("id", "question__text", "submitted_at", "score", "feedback")[:SHOWN]
    )
    return [
        d.AttemptRow(
            pk,
            _short(text),
            _day(at) or now.date(),
            score,
            suggestion=((feedback or {}).get("suggestions") or [""])[0],
        )
        for pk, text, at, score, feedback in rows
    ]


def share_model() -> Any:
    """The accounts area's reviewer sharing (Share), when this version has it."""
    from pmpath.accounts import models

    return getattr(models, "Share", None)


def mocks(user: Any) -> tuple[list[d.MockRow], bool]:
    """Finished mocks and whether each was shown to a reviewer (with sharing) or, without it,
    whether the candidate rated or reviewed any of its answers."""
    from pmpath.interview.models import Attempt, Mock

    share = share_model()
    if share is not None:
        seen = share.objects.filter(
            user=user, kind="mock", object_id=OuterRef("pk"), revoked_at__isnull=True
        )
    else:
        seen = Attempt.objects.filter(mock=OuterRef("pk")).filter(_reviewed())
    rows = (
        Mock.objects.owned_by(user)
        .filter(status="done")
        .annotate(seen=Exists(seen))
        .order_by("-finished_at", "-id")
        .values_list("id", "title", "finished_at", "seen")[:ROWS_READ]
    )
    return [d.MockRow(pk, title, _day(at), seen) for pk, title, at, seen in rows], share is not None


# --- portfolio and stories ------------------------------------------------------------------

FEATURE_CHECKS = ("feature_talk", "outcome_without_customer")


def cases(user: Any) -> list[d.CaseRow]:
    """Case studies the portfolio checks flag for talking features; the checks' own (cached)
    reports, so nothing is checked twice."""
    from pmpath.portfolio import queries as portfolio
    from pmpath.portfolio.models import CaseStudy

    rows = list(
        CaseStudy.objects.owned_by(user)
        .only("id", "title", "updated_at")
        .order_by("-updated_at", "-id")[:ROWS_READ]
    )
    reports = portfolio.reports_for(user, rows)
    found = []
    for case in rows:
        report = reports.get(case.pk)
        hit = (
            next((f for f in report.findings if f.key in FEATURE_CHECKS), None) if report else None
        )
        if hit is not None:
            found.append(d.CaseRow(case.pk, case.title, hit.title, hit.evidence, hit.fix))
    return found


def stories(user: Any) -> list[d.StoryRow]:
    from pmpath.interview.models import Story
    from pmpath.interview.story_checks import StoryText, check_quantified

    rows = (
        Story.objects.owned_by(user)
        .order_by("-updated_at", "-id")
        .values_list("id", "title", "result", "metrics")[:ROWS_READ]
    )
    found = []
    for pk, title, result, metrics in rows:
        verdict = check_quantified(StoryText(result=result, metrics=metrics))
        found.append(d.StoryRow(pk, title, verdict.passed, verdict.message))
    return found


# --- trends ---------------------------------------------------------------------------------


def trend_stats(user: Any) -> d.TrendStats:
    """Feeds, unread entries, the last read and talking points: one statement of four indexed
    sub-selects (plain SQL: the ORM's version costs more to build than to run)."""
    from pmpath.trends.models import Entry, Feed, TalkingPoint

    entries, feeds, points = (m._meta.db_table for m in (Entry, Feed, TalkingPoint))
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {feeds} WHERE user_id = %s), "
        f"(SELECT COUNT(*) FROM {entries} WHERE user_id = %s AND read_at IS NULL), "
        f"(SELECT COUNT(*) FROM {points} WHERE user_id = %s), "
        f"(SELECT read_at FROM {entries} WHERE user_id = %s AND read_at IS NOT NULL "
        "ORDER BY read_at DESC LIMIT 1)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk] * 4)
        feeds_n, unread, talking, last_read = cursor.fetchone()
    if isinstance(last_read, str):  # SQLite hands back text for a bare sub-select
        last_read = datetime.fromisoformat(last_read)
    if last_read is not None and timezone.is_naive(last_read):
        last_read = last_read.replace(tzinfo=UTC)  # stored in UTC
    return d.TrendStats(feeds_n, 0, unread, _day(last_read), talking)


# --- skills and the learning plan -----------------------------------------------------------


def gaps(user: Any, profile: Any) -> list[d.GapRow]:
    """The learning plan's gaps (the same as its page shows), each with whether a planned or
    active item in the plan teaches the skill."""
    from pmpath.career.learning_queries import needs_for
    from pmpath.career.models import Enrolment

    needs, _source, _target = needs_for(user, profile)
    if not needs:
        return []
    taught: set[str] = set()
    for skills in (
        Enrolment.objects.owned_by(user)
        .filter(status__in=("planned", "active"))
        .values_list("resource__skills", flat=True)
    ):
        taught.update(skills or ())
    return [
        d.GapRow(n.skill, n.skill_name, n.level_name, n.readiness, n.detail, n.skill in taught)
        for n in needs
    ]


def decisions(user: Any) -> list[d.Decision]:
    from pmpath.coach.models import Decision

    rows = Decision.objects.owned_by(user).values_list(
        "detector", "subject", "dismissed", "snoozed_until"
    )
    return [d.Decision(f"{det}:{sub}", dismissed, until) for det, sub, dismissed, until in rows]


# --- everything -----------------------------------------------------------------------------


@dataclass
class Gathered:
    coach: d.CoachInput
    due: Any  # network.queries.DueLists, for the dashboard's stay-in-touch card
    recent: list[d.AppRow]


def coach_input(
    user: Any,
    *,
    profile: Any = None,
    now: datetime | None = None,
    due: Any = None,
    fingerprint: memo.Fingerprint | None = None,
    compute_scores: bool = False,
) -> Gathered:
    from pmpath.network.queries import due as due_lists

    now = now or timezone.now()
    today = timezone.localdate(now)
    t = thresholds()
    waiting, waiting_total = awaiting(user, today, t)
    due = due if due is not None else due_lists(user, today=today, limit=SHOWN)
    recent = recent_applications(user, today)
    mock_rows, sharing = mocks(user)
    data = d.CoachInput(
        today=today,
        thresholds=t,
        awaiting=tuple(waiting),
        awaiting_total=waiting_total,
        interviews=tuple(interviews(user, now)),
        overdue_contacts=tuple(
            d.ContactRow(c.pk, c.name, c.company_name, c.next_due_on) for c in due.overdue
        ),
        overdue_total=due.overdue_total,
        practice=practice(user, now),
        answers=tuple(answers(user, now)),
        unretried=tuple(unretried(user, now, t)),
        mocks=tuple(mock_rows),
        mock_sharing=sharing,
        cases=tuple(cases(user)),
        stories=tuple(stories(user)),
        trends=trend_stats(user),
        warm=tuple(warm(user, recent)),
        scores=tuple(match_scores(user, recent, compute=compute_scores)),
        gaps=tuple(
            memo.cached(user, "gaps", fingerprint, lambda: gaps(user, profile))
            if fingerprint is not None
            else gaps(user, profile)
        ),
    )
    return Gathered(data, due, recent)


# --- next actions ---------------------------------------------------------------------------


def next_input(
    user: Any, *, coach: d.CoachInput, due: Any, week: Any, now: datetime | None = None
) -> na.NextInput:
    """The ranking's input: interviews of the coming week, follow-ups due, contacts due, review
    cards due, this week's goals (already read for the dashboard) and unplanned gaps."""
    from pmpath.interview.models import PrepNote, ReviewCard
    from pmpath.jobs.models import INTERVIEW_KINDS, Application, Interview

    now = now or timezone.now()
    today = timezone.localdate(now)
    kinds = dict(INTERVIEW_KINDS)
    prepared = PrepNote.objects.filter(application=OuterRef("application_id"))
    soon = (
        Interview.objects.owned_by(user)
        .filter(
            application__archived_at__isnull=True,
            starts_at__gte=now,
            starts_at__lt=now + timedelta(days=7),
        )
        .annotate(prepared=Exists(prepared))
        .order_by("starts_at", "id")
        .values_list(
            "id",
            "application_id",
            "kind",
            "starts_at",
            "application__role_title",
            "application__company__name",
            "prepared",
        )[:SHOWN]
    )
    follow = (
        Application.objects.owned_by(user)
        .filter(
            archived_at__isnull=True,
            next_action_due__gte=today - timedelta(days=30),
            next_action_due__lte=today,
        )
        .order_by("next_action_due", "id")
        .values_list("id", "role_title", "company__name", "next_action", "next_action_due")[:SHOWN]
    )
    cards = ReviewCard.objects.owned_by(user).filter(due_at__lt=_start(today + timedelta(days=1)))
    due_today = sum(1 for c in due.this_week if c.next_due_on == today)
    first = due.overdue[0] if due.overdue else (due.this_week[0] if due_today else None)
    return na.NextInput(
        today=today,
        interviews=tuple(
            na.InterviewSoon(
                pk,
                app,
                f"{kinds.get(kind, kind)}, {_title(role, company)}",
                timezone.localtime(at),
                bool(ready),
            )
            for pk, app, kind, at, role, company, ready in soon
        ),
        follow_ups=tuple(
            na.FollowUp(pk, _title(role, company), what, when)
            for pk, role, company, what, when in follow
        ),
        contacts_due=due.overdue_total + due_today,
        first_contact=(first.pk, first.name) if first else None,
        cards_due=cards.count(),
        goals=tuple(na.GoalLine(x.key, x.label, x.target, x.done) for x in week.lines),
        gaps=tuple(
            na.GapItem(g.skill, g.skill_name, g.level_name) for g in coach.gaps if not g.planned
        ),
    )


def keys_of(findings: Iterable[d.Finding]) -> set[str]:
    return {f.key for f in findings}
