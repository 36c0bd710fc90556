"""Next actions: one ranked list of the week's most valuable things to do, from every area.
Pure: plain dataclasses in, a ranked list out, no Django (gather.py builds the input).

What is worth most, and why (the value before urgency is added):
- an interview in the next two days (prepare for it) ......... 95; later this week ......... 80
- a follow-up whose day has come or passed ................... 70, +2 a day late (to 90)
- the FINDINGS_SHOWN coach findings worth most, if worth FINDING_VALUE or more (a thank-you
  note owed, someone to ask for a referral, no word after an interview) ...... their weight
- stay-in-touch contacts due ................................. 55, +1 per person due (to 65)
- practice reviews due (spaced repetition) ................... 45, +1 per card (to 55)
- this week's goals that are behind, late in the week ........ 40 to 60 (more as Sunday nears)
- a skill gap with nothing in the learning plan .............. 35
Ties keep the order above; the list is cut to LIMIT."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from pmpath.coach.detectors import Action, Finding

LIMIT = 8
FINDING_VALUE = 65
FINDINGS_SHOWN = 2


@dataclass(frozen=True)
class InterviewSoon:
    id: int
    application_id: int
    title: str
    starts_at: datetime  # local time
    prepared: bool  # has a prep note


@dataclass(frozen=True)
class FollowUp:
    application_id: int
    title: str
    what: str
    due: date


@dataclass(frozen=True)
class GoalLine:
    key: str
    label: str
    target: float
    done: float


@dataclass(frozen=True)
class GapItem:
    skill: str
    skill_name: str
    level_name: str


@dataclass(frozen=True)
class NextInput:
    today: date
    interviews: tuple[InterviewSoon, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    follow_ups_total: int = 0
    contacts_due: int = 0  # overdue or due today
    first_contact: tuple[int, str] | None = None  # (id, name) of the most overdue
    cards_due: int = 0
    goals: tuple[GoalLine, ...] = ()
    gaps: tuple[GapItem, ...] = ()
    findings: tuple[Finding, ...] = ()  # the coach's active findings (after decisions)


@dataclass(frozen=True)
class NextAction:
    kind: str
    title: str
    why: str
    when: date | None
    action: Action
    value: int
    extra: dict[str, int | str] = field(default_factory=dict)


GOAL_PAGES = {
    "applications": "jobs:postings",
    "outreach": "network:index",
    "practice_sessions": "interview:practice_pick",
    "learning_hours": "career:plan",
}


def _when(day: date, today: date) -> str:
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta < 0:
        return f"{-delta} day{'s' if delta != -1 else ''} late"
    return f"in {delta} days"


def rank(data: NextInput, *, limit: int = LIMIT) -> list[NextAction]:
    today = data.today
    found: list[NextAction] = []
    for row in data.interviews:
        days = (row.starts_at.date() - today).days
        value = 95 if days <= 2 else 80
        prep = "" if row.prepared else " You have no prep notes for it yet."
        found.append(
            NextAction(
                "interview",
                f"Prepare for {row.title}",
                f"The interview is {_when(row.starts_at.date(), today)}, "
                f"{row.starts_at:%a %d %b at %H:%M}.{prep}",
                row.starts_at.date(),
                Action(
                    "Open the prep page: company research, your why-this-company answer and the "
                    "stories to tell.",
                    "interview:prep",
                    (row.application_id,),
                ),
                value,
            )
        )
    for follow in data.follow_ups:
        late = max(0, (today - follow.due).days)
        found.append(
            NextAction(
                "follow_up",
                f"{follow.what or 'Follow up'}: {follow.title}",
                f"You planned it for {follow.due:%d %b} ({_when(follow.due, today)}).",
                follow.due,
                Action(
                    "Do it, then set the next step on the application.",
                    "jobs:application",
                    (follow.application_id,),
                ),
                min(90, 70 + 2 * late),
            )
        )
    # The most valuable few: the findings have their own list beside this one.
    coach = [
        f
        for f in data.findings
        # contacts due are listed below, from the same data
        if f.weight >= FINDING_VALUE and f.detector != "contacts_overdue"
    ]
    for f in sorted(coach, key=lambda f: -f.weight)[:FINDINGS_SHOWN]:
        found.append(NextAction("coach", f.title, f.evidence, None, f.action, f.weight))
    if data.contacts_due:
        first = data.first_contact
        found.append(
            NextAction(
                "contacts",
                f"Get back in touch with {data.contacts_due} "
                f"{'person' if data.contacts_due == 1 else 'people'}",
                "Their stay-in-touch cadence has come round"
                + (f"; {first[1]} has waited longest." if first else "."),
                today,
                Action(
                    "Send each a short note and log it.",
                    "network:contact" if first else "network:index",
                    (first[0],) if first else (),
                ),
                min(65, 55 + data.contacts_due),
            )
        )
    if data.cards_due:
        found.append(
            NextAction(
                "practice",
                f"Review {data.cards_due} practice question{'s' if data.cards_due != 1 else ''}",
                "Spaced repetition says they are due: answering now keeps them from fading.",
                today,
                Action("Work through the due queue.", "interview:practice_pick"),
                min(55, 45 + data.cards_due),
            )
        )
    days_left = 6 - today.weekday()  # Sunday: 0
    if data.goals and not any(line.target for line in data.goals):
        found.append(
            NextAction(
                "goal",
                "Set this week's targets",
                "A few numbers for the week (applications, people to reach out to, practice "
                "answers, learning hours) keep the search moving; progress is counted for you.",
                None,
                Action("Set this week's targets.", "career:goals"),
                40,
            )
        )
    for line in data.goals:
        if not line.target or line.done >= line.target:
            continue
        short = line.target - line.done
        found.append(
            NextAction(
                "goal",
                f"{line.label}: {line.done:g} of {line.target:g} this week",
                f"{short:g} to go with {days_left} day{'s' if days_left != 1 else ''} left "
                "after today.",
                None,
                Action(
                    "Make progress on this week's goal.", GOAL_PAGES.get(line.key, "career:goals")
                ),
                40 + round(20 * (6 - days_left) / 6),
            )
        )
    if data.gaps:
        names = [g.skill_name.lower() for g in data.gaps]
        listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
        found.append(
            NextAction(
                "gap",
                f"Plan how to grow {listed}",
                f"{'They are' if len(names) > 1 else 'It is'} among your largest gaps for "
                f"{data.gaps[0].level_name}, and nothing in your learning plan teaches "
                f"{'them' if len(names) > 1 else 'it'}.",
                None,
                Action("Pick a resource for each from the catalogue.", "career:plan"),
                35,
            )
        )
    order = ["interview", "follow_up", "coach", "contacts", "practice", "goal", "gap"]
    found.sort(key=lambda a: (-a.value, order.index(a.kind), a.when or date.max))
    return found[:limit]


def counts(actions: Sequence[NextAction]) -> dict[str, int]:
    found: dict[str, int] = {}
    for a in actions:
        found[a.kind] = found.get(a.kind, 0) + 1
    return found
