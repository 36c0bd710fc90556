"""What a posting asks for: the skills it requires, the ones it would like, and the years of
experience it wants. Pure: no Django.

A posting is read line by line. A heading ("Requirements", "What you'll bring", "Nice to have",
"Bonus points", "Benefits"...) sets the kind of the lines under it until the next heading; a
line that is both ("Nice to have: SQL, Looker") sets it for itself and what follows. Inside a
required section a line that says "is a plus", "ideally" or "preferred" is a nice-to-have.

Kinds: required, preferred, role (what you'll do, about the role: skills there are required
when the posting has no requirements section, nice-to-haves otherwise) and other (about the
company, benefits, legal text: skills there are ignored, though domains still count).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from pmpath.matching.taxonomy import Found, Taxonomy
from pmpath.matching.types import Requirement

MAX_TEXT = 40_000  # a posting is a page; hostile input is read only in part
MAX_TITLE = 300

_HEADINGS: tuple[tuple[str, str], ...] = (
    # Order matters: "preferred qualifications" before "qualifications", "about you" before
    # "about".
    (
        "preferred",
        r"nice[\s-]to[\s-]haves?|preferred|bonus(?: points)?|pluses|(?:it'?s |is )?a plus"
        r"|plus points|extra credit|even better|ideally|desirable|good to have"
        r"|we'?d love|would be great|not required|optional|brownie points",
    ),
    (
        "required",
        r"requirements?|required|must[\s-]haves?|must have|minimum qualifications"
        r"|basic qualifications|qualifications|what you(?:'?ll| will)? bring|what we'?re"
        r" looking for|what we look for|who you are|you have|you(?:'?ll| will)? need"
        r"|what you need|you should have|about you|skills(?: and| &) experience"
        r"|experience(?: and| &) skills|your (?:background|experience|profile|skills)"
        r"|ideal candidate|the candidate|key skills|what it takes|you are|you bring",
    ),
    (
        "role",
        r"responsibilities|what you(?:'?ll| will) do|the role|about the (?:role|job|position)"
        r"|your (?:role|impact|mission)|in this role|day[\s-]to[\s-]day|the job|the position"
        r"|the opportunity|what you(?:'?ll| will) work on|your day|key duties|duties",
    ),
    (
        "other",
        r"about us|about(?: [\w&'.-]+){1,3}$|who we are|about (?:the )?company|our company"
        r"|benefits|perks|compensation"
        r"|salary|pay range|what we offer|why (?:join|work)|how to apply|equal opportunity"
        r"|eeo|diversity|our (?:mission|values|culture)|the team|about the team"
        r"|life at|working here|application process|interview process",
    ),
)
_LEAD = r"(?:the |our |your |key |minimum |basic |desired |additional |required |preferred )?"
_TAIL = (
    r"(?:\s+(?:qualifications|skills|requirements|experience|points|responsibilities"
    r"|to have|and|&|we offer))*\s*(?:\(.*\))?"
)
# Start-of-heading patterns (a "Heading: text" line) and whole-heading ones (a line alone).
_HEADING_RES = [
    (kind, re.compile(rf"^{_LEAD}(?:{pattern})\b", re.I)) for kind, pattern in _HEADINGS
]
_WHOLE_RES = [
    (kind, re.compile(rf"^{_LEAD}(?:{pattern}){_TAIL}$", re.I)) for kind, pattern in _HEADINGS
]
_PREFERRED_CUE = re.compile(
    r"\b(?:(?:is|are|a) (?:big |huge )?(?:plus|bonus)|nice[\s-]to[\s-]have|preferred|ideally"
    r"|bonus|desirable|not required|a plus)\b",
    re.I,
)
_DASHES = "\u2013\u2014"  # en and em dashes
_BULLET = re.compile(rf"^\s*(?:[-*\u2022\u00b7{_DASHES}>]+|\d+[.)])\s*")
_DECORATION = re.compile(rf"^[#*_\s]+|[#*_\s:.!\-{_DASHES}]+$")


@dataclass(frozen=True)
class Section:
    kind: str  # required | preferred | role | other | intro
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class YearsAsked:
    years: float
    product: bool  # the ask is about product management experience itself
    text: str


@dataclass(frozen=True)
class PostingNeeds:
    required: tuple[Requirement, ...]
    preferred: tuple[Requirement, ...]
    domains: dict[str, float]  # domain skill id -> weight (2 when the title names it)
    years: YearsAsked | None
    skills: frozenset[str]  # every taxonomy skill anywhere in the title and text


@lru_cache(maxsize=4096)  # headings repeat across postings ("Requirements", "Benefits")
def _heading(line: str) -> tuple[str, str, str] | None:
    """(kind, heading words, rest of the line) when the line opens a section."""
    colon = line.find(":")
    if (line[:colon] if colon >= 0 else line).count(" ") > 12:  # too long for a heading: prose
        return None
    clean = _BULLET.sub("", line).strip().strip("#*_ \t").strip()
    head, sep, rest = clean.partition(":")
    head = _DECORATION.sub("", head).strip()
    rest = rest.strip().strip("*_").strip()
    if not head:
        return None
    words = head.split()
    if sep and len(words) <= 7:  # "Nice to have: SQL" or "What you'll bring:"
        regexes = _HEADING_RES
    elif not sep and len(words) <= 7:  # a heading alone on its line: all of it must match
        regexes, rest = _WHOLE_RES, ""
    else:
        return None
    for kind, regex in regexes:
        if regex.search(head):
            if kind in ("required", "role") and _is_preferred_heading(head):
                kind = "preferred"
            return kind, head, rest.strip()
    return None


def _is_preferred_heading(head: str) -> bool:
    # "Preferred qualifications", "Bonus skills", "Qualifications (nice to have)".
    return bool(re.search(r"\b(?:preferred|bonus|nice[\s-]to[\s-]have|plus(?:es)?)\b", head, re.I))


@dataclass(frozen=True)
class _Line:
    start: int  # offsets of the raw line in the text
    end: int
    kind: str  # the section's kind
    heading: str  # the section's heading
    text: str  # the line without its bullet (or, for "Heading: text", the text)
    opens: bool  # the line is a heading


# A sentence: up to and including ". ", "! ", "? " or "; " (or the end of the line).
_SENTENCE = re.compile(r"\S(?:.*?[.!?;](?=\s)|.*)")


def _read_lines(text: str) -> list[_Line]:
    """The posting's lines with their section, each sentence on its own: "You know SQL.
    Figma is a plus." asks for SQL and would like Figma."""
    out: list[_Line] = []
    kind, heading = "intro", ""
    pos = 0
    for raw in text.splitlines(keepends=True):
        start, pos = pos, pos + len(raw)
        if not raw.strip():
            continue
        found = _heading(raw)
        if found:
            kind, heading, rest = found
            out.append(_Line(start, pos, kind, heading, rest, True))
            continue
        for m in _SENTENCE.finditer(raw):
            piece = m.group(0)
            out.append(
                _Line(start + m.start(), start + m.end(), kind, heading,
                      _BULLET.sub("", piece).strip(), False)
            )  # fmt: skip
    return [line for line in out if line.text or line.opens]


def sections(text: str) -> list[Section]:
    """Split a posting into sections by its headings; text before the first heading is
    'intro'."""
    out: list[Section] = []
    current: list[_Line] = []

    def close() -> None:
        if current and (current[0].heading or any(line.text for line in current)):
            first = current[0]
            lines = tuple(line.text for line in current if line.text)
            out.append(Section(first.kind, first.heading, lines))

    for line in _read_lines(text[:MAX_TEXT]):
        if line.opens:
            close()
            current = []
        current.append(line)
    close()
    return out


# --- Years ---------------------------------------------------------------------------------------

_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_NUM = r"(\d{1,2}(?:\.5)?|" + "|".join(_NUMBERS) + r")"
_YEARS_RE = re.compile(
    rf"(?:at least |minimum (?:of )?|min\.? |over |more than )?{_NUM}\s*\+?"
    rf"(?:\s*(?:-|\u2013|to)\s*{_NUM}\s*\+?)?\s*(?:\+\s*)?(?:full[\s-])?years?'?\b"
    r"(?=(?P<tail>[^.;\n]{0,80}))",
    re.I,
)
_EXPERIENCE_RE = re.compile(
    r"\bexperience|\bbackground|\bin (?:a |an )?(?:product|pm|tech)|\bas an? "
    r"|\bworking|\bof (?:product|pm|b2b|saas|building|shipping|managing)",
    re.I,
)
_PRODUCT_RE = re.compile(
    r"\bproduct (?:management|manager|owner|leadership)|\bpms?\b|\bproducts?\b", re.I
)
_NOT_EXPERIENCE_RE = re.compile(
    r"^\s*(?:old|ago|of (?:growth|history|operation)|in business)", re.I
)


def _number(word: str) -> float:
    return float(_NUMBERS.get(word.lower(), 0) or word)


def years_in(line: str) -> YearsAsked | None:
    """The years of experience a line asks for: "5+ years", "at least three years",
    "3-5 years of product management" (a range asks for its lower end)."""
    best: YearsAsked | None = None
    if "year" not in line.lower():
        return None
    for m in _YEARS_RE.finditer(line):
        tail = m["tail"]
        if _NOT_EXPERIENCE_RE.match(tail) or not _EXPERIENCE_RE.search(tail):
            continue
        years = _number(m[1])
        if not 0 < years <= 30:
            continue
        ask = YearsAsked(years, bool(_PRODUCT_RE.search(tail)), m.group(0).strip())
        if best is None or ask.years > best.years:
            best = ask
    return best


# --- Requirements ---------------------------------------------------------------------------------


def _requirement(found: Found, taxonomy: Taxonomy, required: bool) -> Requirement:
    return Requirement(found.skill, taxonomy.name(found.skill), required, found.text)


def _line_kind(line: _Line, has_required: bool) -> str:
    kind = line.kind
    if kind in ("role", "intro"):
        kind = "preferred" if has_required else "required"
    if kind == "required" and _PREFERRED_CUE.search(line.text):
        return "preferred"
    return kind


def read_posting(title: str, text: str, taxonomy: Taxonomy) -> PostingNeeds:
    """The skills a posting requires and prefers, its domains and the years it asks for."""
    text = (text or "")[:MAX_TEXT]
    title = (title or "")[:MAX_TITLE]
    lines = _read_lines(text)
    has_required = any(line.kind == "required" for line in lines)
    headed = any(line.opens for line in lines)
    # Text before the first heading is the company's blurb, unless nothing has headings.
    # Skills under "about us" or "benefits" are not asked for.
    kinds = [
        "other"
        if line.kind == "other" or (line.kind == "intro" and headed)
        else _line_kind(line, has_required)
        for line in lines
    ]
    years: dict[bool, YearsAsked] = {}  # by "is it a required line"
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "other":
            continue
        ask = years_in(line.text)
        if ask:
            key = kind == "required"
            if key not in years or ask.years > years[key].years:
                years[key] = ask
    required: dict[str, Requirement] = {}
    preferred: dict[str, Requirement] = {}
    starts = [line.start for line in lines]
    found_in_text = taxonomy.find(text)
    for found in found_in_text:
        i = bisect_right(starts, found.start) - 1
        if i < 0 or kinds[i] == "other":
            continue
        # A domain named in the duties is the domain part's business, not a requirement.
        if lines[i].kind in ("role", "intro") and taxonomy.kind(found.skill) == "domain":
            continue
        req = _requirement(found, taxonomy, kinds[i] == "required")
        (required if req.required else preferred).setdefault(found.skill, req)
    for skill in required:
        preferred.pop(skill, None)
    in_title = taxonomy.find(title or "")
    everything = in_title + found_in_text
    domains: dict[str, float] = {}
    for found in everything:
        if taxonomy.kind(found.skill) == "domain":
            domains.setdefault(found.skill, 1.0)
    for found in in_title:
        if taxonomy.kind(found.skill) == "domain":
            domains[found.skill] = 2.0
    return PostingNeeds(
        required=tuple(required.values()),
        preferred=tuple(preferred.values()),
        domains=domains,
        years=years.get(True) or years.get(False),
        skills=frozenset(f.skill for f in everything),
    )
