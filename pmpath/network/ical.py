"""Industry events in and out of iCalendar (RFC 5545): a pure engine over plain data. It imports
nothing from Django: the import service hands it bytes and gets dataclasses back, the export
query hands it dataclasses and gets the file's bytes.

Reading, each VEVENT becomes one event keyed on its UID:
- a start with a TZID keeps that zone (Windows names and custom VTIMEZONEs are resolved by the
  icalendar library; a zone with no IANA name keeps the instant and shows in `default_zone`);
- a UTC start keeps the instant and shows in `default_zone`;
- a floating start (no zone) is a wall-clock time in `default_zone`;
- an all-day event starts at midnight in `default_zone` and ends at midnight after its last day;
- a recurring event (RRULE/RDATE) becomes one event at its next occurrence from `now` (the
  first one when the whole series is over); a re-import moves it on to the next one. Edited
  single occurrences (RECURRENCE-ID) are left to their series.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rruleset, rrulestr
from icalendar import Calendar, Component, vCalAddress, vText
from icalendar import Event as VEvent

from pmpath.security.sniff import binary_kind

PRODID = "-//pmpath//Industry events//EN"
CALENDAR_NAME = "pmpath: industry events"
MAX_EVENTS = 2000
MAX_OCCURRENCES = 5000
NAME_LIMIT = 300
LOCATION_LIMIT = 300
URL_LIMIT = 1000
NOTES_LIMIT = 20_000
UID_LIMIT = 300
# What a summary's words say about the kind of event; the first match wins.
KIND_WORDS = (
    ("webinar", re.compile(r"\b(webinar|livestream|live stream|online session|ama)\b", re.I)),
    ("conference", re.compile(r"\b(\w*conference|summit|festival|expo|forum)\b", re.I)),
    ("workshop", re.compile(r"\b(workshop|masterclass|bootcamp|training|hands-on)\b", re.I)),
    ("meetup", re.compile(r"\b(meetup|meet-up|producttank|drinks|social|breakfast)\b", re.I)),
)


class IcsError(ValueError):
    """The file is not a calendar this importer can read; the message names the file."""


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    name: str
    starts_at: datetime  # aware, UTC
    ends_at: datetime | None  # aware, UTC
    time_zone: str
    all_day: bool = False
    location: str = ""
    url: str = ""
    description: str = ""
    organizer: str = ""
    cancelled: bool = False
    recurring: bool = False
    kind: str = "meetup"


@dataclass
class ParsedCalendar:
    events: list[CalendarEvent] = field(default_factory=list)
    # One line per VEVENT left out, naming it ("event 3 (Product Night): no start time").
    skipped: list[str] = field(default_factory=list)


# --- reading ------------------------------------------------------------------------------


def parse_calendar(
    data: bytes,
    *,
    name: str,
    default_zone: str = "UTC",
    now: datetime | None = None,
    max_events: int = MAX_EVENTS,
) -> ParsedCalendar:
    """The events of one .ics file. Raises IcsError (naming `name`) for a file that is not an
    iCalendar calendar or holds no events; an event it cannot place in time is skipped and
    named in `skipped`. Never raises anything else."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    zone = _zone(default_zone) or ZoneInfo("UTC")
    kind = binary_kind(data)
    if kind:
        raise IcsError(f"{name}: {kind}, not an iCalendar file")
    text = _decode(data, name)
    if not text.lstrip()[:15].upper().startswith("BEGIN:VCALENDAR"):
        # RFC 5545: a calendar starts with this line; anything else is not read any further.
        raise IcsError(f"{name}: not an iCalendar file (it does not start with BEGIN:VCALENDAR)")
    if "END:VCALENDAR" not in text.upper():
        raise IcsError(f"{name}: the calendar is cut short (it has no END:VCALENDAR line)")
    try:
        calendar = Calendar.from_ical(text)
    except Exception as exc:  # the library raises ValueError, KeyError, IndexError...
        raise IcsError(f"{name}: not an iCalendar file ({_first_line(exc)})") from None
    if not isinstance(calendar, Component) or calendar.name != "VCALENDAR":
        raise IcsError(f"{name}: not an iCalendar file (it does not start with BEGIN:VCALENDAR)")
    components = [c for c in calendar.walk("VEVENT")]
    if not components:
        raise IcsError(f"{name}: the calendar holds no events (no VEVENT)")
    masters = {_text(c.get("uid"), UID_LIMIT) for c in components if "RECURRENCE-ID" not in c}
    overrides = _overrides(components)
    parsed = ParsedCalendar()
    seen: set[str] = set()
    for position, component in enumerate(components, start=1):
        label = _label(position, component)
        uid = _text(component.get("uid"), UID_LIMIT)
        if "RECURRENCE-ID" in component and uid in masters:
            continue  # one changed occurrence of a series imported whole
        try:
            event = _event(component, uid=uid, zone=zone, now=now, overrides=overrides)
        except _Skip as why:
            parsed.skipped.append(f"{label}: {why}")
            continue
        except Exception as exc:  # a malformed property anywhere in this one event
            parsed.skipped.append(f"{label}: cannot be read ({_first_line(exc)})")
            continue
        if event.uid in seen:
            parsed.skipped.append(f"{label}: the UID {event.uid!r} appears twice; kept the first")
            continue
        seen.add(event.uid)
        parsed.events.append(event)
        if len(parsed.events) > max_events:
            raise IcsError(f"{name}: more than {max_events:,} events; import a smaller calendar")
    if not parsed.events:
        reasons = "; ".join(parsed.skipped[:3])
        raise IcsError(f"{name}: no event could be read ({reasons})")
    return parsed


class _Skip(Exception):
    pass


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Older Outlook exports are Windows-1252; Latin-1 decodes anything, so it comes last.
        for encoding in ("cp1252", "latin-1"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise IcsError(f"{name}: the file is not text")  # pragma: no cover - latin-1 decodes all


def _first_line(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()
    text = message[0] if message else type(exc).__name__
    return text[:160]


def _label(position: int, component: Component) -> str:
    summary = _text(component.get("summary"), 60)
    return f"event {position} ({summary})" if summary else f"event {position}"


def _text(value: object, limit: int) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # a property given twice
        value = value[0] if value else ""
    return " ".join(str(value).split())[:limit]


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _overrides(components: list[Component]) -> dict[tuple[str, datetime], Component]:
    """Changed single occurrences of a series, by (UID, the instant they replace)."""
    found = {}
    for component in components:
        if "RECURRENCE-ID" not in component or "DTSTART" not in component:
            continue
        try:
            replaced = component.decoded("recurrence-id")
            if isinstance(replaced, date):
                instant = _aware(replaced, ZoneInfo("UTC")).astimezone(UTC)
                found[(_text(component.get("uid"), UID_LIMIT), instant)] = component
        except Exception:  # an unreadable override leaves its series as it is
            continue
    return found


def _event(
    component: Any,
    *,
    uid: str,
    zone: ZoneInfo,
    now: datetime,
    overrides: dict[tuple[str, datetime], Component] | None = None,
) -> CalendarEvent:
    if "DTSTART" not in component:
        raise _Skip("no start time (DTSTART)")
    start = component.DTSTART
    if not isinstance(start, date):
        raise _Skip("the start time cannot be read")
    length = _length(component, start)
    all_day = not isinstance(start, datetime)
    first, time_zone = _instant(start, zone)
    recurring = any(key in component for key in ("RRULE", "RDATE"))
    extra: dict[str, object] = {}
    if recurring:
        first = _next_occurrence(component, start, first, zone, now)
        # The occurrence chosen may have been changed on its own (a later start, a new room).
        changed: Any = (overrides or {}).get((uid, first))
        if changed is not None:
            moved = changed.DTSTART
            if isinstance(moved, date) and isinstance(moved, datetime) == isinstance(
                start, datetime
            ):
                first, _ = _instant(moved, zone)
                length = _length(changed, moved) or length
                # The series keeps its name; the occurrence's own place and links win.
                for key in ("LOCATION", "URL", "DESCRIPTION", "STATUS"):
                    if key in changed:
                        extra[key] = changed[key]
    name = _text(component.get("summary"), NAME_LIMIT) or "Untitled event"
    location = _text(extra.get("LOCATION", component.get("location")), LOCATION_LIMIT)
    description = str(extra.get("DESCRIPTION", component.get("description")) or "")
    description = description.strip()[:NOTES_LIMIT]
    url = _text(extra.get("URL", component.get("url")), URL_LIMIT)
    if not url.lower().startswith(("https://", "http://")):
        url = ""
    if not uid:
        # A calendar without UIDs (rare, and against the RFC): derive one from what is there,
        # so importing the same file again still updates instead of duplicating.
        seed = f"{name}|{start.isoformat()}|{location}"
        uid = "pmpath-" + hashlib.sha256(seed.encode()).hexdigest()[:32]
    status = _text(extra.get("STATUS", component.get("status")), 20).upper()
    return CalendarEvent(
        uid=uid,
        name=name,
        starts_at=first,
        ends_at=first + length if length else None,
        time_zone=time_zone,
        all_day=all_day,
        location=location,
        url=url,
        description=description,
        organizer=_organizer_name(component.get("organizer")),
        cancelled=status == "CANCELLED",
        recurring=recurring,
        kind=guess_kind(name, _categories(component)),
    )


def _instant(start: date, zone: ZoneInfo) -> tuple[datetime, str]:
    """The start as a UTC instant, and the zone to show it in."""
    if not isinstance(start, datetime):
        return datetime.combine(start, time(0, 0), tzinfo=zone).astimezone(UTC), zone.key
    if start.tzinfo is None:  # floating: the same wall-clock time wherever you are
        return start.replace(tzinfo=zone).astimezone(UTC), zone.key
    if isinstance(start.tzinfo, ZoneInfo) and start.tzinfo.key not in ("UTC", "Etc/UTC"):
        return start.astimezone(UTC), start.tzinfo.key
    return start.astimezone(UTC), zone.key


def _length(component: Any, start: date) -> timedelta | None:
    if "DTEND" in component:
        end = component.DTEND
        if isinstance(end, datetime) and isinstance(start, datetime):
            if (end.tzinfo is None) != (start.tzinfo is None):
                return None
            length = end - start
        elif not isinstance(end, datetime) and not isinstance(start, datetime):
            length = timedelta(days=(end - start).days)
        else:
            return None
        return length if length > timedelta(0) else None
    if "DURATION" in component:
        duration = component.DURATION
        if isinstance(duration, timedelta) and duration > timedelta(0):
            return duration
        return None
    # RFC 5545: an all-day event without an end lasts the one day.
    return None if isinstance(start, datetime) else timedelta(days=1)


def _next_occurrence(
    component: Component, start: date, first: datetime, zone: ZoneInfo, now: datetime
) -> datetime:
    """The series' first occurrence starting at or after `now`, else its first one."""
    if isinstance(start, datetime) and start.tzinfo is not None:
        anchor = start
    elif isinstance(start, datetime):
        anchor = start.replace(tzinfo=zone)
    else:
        anchor = datetime.combine(start, time(0, 0), tzinfo=zone)
    rules = rruleset()
    for prop in _as_list(component.get("rrule")):
        rule_text = prop.to_ical().decode()
        # dateutil wants UNTIL in the same form as DTSTART; an aware start needs a UTC UNTIL.
        rules.rrule(rrulestr(_aware_until(rule_text), dtstart=anchor, ignoretz=False))
    for prop in _as_list(component.get("rdate")):
        for period in getattr(prop, "dts", []):
            rules.rdate(_aware(period.dt, zone))
    for prop in _as_list(component.get("exdate")):
        for period in getattr(prop, "dts", []):
            rules.exdate(_aware(period.dt, zone))
    rules.rdate(anchor)  # DTSTART is always the first occurrence
    # Walk at most MAX_OCCURRENCES: an hourly rule from 1990 must not keep the import busy.
    for count, occurrence in enumerate(rules):
        if occurrence >= now:
            return occurrence.astimezone(UTC)
        if count >= MAX_OCCURRENCES:
            break
    return first


def _aware_until(rule: str) -> str:
    parts = []
    for part in rule.split(";"):
        key, _, value = part.partition("=")
        if key.upper() == "UNTIL" and "T" not in value:
            value = f"{value}T235959Z"
        elif key.upper() == "UNTIL" and not value.endswith("Z"):
            value = f"{value}Z"
        parts.append(f"{key}={value}")
    return ";".join(parts)


def _aware(value: date, zone: ZoneInfo) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0, 0), tzinfo=zone)
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def _as_list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _organizer_name(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    params = getattr(value, "params", {}) or {}
    name = str(params.get("CN", "")).strip()
    if name:
        return name[:200]
    text = str(value)
    return text.removeprefix("mailto:").removeprefix("MAILTO:")[:200]


def _categories(component: Component) -> list[str]:
    words: list[str] = []
    for prop in _as_list(component.get("categories")):
        words += [str(c) for c in getattr(prop, "cats", [])]
    return words


def guess_kind(name: str, categories: Iterable[str] = ()) -> str:
    """Conference, webinar, workshop or meetup, from the words of the title and categories."""
    text = f"{name} {' '.join(categories)}"
    for kind, words in KIND_WORDS:
        if words.search(text):
            return kind
    return "meetup"


# --- writing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportEvent:
    uid: str
    name: str
    starts_at: datetime  # aware
    time_zone: str
    ends_at: datetime | None = None
    location: str = ""
    url: str = ""
    description: str = ""
    status: str = "interested"
    modified_at: datetime | None = None


def build_calendar(
    events: Iterable[ExportEvent],
    *,
    organizer_email: str,
    organizer_name: str = "",
    stamp: datetime,
) -> bytes:
    """The events as one calendar, each DTSTART in its own zone with a VTIMEZONE for it.
    Lines end in CRLF and are folded at 75 octets (the library does both)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    organizer = vCalAddress(f"mailto:{organizer_email}")
    if organizer_name:
        organizer.params["CN"] = vText(organizer_name)
    stamp = stamp.astimezone(UTC)
    years = []
    for item in events:
        calendar.add_component(_vevent(item, organizer, stamp))
        years.append(item.starts_at.year)
    if years:
        # VTIMEZONEs covering the calendar's own years, not the library's 1970-2038 default.
        calendar.add_missing_timezones(
            first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 2, 1, 1)
        )
    return calendar.to_ical()


def _vevent(item: ExportEvent, organizer: vCalAddress, stamp: datetime) -> VEvent:
    zone = _zone(item.time_zone) or ZoneInfo("UTC")
    event = VEvent()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", item.starts_at.astimezone(zone))
    if item.ends_at and item.ends_at > item.starts_at:
        event.add("dtend", item.ends_at.astimezone(zone))
    event.add("summary", item.name)
    event.add("organizer", organizer)
    if item.location:
        event.add("location", item.location)
    if item.url:
        event.add("url", item.url)
    if item.description:
        event.add("description", item.description)
    # Registered (or attended) is a commitment; interested is a maybe.
    event.add("status", "CONFIRMED" if item.status in ("registered", "attended") else "TENTATIVE")
    event.add("categories", ["Networking"])
    if item.modified_at:
        event.add("last-modified", item.modified_at.astimezone(UTC))
    return event
