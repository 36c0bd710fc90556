"""vCard in and out (pure, no Django): what phones, Google Contacts, Outlook and Apple
Contacts export and import.

Reading accepts vCard 2.1, 3.0 (RFC 2426) and 4.0 (RFC 6350): folded lines, grouped property
names ("item1.EMAIL"), quoted parameters, TYPE/PREF preferences, escaped text, and
quoted-printable values with their soft line breaks. Writing produces vCard 3.0 by default,
the version every address book imports, or 4.0 on request, with RFC 6350's escaping and
75-octet line folding.

The `vobject` library was considered; it writes only vCard 3.0 and its 4.0 support is still
an open pull request, so the two small directions are written here instead."""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pmpath.network.importers.base import (
    LIMITS,
    MAX_TAG,
    ImportProblem,
    ParsedContact,
    ParsedContacts,
    Problem,
    clean_email,
    decode,
    linkedin_profile,
    parse_date,
    split_name,
    tidy,
    tidy_block,
)

MAX_CARDS = 100_000
MAX_LINE = 1_000_000  # one unfolded property (a photo can be large; we skip those anyway)


@dataclass
class Property:
    name: str  # upper case, group removed
    params: dict[str, list[str]]  # upper-case names; values as written
    value: str  # raw (still escaped)

    def types(self) -> set[str]:
        return {t.lower() for v in self.params.get("TYPE", []) for t in v.split(",")}

    def preferred(self) -> bool:
        return "pref" in self.types() or bool(self.params.get("PREF"))


# --- reading -----------------------------------------------------------------------------


def parse_vcards(data: bytes | str, file: str = "contacts.vcf") -> ParsedContacts:
    if not isinstance(data, bytes | bytearray | str):
        raise ImportProblem(file, "the file is not text.")
    text = decode(bytes(data) if isinstance(data, bytearray) else data)
    if "BEGIN:VCARD" not in text.upper():
        raise ImportProblem(file, "this is not a vCard file: no BEGIN:VCARD line was found.")
    problems: list[Problem] = []
    contacts: list[ParsedContact] = []
    card: list[tuple[int, Property]] | None = None
    start = 0
    for line_number, line in _unfolded(text):
        if len(line) > MAX_LINE:
            problems.append(
                Problem(file, line_number, "", "A property is too long; it was ignored.")
            )
            continue
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if card is not None:
                problems.append(Problem(file, start, "", "A card has no END:VCARD line.", True))
            card, start = [], line_number
            continue
        if upper == "END:VCARD":
            if card is not None:
                if len(contacts) >= MAX_CARDS:
                    problems.append(
                        Problem(file, start, "", f"More than {MAX_CARDS:,} cards; stopped.")
                    )
                    break
                if contact := _contact(card, start, file, problems):
                    contacts.append(contact)
            card = None
            continue
        if card is None or not line.strip():
            continue
        prop = _property(line)
        if prop is None:
            problems.append(Problem(file, line_number, "", "This line is not a vCard property."))
        else:
            card.append((line_number, prop))
    if card is not None:
        problems.append(Problem(file, start, "", "The last card has no END:VCARD line.", True))
    return ParsedContacts(contacts, problems)


def _unfolded(text: str) -> Iterable[tuple[int, str]]:
    """Logical lines with the line each starts on. A line starting with a space or tab
    continues the previous one; a quoted-printable value ending in "=" continues on the
    next line (vCard 2.1's soft line break)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    current: str | None = None
    start = 0
    for number, line in enumerate(lines, start=1):
        if current is not None and line[:1] in (" ", "\t"):
            current += line[1:]
            continue
        if current is not None and current.endswith("=") and _quoted_printable(current):
            current = current[:-1] + line
            continue
        if current is not None:
            yield start, current
        current, start = line, number
    if current is not None:
        yield start, current


def _quoted_printable(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def _property(line: str) -> Property | None:
    # name[;param[=value]]*:value — a colon inside a quoted parameter value is not the end.
    in_quotes = False
    for index, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            head, value = line[:index], line[index + 1 :]
            break
    else:
        return None
    parts = _split_params(head)
    name = parts[0].rsplit(".", 1)[-1].strip().upper()
    if not name or not re.fullmatch(r"[A-Z0-9-]+", name):
        return None
    params: dict[str, list[str]] = {}
    for raw in parts[1:]:
        key, eq, val = raw.partition("=")
        if not eq:  # vCard 2.1: ";WORK;PREF" and ";QUOTED-PRINTABLE"
            bare = raw.upper() in {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT"}
            key, val = ("ENCODING", raw) if bare else ("TYPE", raw)
        params.setdefault(key.strip().upper(), []).append(val.strip().strip('"'))
    return Property(name, params, value)


def _split_params(head: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    in_quotes = False
    for char in head:
        if char == '"':
            in_quotes = not in_quotes
        if char == ";" and not in_quotes:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _text(prop: Property) -> str:
    """The property's value as plain text: quoted-printable decoded, escapes undone."""
    value = prop.value
    encoding = {e.upper() for e in prop.params.get("ENCODING", [])}
    if "QUOTED-PRINTABLE" in encoding:
        charset = (prop.params.get("CHARSET") or ["utf-8"])[0]
        raw = quopri.decodestring(value.encode("utf-8", "replace"))
        try:
            value = raw.decode(charset, "replace")
        except LookupError:
            value = raw.decode("utf-8", "replace")
        return value
    if encoding & {"B", "BASE64"}:
        return ""  # photos and keys: nothing we keep
    return unescape(value)


def unescape(value: str) -> str:
    out, index = [], 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            following = value[index + 1]
            out.append("\n" if following in "nN" else following)
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _components(value: str, separator: str = ";") -> list[str]:
    """Split a structured value (N, ORG) or a list (CATEGORIES) on unescaped separators."""
    parts, current, index = [], [], 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            current.append(value[index : index + 2])
            index += 2
            continue
        if char == separator:
            parts.append(unescape("".join(current)))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append(unescape("".join(current)))
    return parts


def _contact(
    card: list[tuple[int, Property]], start: int, file: str, problems: list[Problem]
) -> ParsedContact | None:
    contact = ParsedContact(row=start)
    by_name: dict[str, list[tuple[int, Property]]] = {}
    for line, prop in card:
        by_name.setdefault(prop.name, []).append((line, prop))

    def best(name: str) -> list[tuple[int, Property]]:
        found = by_name.get(name, [])
        return sorted(found, key=lambda item: not item[1].preferred())

    if found := best("N"):
        prop = found[0][1]
        parts = _text(prop).split(";") if _is_qp(prop) else _components(prop.value)
        parts += ["", ""]
        contact.last_name = tidy(parts[0], LIMITS["last_name"])
        contact.first_name = tidy(parts[1], LIMITS["first_name"])
    if not (contact.first_name or contact.last_name) and (found := best("FN")):
        full = _text(found[0][1])
        if "@" not in full:  # a card for an address only has the address as its FN
            contact.first_name, contact.last_name = split_name(full)
    for line, prop in best("EMAIL"):
        email, ok = clean_email(_text(prop))
        if email:
            contact.email = email
            break
        if not ok:
            problems.append(Problem(file, line, "EMAIL", "This is not an e-mail address; ignored."))
    if found := best("TEL"):
        contact.phone = tidy(_text(found[0][1]).removeprefix("tel:"), LIMITS["phone"])
    if found := best("ORG"):
        prop = found[0][1]
        org = _components(prop.value)[0] if not _is_qp(prop) else _text(prop).split(";")[0]
        contact.company = tidy(org, LIMITS["company"])
    if found := best("TITLE"):
        contact.role = tidy(_text(found[0][1]), LIMITS["role"])
    for name in ("URL", "X-SOCIALPROFILE", "IMPP", "X-LINKEDIN"):
        for _line, prop in best(name):
            url, key = linkedin_profile(_text(prop))
            if key:
                contact.linkedin_url, contact.linkedin_key = url, key
                break
        if contact.linkedin_key:
            break
    if found := best("NOTE"):
        contact.notes = tidy_block(_text(found[0][1]))[:20000]
    tags: list[str] = []
    for _line, prop in by_name.get("CATEGORIES", []):
        for tag in _components(prop.value, ","):
            tag = tidy(tag, MAX_TAG)
            if tag and tag.lower() not in {t.lower() for t in tags}:
                tags.append(tag)
    contact.tags = tags
    if found := best("X-PMPATH-CONNECTED-ON"):
        contact.connected_on = parse_date(_text(found[0][1]))
    if not (contact.first_name or contact.last_name or contact.email):
        problems.append(Problem(file, start, "FN", "The card has no name and no e-mail.", True))
        return None
    return contact


def _is_qp(prop: Property) -> bool:
    return any(e.upper() == "QUOTED-PRINTABLE" for e in prop.params.get("ENCODING", []))


# --- writing -----------------------------------------------------------------------------


def escape(value: str) -> str:
    """A text value with backslash, comma, semicolon and line breaks escaped: safe in both
    single and structured values (RFC 6350 §3.4)."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\\", "\\\\")
    return text.replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines of at most 75 octets, never splitting a UTF-8 character (RFC 6350 §3.2)."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with a space
        if size + width > limit:
            out.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


def write_vcards(contacts: Iterable[ParsedContact], *, version: str = "3.0") -> str:
    if version not in {"3.0", "4.0"}:
        raise ValueError("version must be 3.0 or 4.0")
    lines: list[str] = []
    for contact in contacts:
        lines.extend(_card(contact, version))
    return "".join(fold(line) + "\r\n" for line in lines)


def _card(contact: ParsedContact, version: str) -> list[str]:
    full = contact.name or contact.email or "Unnamed contact"
    card = [
        "BEGIN:VCARD",
        f"VERSION:{version}",
        f"N:{escape(contact.last_name)};{escape(contact.first_name)};;;",
        f"FN:{escape(full)}",
    ]
    if contact.company:
        card.append(f"ORG:{escape(contact.company)}")
    if contact.role:
        card.append(f"TITLE:{escape(contact.role)}")
    if contact.email:
        kind = ";TYPE=INTERNET" if version == "3.0" else ""
        card.append(f"EMAIL{kind}:{escape(contact.email)}")
    if contact.phone:
        kind = ";TYPE=CELL" if version == "3.0" else ";VALUE=text"
        card.append(f"TEL{kind}:{escape(contact.phone)}")
    if contact.linkedin_url:
        # A URL with no escaping of its own: commas and semicolons are legal in addresses.
        card.append(f"URL;TYPE=linkedin:{contact.linkedin_url}")
    if contact.tags:
        card.append("CATEGORIES:" + ",".join(escape(t) for t in contact.tags))
    if contact.notes:
        card.append(f"NOTE:{escape(contact.notes)}")
    if contact.connected_on:
        card.append(f"X-PMPATH-CONNECTED-ON:{contact.connected_on.isoformat()}")
    card.append("END:VCARD")
    return card
