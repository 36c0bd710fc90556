"""The interview calendar as iCalendar (RFC 5545): a pure engine over plain data. It imports
nothing from Django, so the queries hand it dataclasses and it hands back the file's bytes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//pmpath//Interviews and follow-ups//EN"
CALENDAR_NAME = "pmpath: interviews and follow-ups"
# What a round is called in a calendar, where the pipeline's longer labels would crowd the title.
EVENT_NAMES = {
    "recruiter": "Recruiter screen",
    "hiring_manager": "Hiring manager interview",
    "product_sense": "Product sense interview",
    "execution": "Execution interview",
    "strategy": "Product strategy interview",
    "technical": "Technical interview",
    "behavioural": "Behavioural interview",
    "case": "Case study",
    "panel": "Panel interview",
    "executive": "Executive interview",
    "other": "Interview",
}
EMAIL = re.compile(r"[^\s,;<>()@]+@[^\s,;<>()@]+\.[^\s,;<>()@]+")


@dataclass(frozen=True)
class Person:
    name: str
    role: str = ""
    email: str = ""


@dataclass(frozen=True)
class InterviewEvent:
    uid: str
    kind: str
    company: str
    role: str
    starts_at: datetime  # aware
    time_zone: str
    duration_minutes: int
    location: str = ""
    preparation: str = ""
    interviewers: str = ""
    url: str = ""
    cancelled: bool = False
    modified_at: datetime | None = None


@dataclass(frozen=True)
class FollowUpEvent:
    uid: str
    due: date
    action: str
    company: str
    role: str
    url: str = ""
    modified_at: datetime | None = None


def parse_interviewers(text: str) -> list[Person]:
    """One interviewer a line, as people write them: "Dana Reyes, Head of Product,
    dana@acme.example", "Sam <sam@acme.example>", or just a name."""
    people = []
    for line in (text or "").splitlines():
        line = line.strip(" \t-*•")
        if not line:
            continue
        found = EMAIL.search(line)
        email = found.group(0).strip(".") if found else ""
        rest = re.sub(r"<\s*>|\(\s*\)|\[\s*\]", "", EMAIL.sub("", line))
        parts = [p.strip() for p in re.split(r"[,;|]", rest)]
        parts = [p for p in parts if p]
        name, roles = (parts[0], parts[1:]) if parts else (email, [])
        bracketed = re.fullmatch(r"(.+?)\s*\((.+)\)", name)  # "Priya (Recruiter)"
        if bracketed:
            name, roles = bracketed.group(1), [bracketed.group(2), *roles]
        if not name:  # a line of punctuation only
            continue
        people.append(Person(name=name, role=", ".join(roles), email=email))
    return people


def one_line(text: str) -> str:
    return " ".join((text or "").split())


def _paragraphs(text: str) -> str:
    return "\n".join(line.rstrip() for line in (text or "").splitlines()).strip()


def event_title(kind: str, company: str, role: str) -> str:
    where = ", ".join(p for p in (one_line(company), one_line(role)) if p)
    name = EVENT_NAMES.get(kind, "Interview")
    return f"{name} \u2014 {where}" if where else name


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # a name stored before validation existed
        return ZoneInfo("UTC")


def _organizer(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    return address


def _interview(item: InterviewEvent, organizer: vCalAddress, stamp: datetime) -> Event:
    zone = _zone(item.time_zone)
    start = item.starts_at.astimezone(zone)
    # Add the duration in UTC: a 09:30 round on the morning the clocks change still lasts 45 min.
    end = (item.starts_at + timedelta(minutes=item.duration_minutes)).astimezone(zone)
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", event_title(item.kind, item.company, item.role))
    people = parse_interviewers(item.interviewers)
    lines = []
    if people:
        lines.append(
            "Interviewers: "
            + "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in people)
        )
    if _paragraphs(item.preparation):
        lines += ["", "Preparation:", _paragraphs(item.preparation)]
    if item.url:
        lines += ["", f"Open in pmpath: {item.url}"]
    if lines:
        event.add("description", "\n".join(lines).strip())
    if one_line(item.location):
        event.add("location", one_line(item.location))
    if item.url:
        event.add("url", item.url)
    event.add("organizer", organizer)
    for person in people:
        if person.email:
            attendee = vCalAddress(f"mailto:{person.email}")
            attendee.params["CN"] = vText(person.name)
            attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
            event.add("attendee", attendee)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("categories", ["Interview"])
    if item.modified_at:
        event.add("last-modified", item.modified_at.astimezone(UTC))
    return event


def _follow_up(item: FollowUpEvent, organizer: vCalAddress, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", item.due)
    event.add("dtend", item.due + timedelta(days=1))
    where = ", ".join(p for p in (one_line(item.company), one_line(item.role)) if p)
    action = one_line(item.action) or "Follow up"
    event.add("summary", f"{action} \u2014 {where}" if where else action)
    if item.url:
        event.add("description", f"Next action for this application.\n\nOpen in pmpath: {item.url}")
        event.add("url", item.url)
    event.add("organizer", organizer)
    # A reminder, not a meeting: it does not block time in the calendar.
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["Follow-up"])
    if item.modified_at:
        event.add("last-modified", item.modified_at.astimezone(UTC))
    return event


def build_calendar(
    interviews: Iterable[InterviewEvent],
    follow_ups: Iterable[FollowUpEvent],
    *,
    organizer_email: str,
    organizer_name: str = "",
    stamp: datetime,
) -> bytes:
    """The whole calendar: one event per interview round and per follow-up, with a VTIMEZONE
    for every zone an interview uses. Lines end in CRLF and are folded at 75 octets."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    # Subscribed calendars poll; once an hour is enough for interviews booked days ahead.
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    organizer = _organizer(organizer_email, organizer_name)
    stamp = stamp.astimezone(UTC)
    starts = []
    for item in interviews:
        calendar.add_component(_interview(item, organizer, stamp))
        starts.append(item.starts_at.date())
    for follow_up in follow_ups:
        calendar.add_component(_follow_up(follow_up, organizer, stamp))
    if starts:
        # Each VTIMEZONE covers the calendar's own years, not the library's 1970-2038 default.
        calendar.add_missing_timezones(
            first_date=date(min(starts).year - 1, 1, 1), last_date=date(max(starts).year + 2, 1, 1)
        )
    return calendar.to_ical()
