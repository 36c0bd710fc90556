"""LinkedIn's data export (pure, no Django): the ZIP or its CSV files one at a time.

- Connections.csv: a "Notes:" preamble, then `First Name,Last Name,URL,Email Address,Company,
  Position,Connected On` (older exports have no URL column); dates like "07 Dec 2025".
- messages.csv: one row per message; the columns changed between export vintages
  (CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS,
  DATE, SUBJECT, CONTENT, FOLDER; older ones lack some and may carry a DIRECTION instead).
  They become interactions, one per conversation per day.
- Invitations.csv: From, To, Sent At, Message, Direction (INCOMING/OUTGOING), and the inviter's
  and invitee's profile addresses in newer exports.
- Profile.csv: the candidate's own name, which tells their messages from everyone else's.

Columns are found by header name, never by position. ZIPs are checked before anything is
decompressed: size, total declared size, entry count, and path-traversal names."""

from __future__ import annotations

import hashlib
import html
import io
import re
import struct
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from pmpath.network.importers.base import (
    LIMITS,
    MAX_ROWS,
    ImportProblem,
    ParsedContact,
    ParsedContacts,
    Problem,
    Record,
    cell,
    clean_email,
    columns,
    csv_records,
    decode,
    header_key,
    linkedin_profile,
    parse_date,
    parse_datetime,
    split_name,
    tidy,
    tidy_block,
)

MAX_ZIP_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 5000
# The files we read from the export; everything else in it is left compressed.
WANTED = {
    "connections.csv": "connections",
    "messages.csv": "messages",
    "invitations.csv": "invitations",
    "profile.csv": "profile",
}

CONNECTION_HEADERS = "First Name, Last Name, URL, Email Address, Company, Position, Connected On"
MESSAGE_HEADERS = "FROM, TO, DATE, CONTENT"
INVITATION_HEADERS = "From, To, Sent At, Message, Direction"
EXPECTED = (
    f"expected the headers of Connections.csv ({CONNECTION_HEADERS}), messages.csv "
    f"({MESSAGE_HEADERS}) or Invitations.csv ({INVITATION_HEADERS})"
)

_CONNECTION_COLUMNS = {
    "first name": "first_name",
    "last name": "last_name",
    "url": "url",
    "profile url": "url",
    "email address": "email",
    "email": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected_on",
}
_MESSAGE_COLUMNS = {
    "conversation id": "conversation_id",
    "conversation title": "title",
    "from": "sender",
    "sender profile url": "sender_url",
    "to": "recipients",
    "recipient profile urls": "recipient_urls",
    "date": "date",
    "subject": "subject",
    "content": "content",
    "folder": "folder",
    "direction": "direction",
}
_INVITATION_COLUMNS = {
    "from": "sender",
    "to": "recipient",
    "sent at": "sent_at",
    "message": "message",
    "direction": "direction",
    "inviterprofileurl": "sender_url",
    "inviter profile url": "sender_url",
    "inviteeprofileurl": "recipient_url",
    "invitee profile url": "recipient_url",
}
_PROFILE_COLUMNS = {"first name": "first_name", "last name": "last_name"}
_SKIPPED_FOLDERS = {"spam", "trash"}
_NOT_A_PERSON = {"", "linkedin member", "linkedin", "linkedin premium"}


@dataclass
class ParsedMessage:
    conversation_id: str
    title: str
    sender: str
    sender_key: str
    recipients: list[tuple[str, str]]  # (name, profile key or "")
    sent_at: datetime
    subject: str
    content: str
    direction: str  # "inbound" | "outbound" when the export says so, else ""
    row: int


@dataclass
class ParsedInvitation:
    name: str  # the other person
    linkedin_url: str
    linkedin_key: str
    sent_on: date
    message: str
    direction: str  # "outbound": I invited them; "inbound": they invited me
    row: int


@dataclass
class ConversationDay:
    """What becomes one interaction: a conversation's messages on one day."""

    external_key: str
    day: date
    direction: str
    counterparts: list[tuple[str, str]]  # (name, key) of everyone but the candidate
    summary: str
    messages: int
    row: int  # the first message's row


@dataclass
class LinkedInExport:
    connections: list[ParsedContact] | None = None
    messages: list[ParsedMessage] | None = None
    invitations: list[ParsedInvitation] | None = None
    my_name: str = ""
    files: dict[str, str] = field(default_factory=dict)  # kind → file name as found
    problems: list[Problem] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(len(x or ()) for x in (self.connections, self.messages, self.invitations))


# --- the parsers -------------------------------------------------------------------------


def parse_connections(data: bytes | str, file: str = "Connections.csv") -> ParsedContacts:
    problems: list[Problem] = []
    records = _records(data, file, problems)
    header = _find_header(records, lambda keys: {"first name", "last name"} <= keys)
    if header is None:
        raise ImportProblem(
            file,
            f"this is not a LinkedIn connections export: no header row with {CONNECTION_HEADERS} "
            "was found (older exports have no URL column).",
        )
    where = columns(header.cells, _CONNECTION_COLUMNS)
    contacts: list[ParsedContact] = []
    for record in records:
        if record.line <= header.line:
            continue
        if len(contacts) >= MAX_ROWS:
            problems.append(Problem(file, record.line, "", _too_many()))
            break
        if contact := _connection(record, where, file, problems):
            contacts.append(contact)
    return ParsedContacts(contacts, problems)


def _connection(
    record: Record, where: dict[str, int], file: str, problems: list[Problem]
) -> ParsedContact | None:
    def get(name: str) -> str:
        return cell(record.cells, where, name)

    first = tidy(get("first_name"), LIMITS["first_name"])
    last = tidy(get("last_name"), LIMITS["last_name"])
    raw_url = tidy(get("url"))
    url, key = linkedin_profile(raw_url)
    if raw_url and not key:
        problems.append(
            Problem(file, record.line, "URL", "This is not a LinkedIn profile address; ignored.")
        )
    email, ok = clean_email(get("email"))
    if not ok:
        problems.append(
            Problem(file, record.line, "Email Address", "This is not an e-mail address; ignored.")
        )
    if not (first or last):
        # LinkedIn leaves a row's names empty for members who have left or hidden their profile.
        problems.append(
            Problem(
                file, record.line, "", "The row has no name (a hidden or closed profile).", True
            )
        )
        return None
    raw_date = tidy(get("connected_on"))
    connected = parse_date(raw_date)
    if raw_date and connected is None:
        problems.append(
            Problem(file, record.line, "Connected On", f'"{raw_date[:40]}" is not a date; ignored.')
        )
    return ParsedContact(
        first_name=first,
        last_name=last,
        email=email,
        company=tidy(get("company"), LIMITS["company"]),
        role=tidy(get("position"), LIMITS["role"]),
        linkedin_url=url,
        linkedin_key=key,
        connected_on=connected,
        row=record.line,
    )


def parse_messages(
    data: bytes | str, file: str = "messages.csv", problems: list[Problem] | None = None
) -> list[ParsedMessage]:
    problems = problems if problems is not None else []
    records = _records(data, file, problems)
    header = _find_header(records, _is_messages_header)
    if header is None:
        raise ImportProblem(
            file, f"this is not LinkedIn's messages.csv: expected the columns {MESSAGE_HEADERS}."
        )
    where = columns(header.cells, _MESSAGE_COLUMNS)
    messages: list[ParsedMessage] = []
    for record in records:
        if record.line <= header.line:
            continue
        if len(messages) >= MAX_ROWS:
            problems.append(Problem(file, record.line, "", _too_many()))
            break
        if message := _message(record, where, file, problems):
            messages.append(message)
    return messages


def _is_messages_header(keys: set[str]) -> bool:
    return {"from", "to", "date"} <= keys and bool(keys & {"content", "subject"})


def _message(
    record: Record, where: dict[str, int], file: str, problems: list[Problem]
) -> ParsedMessage | None:
    def get(name: str) -> str:
        return cell(record.cells, where, name)

    if tidy(get("folder")).lower() in _SKIPPED_FOLDERS:
        return None
    sent_at = parse_datetime(get("date"))
    if sent_at is None:
        problems.append(
            Problem(file, record.line, "DATE", "The message has no readable date.", True)
        )
        return None
    sender = tidy(get("sender"), 200)
    names = [tidy(n, 200) for n in _split_names(get("recipients"))]
    keys = [linkedin_profile(u)[1] for u in re.split(r"[\s,;]+", get("recipient_urls")) if u]
    if len(keys) == len(names):
        recipients = list(zip(names, keys, strict=True))
    else:  # the lists do not line up: keep the names, and the addresses on their own
        recipients = [(n, "") for n in names] + [("", k) for k in keys if k]
    direction = tidy(get("direction")).lower()
    return ParsedMessage(
        conversation_id=tidy(get("conversation_id"), 200),
        title=tidy(get("title"), 200),
        sender=sender,
        sender_key=linkedin_profile(get("sender_url"))[1],
        recipients=[(n, k) for n, k in recipients if n or k],
        sent_at=sent_at,
        subject=tidy(get("subject"), 200),
        content=_plain(get("content")),
        direction={"incoming": "inbound", "outgoing": "outbound"}.get(direction, ""),
        row=record.line,
    )


def _split_names(value: str) -> list[str]:
    return [part for part in (p.strip() for p in value.split(",")) if part]


_TAG = re.compile(r"<[^>]{0,2000}>")


def _plain(value: str) -> str:
    """Message content as text: newer exports write some of it as HTML."""
    text = tidy_block(value)
    if "<" in text and ">" in text:
        text = _TAG.sub(" ", text.replace("<br>", "\n").replace("</p>", "\n"))
        text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return tidy_block(html.unescape(text))


def parse_invitations(
    data: bytes | str, file: str = "Invitations.csv", problems: list[Problem] | None = None
) -> list[ParsedInvitation]:
    problems = problems if problems is not None else []
    records = _records(data, file, problems)
    header = _find_header(records, _is_invitations_header)
    if header is None:
        raise ImportProblem(
            file,
            f"this is not LinkedIn's Invitations.csv: expected the columns {INVITATION_HEADERS}.",
        )
    where = columns(header.cells, _INVITATION_COLUMNS)
    invitations: list[ParsedInvitation] = []
    for record in records:
        if record.line <= header.line:
            continue
        if len(invitations) >= MAX_ROWS:
            problems.append(Problem(file, record.line, "", _too_many()))
            break
        if invitation := _invitation(record, where, file, problems):
            invitations.append(invitation)
    return invitations


def _is_invitations_header(keys: set[str]) -> bool:
    return {"from", "to", "sent at"} <= keys


def _invitation(
    record: Record, where: dict[str, int], file: str, problems: list[Problem]
) -> ParsedInvitation | None:
    def get(name: str) -> str:
        return cell(record.cells, where, name)

    raw_direction = tidy(get("direction")).upper()
    if raw_direction not in {"INCOMING", "OUTGOING"}:
        problems.append(
            Problem(file, record.line, "Direction", "Direction is not INCOMING or OUTGOING.", True)
        )
        return None
    outbound = raw_direction == "OUTGOING"
    name = tidy(get("recipient" if outbound else "sender"), 200)
    url, key = linkedin_profile(get("recipient_url" if outbound else "sender_url"))
    sent = parse_date(get("sent_at"))
    if sent is None:
        problems.append(Problem(file, record.line, "Sent At", "The invitation has no date.", True))
        return None
    if name.lower() in _NOT_A_PERSON and not key:
        problems.append(Problem(file, record.line, "", "The invitation names nobody.", True))
        return None
    return ParsedInvitation(
        name=name,
        linkedin_url=url,
        linkedin_key=key,
        sent_on=sent,
        message=tidy_block(get("message"))[:2000],
        direction="outbound" if outbound else "inbound",
        row=record.line,
    )


def parse_profile(data: bytes | str, file: str = "Profile.csv") -> str:
    """The candidate's own name from Profile.csv, or "" when it has none."""
    records = _records(data, file, [])
    header = _find_header(records, lambda keys: {"first name", "last name"} <= keys)
    if header is None:
        return ""
    where = columns(header.cells, _PROFILE_COLUMNS)
    for record in records:
        if record.line > header.line:
            first, last = (cell(record.cells, where, n) for n in ("first_name", "last_name"))
            return tidy(f"{first} {last}")
    return ""


def _records(data: bytes | str, file: str, problems: list[Problem]) -> list[Record]:
    if not isinstance(data, bytes | bytearray | str):
        raise ImportProblem(file, "the file is not text.")
    text = decode(bytes(data) if isinstance(data, bytearray) else data)
    if not text.strip():
        raise ImportProblem(file, "the file is empty.")
    return list(csv_records(text, file, problems))


def _find_header(records: list[Record], test: object) -> Record | None:
    """The header row: the first of the first 40 records whose names pass `test`."""
    for record in records[:40]:
        if test({header_key(c) for c in record.cells}):  # type: ignore[operator]
            return record
    return None


def _too_many() -> str:
    return f"The file has more than {MAX_ROWS:,} rows; the rest were not read."


# --- which LinkedIn file is this? --------------------------------------------------------


def sniff_csv(data: bytes | str) -> str | None:
    """ "connections", "messages", "invitations" or None, from the headers alone."""
    try:
        text = decode(data[:65536] if isinstance(data, bytes | str) else b"")
        records = list(csv_records(text, "", []))[:40]
    except (ImportProblem, ValueError, TypeError):
        return None
    for record in records:
        keys = {header_key(c) for c in record.cells}
        if _is_messages_header(keys):
            return "messages"
        if _is_invitations_header(keys):
            return "invitations"
        # Every vintage has these five; a contacts sheet of the person's own rarely does.
        if {"first name", "last name", "company", "position", "connected on"} <= keys:
            return "connections"
    return None


def read_csv(data: bytes | str, file: str) -> LinkedInExport:
    """One file of the export, recognised by its headers."""
    kind = sniff_csv(data)
    if kind is None:
        raise ImportProblem(file, f"this is not a LinkedIn export: {EXPECTED}.")
    export = LinkedInExport(files={kind: file})
    _read_into(export, kind, data, file)
    return export


def _read_into(export: LinkedInExport, kind: str, data: bytes | str, file: str) -> None:
    if kind == "connections":
        parsed = parse_connections(data, file)
        export.connections = parsed.contacts
        export.problems += parsed.problems
    elif kind == "messages":
        export.messages = parse_messages(data, file, export.problems)
    elif kind == "invitations":
        export.invitations = parse_invitations(data, file, export.problems)
    elif kind == "profile":
        export.my_name = parse_profile(data, file)
    export.files[kind] = file


# --- the ZIP -----------------------------------------------------------------------------


def is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def read_zip(data: bytes, file: str = "LinkedIn export.zip") -> LinkedInExport:
    """The export's CSV files. Refused, before anything is decompressed, when the ZIP or its
    declared contents are too large, it has too many entries, or an entry's name climbs out
    of the folder; only the four files we use are ever read, each up to its declared size."""
    members = open_zip(data, file)
    export = LinkedInExport()
    for kind in ("profile", "connections", "messages", "invitations"):
        if kind not in members:
            continue
        name, content = members[kind]
        try:
            _read_into(export, kind, content, name)
        except ImportProblem as problem:
            export.problems.append(Problem(name, None, "", problem.message))
    if not export.files.keys() & {"connections", "messages", "invitations"}:
        raise ImportProblem(
            file, "this ZIP has no Connections.csv, messages.csv or Invitations.csv in it."
        )
    return export


def open_zip(
    data: bytes, file: str, wanted: dict[str, str] | None = None
) -> dict[str, tuple[str, bytes]]:
    """kind → (file name, content) of the entries named in `wanted` (lower-case base name →
    kind; the contacts files by default), after the checks of `checked_zip`."""
    wanted = WANTED if wanted is None else wanted
    archive = checked_zip(data, file)
    found: dict[str, tuple[str, bytes]] = {}
    for entry in archive.infolist():
        base = entry.filename.replace("\\", "/").rsplit("/", 1)[-1]
        kind = wanted.get(base.lower())
        if kind is None or kind in found or entry.is_dir():
            continue
        try:
            with archive.open(entry) as member:
                # zipfile stops at the declared size and checks the CRC, so a member that
                # lies about its size cannot expand past it.
                content = member.read(entry.file_size + 1)
        except RuntimeError:
            raise ImportProblem(file, f"{base} in the ZIP is password-protected.") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError):
            raise ImportProblem(file, f"{base} in the ZIP is damaged.") from None
        if len(content) > entry.file_size:
            raise ImportProblem(file, f"{base} in the ZIP is larger than it declares.")
        found[kind] = (base, content)
    return found


def checked_zip(data: bytes, file: str) -> zipfile.ZipFile:
    """The archive, refused before anything is decompressed when it is too large, declares
    too much, has too many entries or an entry whose name climbs out of its folder."""
    if len(data) > MAX_ZIP_BYTES:
        raise ImportProblem(
            file, f"the ZIP is {size(len(data))}; the limit is {size(MAX_ZIP_BYTES)}."
        )
    declared = _declared_entries(data)
    if declared is not None and declared > MAX_ENTRIES:
        raise ImportProblem(
            file, f"the ZIP has {declared:,} entries; the limit is {MAX_ENTRIES:,}."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, KeyError):
        raise ImportProblem(file, "this is not a readable ZIP file.") from None
    if len(entries) > MAX_ENTRIES:
        raise ImportProblem(
            file, f"the ZIP has {len(entries):,} entries; the limit is {MAX_ENTRIES:,}."
        )
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ImportProblem(
            file,
            f"the ZIP would expand to {size(total)}; the limit is {size(MAX_UNCOMPRESSED_BYTES)}.",
        )
    for entry in entries:
        if _unsafe(entry.filename):
            raise ImportProblem(
                file, f'the ZIP has an entry named "{entry.filename[:80]}", outside its folder.'
            )
    return archive


def size(count: int) -> str:
    """Bytes as people read them: "200 MB", "1.5 MB", "900 KB"."""
    mb = count / (1024 * 1024)
    if mb >= 10:
        return f"{mb:.0f} MB"
    if mb >= 1:
        return f"{mb:.1f} MB"
    return f"{round(count / 1024)} KB" if count >= 1024 else f"{count} bytes"


def _declared_entries(data: bytes) -> int | None:
    """The entry count from the end-of-central-directory record, read without parsing the
    directory, so a ZIP with millions of entries is refused cheaply."""
    tail = data[-(65536 + 22) :]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    count = struct.unpack("<H", tail[at + 10 : at + 12])[0]
    if count != 0xFFFF:
        return int(count)
    # ZIP64: the locator (20 bytes, just before) points at the ZIP64 end record.
    locator = tail[at - 20 : at]
    if len(locator) == 20 and locator[:4] == b"PK\x06\x07":
        offset = struct.unpack("<Q", locator[8:16])[0]
        record = data[offset : offset + 56]
        if len(record) == 56 and record[:4] == b"PK\x06\x06":
            return int(struct.unpack("<Q", record[32:40])[0])
    return None


def _unsafe(name: str) -> bool:
    normal = name.replace("\\", "/")
    if normal.startswith("/") or re.match(r"^[A-Za-z]:", normal):
        return True
    return any(part == ".." for part in normal.split("/"))


# --- messages → interactions -------------------------------------------------------------


def my_identity(
    messages: list[ParsedMessage], my_name: str = "", known_keys: set[str] | None = None
) -> tuple[set[str], set[str]]:
    """The candidate's names (lower case) and profile keys as they appear in the messages.

    Profile.csv's name when we have it; otherwise whoever takes part in the most
    conversations (the candidate is in all of them), preferring someone who is not one of
    their connections, then whoever sent the most messages."""
    known_keys = known_keys or set()
    if not my_name:
        conversations: dict[str, set[str]] = defaultdict(set)
        sent: Counter[str] = Counter()
        keys_of: dict[str, set[str]] = defaultdict(set)
        for message in messages:
            cid = _conversation_id(message)
            for name, key in [(message.sender, message.sender_key), *message.recipients]:
                if name.lower() not in _NOT_A_PERSON:
                    conversations[name.lower()].add(cid)
                    if key:
                        keys_of[name.lower()].add(key)
            sent[message.sender.lower()] += 1
        if not conversations:
            return set(), set()
        my_name = max(
            conversations,
            key=lambda n: (len(conversations[n]), not (keys_of[n] & known_keys), sent[n], n),
        )
    names = {my_name.lower()}
    keys = {m.sender_key for m in messages if m.sender.lower() in names and m.sender_key}
    keys |= {k for m in messages for n, k in m.recipients if n.lower() in names and k}
    return names, keys


def conversation_days(
    messages: list[ParsedMessage], my_names: set[str], my_keys: set[str]
) -> list[ConversationDay]:
    """One interaction per conversation per day: the direction of the day's first message
    (did the candidate write it?), the other people in the conversation, and a short summary."""

    def is_me(name: str, key: str) -> bool:
        return (key and key in my_keys) or (bool(name) and name.lower() in my_names)

    by_conversation: dict[str, list[ParsedMessage]] = defaultdict(list)
    for message in messages:
        by_conversation[_conversation_id(message)].append(message)
    days: list[ConversationDay] = []
    for cid, thread in by_conversation.items():
        thread.sort(key=lambda m: (m.sent_at, m.row))
        others: dict[str, tuple[str, str]] = {}  # by name (or key when nameless)
        for message in thread:
            for name, key in [(message.sender, message.sender_key), *message.recipients]:
                if is_me(name, key) or (not key and name.lower() in _NOT_A_PERSON):
                    continue
                ident = name.lower() or key
                known_name, known_key = others.get(ident, (name, key))
                others[ident] = (known_name or name, known_key or key)
        by_day: dict[date, list[ParsedMessage]] = defaultdict(list)
        for message in thread:
            by_day[message.sent_at.date()].append(message)
        for day, todays in sorted(by_day.items()):
            first = todays[0]
            direction = first.direction or (
                "outbound" if is_me(first.sender, first.sender_key) else "inbound"
            )
            days.append(
                ConversationDay(
                    external_key=f"linkedin-msg:{cid}:{day.isoformat()}",
                    day=day,
                    direction=direction,
                    counterparts=list(others.values()),
                    summary=_summary(todays),
                    messages=len(todays),
                    row=first.row,
                )
            )
    return days


def _conversation_id(message: ParsedMessage) -> str:
    if message.conversation_id:
        return message.conversation_id
    # Older exports have no conversation id: the set of people in it stands for one.
    people = sorted(
        {(k or n.lower()) for n, k in [(message.sender, message.sender_key), *message.recipients]}
    )
    return "p-" + hashlib.sha1("\n".join(people).encode()).hexdigest()[:20]


def _summary(messages: list[ParsedMessage]) -> str:
    count = len(messages)
    head = f"{count} LinkedIn message{'s' if count != 1 else ''}"
    topic = messages[0].subject or messages[0].title
    if topic:
        head += f" · {topic}"
    text = next((m.content for m in messages if m.content), "")
    if len(text) > 280:
        text = text[:279].rstrip() + "…"
    return f"{head}: {text}" if text else head


def invitation_key(invitation: ParsedInvitation) -> str:
    who = invitation.linkedin_key or invitation.name.lower()
    return f"linkedin-inv:{invitation.direction}:{who}:{invitation.sent_on.isoformat()}"[:300]


def invitation_summary(invitation: ParsedInvitation) -> str:
    head = (
        "Connection request sent on LinkedIn"
        if invitation.direction == "outbound"
        else "Connection request received on LinkedIn"
    )
    return f"{head}: {invitation.message}" if invitation.message else head


def contact_for_invitation(invitation: ParsedInvitation) -> ParsedContact:
    first, last = split_name(invitation.name)
    return ParsedContact(
        first_name=first,
        last_name=last,
        linkedin_url=invitation.linkedin_url,
        linkedin_key=invitation.linkedin_key,
        how_met=(
            "I sent a connection request on LinkedIn"
            if invitation.direction == "outbound"
            else "They sent me a connection request on LinkedIn"
        ),
        row=invitation.row,
    )
