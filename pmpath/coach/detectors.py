"""The coach's mistake detectors. Pure: plain dataclasses in, findings out, no Django.

Each detector watches for one of the guide's common mistakes (or the opposite of one of its
insights from successful product managers) in the candidate's own data, and says what it saw
(the records, with their ids and titles, and the numbers) and ONE concrete next action, named
by the page where it is done (a URL name and its arguments: the Django side reverses it).

The input is built by gather.py with a fixed number of queries; what is bounded there (recent
windows, the first few rows of a long list with the total beside them) is said per field below.
How each detector decides, and its thresholds (settings such as PMPATH_COACH_FOLLOW_UP_DAYS),
is in docs/coach.md."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

# The guide's four insights turned mistakes, plus the job-search specific ones.
MISTAKES = {
    "customer": "Focusing too much on the product",
    "communication": "Not communicating effectively",
    "feedback": "Not being open to feedback",
    "trends": "Not staying up to date",
    "search": "Job-search habits",
}


@dataclass(frozen=True)
class Thresholds:
    follow_up_days: int = 7  # after applying, with no word either way
    interview_follow_up_days: int = 3  # after an interview, with no outcome and no word
    thank_you_days: int = 1  # a thank-you note is due the day after an interview
    unreviewed_share: float = 0.5  # of recent practice answers with no self-review
    min_practice: int = 3  # fewer answers than this say nothing about a habit
    low_score: int = 60  # an answer scored below this has feedback worth acting on
    feedback_retry_days: int = 14  # ...and should have been tried again within this many days
    customer_ratio: float = 0.34  # an answer's customer-focus part below this share
    trends_days: int = 14  # no reading in this many days
    match_threshold: int = 60  # a "good match" score
    match_far_below: int = 20  # applying this far below the threshold is a long shot


# --- what the detectors read ----------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A record a finding is about: what it is, its id, and its title as the person wrote it."""

    kind: str  # application, interview, contact, attempt, mock, case_study, story, skill, ...
    id: int | str
    title: str


@dataclass(frozen=True)
class AppRow:
    id: int
    title: str  # "Product Manager at Acme"
    company: str
    company_id: int | None
    applied_on: date | None
    stage: str
    stage_changed_on: date
    posting_id: int | None = None
    referral: str = ""
    last_contact_on: date | None = None  # the latest interaction logged against it
    next_action_due: date | None = None
    # For `awaiting`, gather.py passes only applications with no interview: once there is one,
    # the interview detectors take over.


@dataclass(frozen=True)
class InterviewRow:
    id: int
    application_id: int
    title: str  # "Product sense / design for Product Manager at Acme"
    on: date  # the day it took place (the site's time zone)
    outcome: str  # pending, passed, failed, cancelled
    thank_you_sent_on: date | None
    stage_changed_on: date  # of its application
    last_contact_on: date | None  # the latest interaction logged against its application


@dataclass(frozen=True)
class ContactRow:
    id: int
    name: str
    company: str
    next_due_on: date


@dataclass(frozen=True)
class AttemptRow:
    id: int
    title: str  # the question
    on: date
    score: int | None = None
    customer_points: float | None = None  # the feedback engine's customer-focus part
    customer_max: int | None = None
    suggestion: str = ""  # the engine's first "next time" suggestion


@dataclass(frozen=True)
class PracticeStats:
    """Answers submitted in the recent window (gather.PRACTICE_WINDOW_DAYS)."""

    submitted: int = 0
    reviewed: int = 0  # rated, self-reviewed or self-scored on the rubric
    unreviewed: tuple[AttemptRow, ...] = ()  # the latest few without any of those


@dataclass(frozen=True)
class MockRow:
    id: int
    title: str
    finished_on: date | None
    shared: bool  # shown to a reviewer (when sharing exists), else reviewed by the candidate


@dataclass(frozen=True)
class CaseRow:
    """A case study the portfolio checks flagged for talking features (portfolio/checks.py)."""

    id: int
    title: str
    check_title: str
    evidence: str
    fix: str


@dataclass(frozen=True)
class StoryRow:
    id: int
    title: str
    quantified: bool
    message: str = ""


@dataclass(frozen=True)
class TrendStats:
    feeds: int = 0
    entries: int = 0
    unread: int = 0
    last_read_on: date | None = None
    talking_points: int = 0


@dataclass(frozen=True)
class WarmApp:
    """A recent application and who the candidate knows at its company."""

    app: AppRow
    known: int
    best_strength: int


@dataclass(frozen=True)
class GapRow:
    skill: str
    skill_name: str
    level_name: str
    readiness: float | None  # None when the gap is the background's typical one
    detail: str
    planned: bool  # a planned or active learning-plan item teaches this skill


@dataclass(frozen=True)
class CoachInput:
    today: date
    thresholds: Thresholds = field(default_factory=Thresholds)
    awaiting: tuple[AppRow, ...] = ()  # applied, not moved since, oldest first (bounded)
    awaiting_total: int = 0
    interviews: tuple[InterviewRow, ...] = ()  # rounds of the last 30 days that took place
    overdue_contacts: tuple[ContactRow, ...] = ()
    overdue_total: int = 0
    practice: PracticeStats = field(default_factory=PracticeStats)
    answers: tuple[AttemptRow, ...] = ()  # recent customer-weighted answers with feedback
    unretried: tuple[AttemptRow, ...] = ()  # low scores never tried again (bounded)
    mocks: tuple[MockRow, ...] = ()  # finished mocks
    mock_sharing: bool = False  # whether "shared" means shown to a reviewer
    cases: tuple[CaseRow, ...] = ()
    stories: tuple[StoryRow, ...] = ()
    trends: TrendStats = field(default_factory=TrendStats)
    warm: tuple[WarmApp, ...] = ()
    scores: tuple[tuple[AppRow, int], ...] = ()  # recent applications with a match score
    gaps: tuple[GapRow, ...] = ()


# --- what they say --------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One concrete next step and the page where it is done (a URL name and its arguments)."""

    text: str
    page: str
    args: tuple[int | str, ...] = ()


@dataclass(frozen=True)
class Finding:
    detector: str
    subject: str  # what it is about, stable across requests ("application:42", "recent")
    mistake: str  # a MISTAKES key
    title: str
    evidence: str
    action: Action
    records: tuple[Ref, ...] = ()
    figures: dict[str, int | float] = field(default_factory=dict)
    weight: int = 50  # how much acting on it is worth, for ordering (0-100)

    @property
    def key(self) -> str:
        return f"{self.detector}:{self.subject}"

    @property
    def mistake_name(self) -> str:
        return MISTAKES[self.mistake]

    @property
    def records_label(self) -> str:
        """How many records, and of what: "5 applications", "3 skills"."""
        kinds = {r.kind for r in self.records}
        kind = kinds.pop() if len(kinds) == 1 else "record"
        n = len(self.records)
        return f"{n} {PLURALS.get(kind, kind.replace('_', ' ') + 's') if n != 1 else kind}"


PLURALS = {"story": "stories", "case_study": "case studies"}


def about(
    ref: Ref,
    detector: str,
    mistake: str,
    title: str,
    evidence: str,
    action: Action,
    figures: dict[str, int | float] | None = None,
    weight: int = 50,
) -> Finding:
    """A finding about one record: its subject is the record ("application:42")."""
    return Finding(
        detector, f"{ref.kind}:{ref.id}", mistake, title, evidence, action, (ref,),
        figures or {}, weight,
    )  # fmt: skip


Detector = Callable[[CoachInput], list[Finding]]
DETECTORS: dict[str, Detector] = {}
NAMES: dict[str, str] = {}


def detector(key: str, name: str) -> Callable[[Detector], Detector]:
    def register(func: Detector) -> Detector:
        DETECTORS[key] = func
        NAMES[key] = name
        return func

    return register


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _titles(rows: Iterable[Ref], limit: int = 3) -> str:
    rows = list(rows)
    shown = ", ".join(f"“{r.title}”" for r in rows[:limit])
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


# --- focusing too much on the product -------------------------------------------------------


@detector("case_feature_talk", "Case study about features, not customers")
def case_feature_talk(data: CoachInput) -> list[Finding]:
    """The portfolio checks' verdict, not a second opinion: a case study they flag for talking
    features with no customer, problem or outcome."""
    return [
        about(
            Ref("case_study", case.id, case.title),
            "case_feature_talk",
            "customer",
            f"“{case.title}” talks about features, not the customer",
            f"{case.check_title}: {case.evidence}",
            Action(case.fix, "portfolio:case_edit", (case.id,)),
            weight=60,
        )
        for case in data.cases
    ]


@detector("answer_feature_talk", "Practice answers without the customer")
def answer_feature_talk(data: CoachInput) -> list[Finding]:
    """Recent answers to customer-weighted questions whose feedback gave the customer-focus part
    less than a third of its points: the solution came before anyone it was for."""
    limit = data.thresholds.customer_ratio
    weak = [
        a
        for a in data.answers
        if a.customer_max and (a.customer_points or 0) / a.customer_max < limit
    ]
    # One weak answer, or a few among many good ones, is a slip rather than a habit.
    if len(weak) < 2 or len(weak) * 3 < len(data.answers):
        return []
    refs = tuple(Ref("attempt", a.id, a.title) for a in weak)
    first = weak[0]
    return [
        Finding(
            "answer_feature_talk",
            "recent",
            "customer",
            f"{_plural(len(weak), 'practice answer')} jump to features before the customer",
            f"{len(weak)} of your last {len(data.answers)} product answers scored under "
            f"{round(limit * 100)}% on customer focus: {_titles(refs)}.",
            Action(
                "Answer the first one again: name the user and their problem before any "
                "solution, and end with what changes for them.",
                "interview:attempt",
                (first.id,),
            ),
            refs,
            {"weak": len(weak), "answers": len(data.answers)},
            weight=55,
        )
    ]


# --- not communicating effectively ----------------------------------------------------------


@detector("application_follow_up", "No follow-up after applying")
def application_follow_up(data: CoachInput) -> list[Finding]:
    """Applied at least N days ago, still in the same stage, no follow-up planned ahead and
    nothing logged with anyone about it since applying."""
    n = data.thresholds.follow_up_days
    found = []
    for app in data.awaiting:
        if app.applied_on is None:
            continue
        waited = (data.today - app.applied_on).days
        if waited < n or app.stage_changed_on > data.today - timedelta(days=n):
            continue
        if app.next_action_due and app.next_action_due >= app.applied_on:
            continue  # a follow-up is planned: the next actions list brings it up when due
        if app.last_contact_on and app.last_contact_on >= app.applied_on:
            continue
        found.append(
            about(
                Ref("application", app.id, app.title),
                "application_follow_up",
                "communication",
                f"No follow-up on {app.title}",
                f"Applied {_days(waited)} ago ({app.applied_on:%d %b}), still in {app.stage}, "
                "and nothing logged with anyone there since.",
                Action(
                    "Send a short follow-up to the recruiter or hiring manager, then log it "
                    "on the application.",
                    "jobs:application",
                    (app.id,),
                ),
                {"days": waited, "threshold": n},
                weight=min(80, 60 + waited - n),
            )
        )
    return found


@detector("interview_follow_up", "No follow-up after an interview")
def interview_follow_up(data: CoachInput) -> list[Finding]:
    """An interview N days ago with no outcome recorded, the application not moved since, and
    nothing logged with anyone about it since the interview."""
    n = data.thresholds.interview_follow_up_days
    found = []
    latest: dict[int, InterviewRow] = {}
    for row in data.interviews:
        if row.application_id not in latest or row.on > latest[row.application_id].on:
            latest[row.application_id] = row
    for row in latest.values():
        waited = (data.today - row.on).days
        if waited < n or row.outcome != "pending" or row.stage_changed_on > row.on:
            continue
        if row.last_contact_on and row.last_contact_on >= row.on:
            continue
        found.append(
            about(
                Ref("interview", row.id, row.title),
                "interview_follow_up",
                "communication",
                f"No word since the interview: {row.title}",
                f"The interview was {_days(waited)} ago ({row.on:%d %b}); no outcome is "
                "recorded and nothing has been logged since.",
                Action(
                    "Ask the recruiter where things stand, then record the outcome on the "
                    "interview.",
                    "jobs:interview",
                    (row.id,),
                ),
                {"days": waited, "threshold": n},
                weight=min(85, 65 + waited - n),
            )
        )
    return found


@detector("thank_you", "Thank-you note not sent")
def thank_you(data: CoachInput) -> list[Finding]:
    """An interview that took place at least a day ago with no thank-you note. A note counts as
    sent when the interview is marked so (its "thank-you sent" date) or when an interaction was
    logged against its application on or after the interview day."""
    n = data.thresholds.thank_you_days
    found = []
    for row in data.interviews:
        waited = (data.today - row.on).days
        if waited < n or row.outcome == "cancelled" or row.thank_you_sent_on:
            continue
        if row.last_contact_on and row.last_contact_on >= row.on:
            continue
        found.append(
            about(
                Ref("interview", row.id, row.title),
                "thank_you",
                "communication",
                f"Thank-you note not sent: {row.title}",
                f"The interview was on {row.on:%d %b} ({_days(waited)} ago) and no thank-you "
                "is recorded for it.",
                Action(
                    "Send each interviewer a short thank-you that recalls one thing you "
                    "discussed, then mark it sent.",
                    "jobs:interview",
                    (row.id,),
                ),
                {"days": waited},
                # Best within three days; still worth sending within the week.
                weight=75 if waited <= 3 else 60 if waited <= 7 else 45,
            )
        )
    return found


@detector("contacts_overdue", "Overdue stay-in-touch contacts")
def contacts_overdue(data: CoachInput) -> list[Finding]:
    if not data.overdue_total:
        return []
    refs = tuple(Ref("contact", c.id, c.name) for c in data.overdue_contacts)
    oldest = min((c.next_due_on for c in data.overdue_contacts), default=data.today)
    late = (data.today - oldest).days
    first = data.overdue_contacts[0] if data.overdue_contacts else None
    return [
        Finding(
            "contacts_overdue",
            "overdue",
            "communication",
            f"{_plural(data.overdue_total, 'contact')} overdue for a catch-up",
            f"The longest overdue was due {_days(late)} ago: {_titles(refs)}.",
            Action(
                f"Write to {first.name} today: one line on what you are working on and "
                "one question about theirs."
                if first
                else "Get back in touch with the people who are due.",
                "network:contact" if first else "network:index",
                (first.id,) if first else (),
            ),
            refs,
            {"overdue": data.overdue_total, "longest_days": late},
            weight=min(70, 40 + data.overdue_total),
        )
    ]


# --- not being open to feedback ------------------------------------------------------------


@detector("practice_unreviewed", "Practice without self-review")
def practice_unreviewed(data: CoachInput) -> list[Finding]:
    p = data.practice
    if p.submitted < data.thresholds.min_practice:
        return []
    unreviewed = p.submitted - p.reviewed
    if unreviewed / p.submitted < data.thresholds.unreviewed_share:
        return []
    refs = tuple(Ref("attempt", a.id, a.title) for a in p.unreviewed)
    first = p.unreviewed[0] if p.unreviewed else None
    return [
        Finding(
            "practice_unreviewed",
            "recent",
            "feedback",
            f"{unreviewed} of {p.submitted} recent answers were never reviewed",
            "Answers with no rating, rubric or self-review since the last 30 days: "
            f"{_titles(refs)}.",
            Action(
                "Open the latest one, compare it with the model points, and rate it and "
                "write two lines on what you would change.",
                "interview:attempt" if first else "interview:index",
                (first.id,) if first else (),
            ),
            refs,
            {"submitted": p.submitted, "unreviewed": unreviewed},
            weight=45,
        )
    ]


@detector("mocks_unshared", "Mock interviews nobody looked at")
def mocks_unshared(data: CoachInput) -> list[Finding]:
    quiet = [m for m in data.mocks if not m.shared]
    if not quiet:
        return []
    refs = tuple(Ref("mock", m.id, m.title) for m in quiet)
    who = "shared with a reviewer" if data.mock_sharing else "reviewed (no answer rated)"
    return [
        Finding(
            "mocks_unshared",
            "finished",
            "feedback",
            f"{_plural(len(quiet), 'finished mock')} never {who.split(' (')[0]}",
            f"Of {len(data.mocks)} finished mocks, {len(quiet)} were never {who}: {_titles(refs)}.",
            Action(
                "Share the latest mock's report with a PM friend or mentor and ask for the one "
                "thing they would change."
                if data.mock_sharing
                else "Open the latest mock's report and rate each answer against its model "
                "points; then ask a PM friend to read it.",
                "interview:mock",
                (quiet[0].id,),
            ),
            refs,
            {"finished": len(data.mocks), "unshared": len(quiet)},
            weight=40,
        )
    ]


@detector("feedback_ignored", "Feedback never acted on")
def feedback_ignored(data: CoachInput) -> list[Finding]:
    """Answers scored under the low-score line more than N days ago whose question was never
    tried again: the feedback said what to change and nothing changed."""
    n = data.thresholds.feedback_retry_days
    stale = [a for a in data.unretried if (data.today - a.on).days >= n]
    if not stale:
        return []
    refs = tuple(Ref("attempt", a.id, a.title) for a in stale)
    first = stale[0]
    tip = f" The feedback said: “{first.suggestion}”" if first.suggestion else ""
    return [
        Finding(
            "feedback_ignored",
            "recent",
            "feedback",
            f"{_plural(len(stale), 'low-scoring answer')} never tried again",
            f"Scored under {data.thresholds.low_score} more than {_days(n)} ago and not "
            f"practised since: {_titles(refs)}.{tip}",
            Action(
                "Answer the first one again with its feedback open beside you.",
                "interview:attempt",
                (first.id,),
            ),
            refs,
            {"stale": len(stale), "days": n},
            weight=50,
        )
    ]


# --- not staying up to date -----------------------------------------------------------------


@detector("trends_unread", "No industry reading lately")
def trends_unread(data: CoachInput) -> list[Finding]:
    t = data.trends
    n = data.thresholds.trends_days
    if t.last_read_on and (data.today - t.last_read_on).days < n:
        return []
    if not t.feeds:
        evidence = "You follow no product-management publication yet."
        action = Action(
            "Subscribe to two of the suggested product publications and read one article "
            "this week.",
            "trends",
        )
    elif t.last_read_on is None:
        evidence = f"{_plural(t.unread, 'unread article')} in your feeds, and none read yet."
        action = Action(
            "Read one article from your feeds and note what it means for PMs.", "trends"
        )
    else:
        ago = (data.today - t.last_read_on).days
        evidence = (
            f"The last article you read was {_days(ago)} ago ({t.last_read_on:%d %b}); "
            f"{_plural(t.unread, 'unread article')} waiting."
        )
        action = Action("Read one article from your feeds this week.", "trends")
    return [
        Finding(
            "trends_unread",
            "reading",
            "trends",
            f"No industry reading in the last {_days(n)}",
            evidence,
            action,
            (),
            {"feeds": t.feeds, "unread": t.unread, "days": n},
            weight=35,
        )
    ]


@detector("no_talking_points", "No talking points for interviews")
def no_talking_points(data: CoachInput) -> list[Finding]:
    if data.trends.talking_points:
        return []
    return [
        Finding(
            "no_talking_points",
            "talking_points",
            "trends",
            "No “a trend I follow” talking point yet",
            "Interviewers often ask which product trend you follow; you have no talking point "
            "saved to answer with.",
            Action(
                "Turn one article you read into a talking point: the trend, one product that "
                "shows it, and what you would do about it.",
                "trends",
            ),
            (),
            {"talking_points": 0},
            weight=30,
        )
    ]


# --- job-search specific --------------------------------------------------------------------


@detector("cold_application", "Applied cold where you know someone")
def cold_application(data: CoachInput) -> list[Finding]:
    found = []
    for row in data.warm:
        app = row.app
        if not row.known or app.referral or app.last_contact_on:
            continue
        found.append(
            about(
                Ref("application", app.id, app.title),
                "cold_application",
                "search",
                f"Applied cold to {app.company}, where you know "
                f"{_plural(row.known, 'person', 'people')}",
                f"{app.title}: no referral and nothing logged with anyone about it, yet "
                f"{_plural(row.known, 'contact')} work at {app.company}.",
                Action(
                    "Open the application, see who you know there, and ask the closest one for "
                    "a referral or a word with the hiring manager.",
                    "jobs:application",
                    (app.id,),
                ),
                {"known": row.known, "best_strength": row.best_strength},
                weight=65 + min(row.best_strength, 5),
            )
        )
    return found


@detector("long_shot", "Applied far below the match threshold")
def long_shot(data: CoachInput) -> list[Finding]:
    t = data.thresholds
    line = t.match_threshold - t.match_far_below
    found = []
    for app, score in data.scores:
        if score >= line:
            continue
        found.append(
            about(
                Ref("application", app.id, app.title),
                "long_shot",
                "search",
                f"A long shot: {app.title} matches your resume at {score}",
                f"Your resume matches this posting at {score}/100, {t.match_threshold - score} "
                f"points under the {t.match_threshold} of a good match.",
                Action(
                    "Look at what the posting asks that your resume does not show, and either "
                    "tailor the resume or spend the time on a better match.",
                    "jobs:posting" if app.posting_id else "jobs:application",
                    (app.posting_id,) if app.posting_id else (app.id,),
                ),
                {"score": score, "threshold": t.match_threshold},
                weight=45,
            )
        )
    return found


@detector("story_metrics", "Stories without a measured result")
def story_metrics(data: CoachInput) -> list[Finding]:
    weak = [s for s in data.stories if not s.quantified]
    if not weak:
        return []
    refs = tuple(Ref("story", s.id, s.title) for s in weak)
    return [
        Finding(
            "story_metrics",
            "stories",
            "search",
            f"{_plural(len(weak), 'story', 'stories')} without a number in the result",
            (
                "Your only story has no measured result"
                if len(data.stories) == 1
                else f"None of your {len(weak)} stories has a measured result"
                if len(weak) == len(data.stories)
                else f"{len(weak)} of your {len(data.stories)} stories "
                f"{'has' if len(weak) == 1 else 'have'} no measured result"
            )
            + f": {_titles(refs)}.",
            Action(
                f"Put a number on the result of “{weak[0].title}”: a percentage, money, time "
                "saved or people reached, before and after.",
                "interview:story",
                (weak[0].id,),
            ),
            refs,
            {"unmeasured": len(weak), "stories": len(data.stories)},
            weight=50,
        )
    ]


@detector("unplanned_gap", "Skill gaps with nothing planned")
def unplanned_gap(data: CoachInput) -> list[Finding]:
    """The learning plan's largest gaps (from the self-assessment, else the background's typical
    ones) that no planned or active item teaches: one finding for them all. Its subject names
    the skills, so a new set of gaps shows again after a snooze or a dismissal."""
    open_gaps = [g for g in data.gaps if not g.planned]
    if not open_gaps:
        return []
    names = [g.skill_name for g in open_gaps]
    listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]

    def line(gap: GapRow) -> str:
        ready = "" if gap.readiness is None else f" ({round(gap.readiness * 100)}% ready)"
        return f"{gap.skill_name}{ready}: {gap.detail.rstrip('.')}."

    first = open_gaps[0]
    return [
        Finding(
            "unplanned_gap",
            "skills:" + "+".join(sorted(g.skill for g in open_gaps)),
            "search",
            f"{listed}: {'gaps' if len(names) > 1 else 'a gap'} for {first.level_name} "
            "with nothing planned",
            " ".join(line(g) for g in open_gaps)
            + " Nothing in your learning plan teaches "
            + ("them." if len(names) > 1 else "it."),
            Action(
                f"Add one course, book or project for {first.skill_name.lower()} to your "
                "learning plan.",
                "career:plan",
            ),
            tuple(Ref("skill", g.skill, g.skill_name) for g in open_gaps),
            {"gaps": len(open_gaps)},
            weight=45,
        )
    ]


# --- running them ---------------------------------------------------------------------------


def run(data: CoachInput, only: Sequence[str] | None = None) -> list[Finding]:
    """Every detector's findings, most valuable first (ties in detector order)."""
    found: list[Finding] = []
    for key, func in DETECTORS.items():
        if only is None or key in only:
            found.extend(func(data))
    order = {k: i for i, k in enumerate(DETECTORS)}
    found.sort(key=lambda f: (-f.weight, order[f.detector], f.subject))
    return found


@dataclass(frozen=True)
class Decision:
    """What the candidate decided about a finding: dismissed for good, or snoozed until a day."""

    key: str
    dismissed: bool
    until: date | None


@dataclass(frozen=True)
class Sorted:
    active: list[Finding]
    snoozed: list[tuple[Finding, Decision]]
    dismissed: list[tuple[Finding, Decision]]


def apply_decisions(
    findings: Sequence[Finding], decisions: Iterable[Decision], today: date
) -> Sorted:
    """Split findings by the candidate's decisions. A snooze ends on its day; a decision about a
    finding that is gone (the problem was fixed) is simply not used."""
    by_key = {d.key: d for d in decisions}
    active, snoozed, dismissed = [], [], []
    for finding in findings:
        decision = by_key.get(finding.key)
        if decision is None:
            active.append(finding)
        elif decision.dismissed:
            dismissed.append((finding, decision))
        elif decision.until and decision.until > today:
            snoozed.append((finding, decision))
        else:
            active.append(finding)
    return Sorted(active, snoozed, dismissed)
