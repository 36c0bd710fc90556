"""The sections of a resume's text (pure, no Django): the contact block at the top, then
summary, experience, projects, education, skills, certificates and languages, found by their
headings, and the jobs, schools and projects in them found by their dates.

The result is a DRAFT JSON Resume document the candidate reviews before it is stored, so the
detector prefers leaving a line out (listed as "not placed") to guessing where it goes. It
never writes words of its own: every highlight, summary and name is text from the resume."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from pmpath.matching.resume.extract import BULLET

MAX_LINES = 2000
MAX_CONTACT_LINE = 1_000  # characters; see _basics
MAX_ITEMS = 60  # entries per section: a resume with more is a list of something else

_HEADINGS = {
    "summary": "summary, professional summary, profile, professional profile, about, about me, "
    "objective, career objective, personal statement, overview, executive summary, "
    "career summary, introduction",
    "work": "experience, work experience, professional experience, employment, "
    "employment history, work history, career history, relevant experience, career, "
    "professional background, product experience, experience highlights",
    "education": "education, academic background, education and training, qualifications, "
    "academic qualifications, education and qualifications, studies",
    "skills": "skills, technical skills, core skills, key skills, competencies, "
    "core competencies, skills and tools, tools, tools and technologies, expertise, "
    "areas of expertise, skills and expertise, technologies, strengths",
    "projects": "projects, selected projects, side projects, personal projects, key projects, "
    "project experience",
    "certificates": "certifications, certificates, licenses and certifications, "
    "licences and certifications, certifications and training, courses, training, "
    "courses and certifications",
    "languages": "languages, language skills, spoken languages",
    "other": "awards, honors, honours, awards and honors, volunteer, volunteering, "
    "volunteer experience, interests, hobbies, publications, references, activities, "
    "achievements, additional information, leadership and activities, extracurricular",
}
HEADINGS = {
    phrase.strip(): section for section, text in _HEADINGS.items() for phrase in text.split(",")
}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = rf"(?:{_MONTH}\s*\d{{4}}|\d{{1,2}}/\d{{4}}|\d{{4}}-\d{{1,2}}|(?:19|20)\d{{2}})"
_NOW = r"(?:present|current|now|today|ongoing|date)"
RANGE = re.compile(
    rf"\(?\b({_DATE})\s*(?:-|\u2013|\u2014|to|until|till)\s*({_DATE}|{_NOW})\b\)?", re.IGNORECASE
)
SINGLE = re.compile(rf"\(?\b((?:{_MONTH}\s*)?(?:19|20)\d{{2}})\b\)?", re.IGNORECASE)
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
)}  # fmt: skip

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d ()./-]{6,}\d(?![\w/])")
URL = re.compile(
    r"(?:https?://|www\.)[^\s|,;]+|\b(?:[\w-]+\.)*(?:linkedin\.com|github\.com|medium\.com|"
    r"behance\.net|dribbble\.com|gitlab\.com)/[^\s|,;]+",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s+[|\u2014\u2013•·]\s+|\s+-\s+|\s{3,}|\t|\s+@\s+|\s+at\s+")
_TITLE_WORDS = re.compile(
    r"\b(manager|engineer|director|lead|analyst|designer|owner|head|vp|vice president|intern|"
    r"associate|consultant|developer|specialist|coordinator|officer|founder|co-founder|"
    r"scientist|architect|marketer|strategist|researcher|principal|apm|pm|product|"
    r"programme|program|chief|cto|ceo|cpo|teacher|assistant|executive)\b",
    re.IGNORECASE,
)
_SCHOOL_WORDS = re.compile(
    r"\b(university|college|school|institute|academy|polytechnic|universit[éa]|hochschule|"
    r"bootcamp|ecole|école)\b",
    re.IGNORECASE,
)
_DEGREE = re.compile(
    r"^(?P<type>(?:bachelor|master|doctor|associate)(?:'s)?(?: of [a-z]+(?: administration)?)?|"
    r"b\.?\s?sc\.?|m\.?\s?sc\.?|b\.?\s?a\.?|m\.?\s?a\.?|b\.?\s?s\.?|m\.?\s?s\.?|b\.?\s?eng\.?|"
    r"m\.?\s?eng\.?|mba|ph\.?\s?d\.?|llb|llm|hnd|diploma|certificate|a[- ]levels?|ged)"
    r"(?:\s*(?:in|of|,|-|\u2013)\s*|\s+)?(?P<area>.*)$",
    re.IGNORECASE,
)
_LOCATION = re.compile(r"^[A-Z][\w.' -]+,\s*[A-Z][\w.' -]+$|^remote$", re.IGNORECASE)


@dataclass
class Detected:
    document: dict[str, Any]
    sections: list[str] = field(default_factory=list)  # the headings found, in order
    unplaced: list[str] = field(default_factory=list)  # lines the detector did not place


def heading_of(line: str) -> tuple[str, str] | None:
    """(section, rest of the line) when the line is a section heading: "EXPERIENCE",
    "Work history:", "Skills: SQL, Figma" → ("skills", "SQL, Figma")."""
    if line.startswith(BULLET):
        return None
    head, colon, rest = line.partition(":")
    key = re.sub(r"[^a-z ]", "", head.lower().replace("&", " and ").replace("/", " and "))
    key = " ".join(key.split())
    if not key or len(key.split()) > 5:
        return None
    section = HEADINGS.get(key)
    if section is None and key.replace(" ", "") != key:
        section = HEADINGS.get(key.replace(" ", ""))  # "E X P E R I E N C E"
    if section is None:
        return None
    if rest.strip() and section not in ("skills", "languages", "summary", "certificates"):
        return None  # "Experience: 8 years in fintech" is a sentence, not a heading
    return section, rest.strip() if colon else ""


def iso_date(text: str) -> str:
    """ "Mar 2021" → "2021-03", "03/2021" → "2021-03", "2021" → "2021"; "" when unreadable."""
    text = text.strip().lower().rstrip(".")
    if m := re.fullmatch(rf"({_MONTH})\s*(\d{{4}})", text):
        month = _MONTHS.get(m[1][:3])
        return f"{m[2]}-{month:02d}" if month else m[2]
    if m := re.fullmatch(r"(\d{1,2})/(\d{4})", text):
        return f"{m[2]}-{int(m[1]):02d}" if 1 <= int(m[1]) <= 12 else m[2]
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        return f"{m[1]}-{int(m[2]):02d}" if 1 <= int(m[2]) <= 12 else m[1]
    if re.fullmatch(r"(19|20)\d{2}", text):
        return text
    return ""


def _dates(line: str) -> tuple[str, str, str] | None:
    """(start, end, the line without the dates) for a line carrying a period or a year."""
    if m := RANGE.search(line):
        start, end = iso_date(m[1]), iso_date(m[2])
        return start, end, _strip(line[: m.start()] + " " + line[m.end() :])
    if m := SINGLE.search(line):
        when = iso_date(m[1])
        return "", when, _strip(line[: m.start()] + " " + line[m.end() :])
    return None


def _strip(text: str) -> str:
    """Trimmed of separators, and of a bracket left over from "(Mar 2021 - present)"."""
    text = " ".join(text.split()).strip(" |,;\u2013\u2014-\u00b7\u2022")
    while text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].rstrip(" |,;\u2013\u2014-")
    while text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:].lstrip(" |,;\u2013\u2014-")
    if text == "()":
        return ""
    return text.replace("()", "").strip()


# --- the whole text --------------------------------------------------------------------------


def detect(lines: list[str]) -> Detected:
    """The draft document for a resume's lines (as extract.text_lines gives them)."""
    lines = [" ".join(line.split()) for line in lines[:MAX_LINES]]
    # Each section's runs of lines; a heading that comes back starts a new run, so nothing
    # written under one heading is joined to what was written under another.
    blocks: dict[str, list[list[str]]] = {"header": [[]]}
    found: list[str] = []
    current = "header"
    for line in lines:
        heading = heading_of(line)
        if heading is not None and heading[1] and heading[0] == current:
            heading = None  # "Tools: Jira, Figma" inside Skills is a group, not a new section
        if heading is not None:
            current = heading[0]
            if current not in found:
                found.append(current)
            blocks.setdefault(current, []).append([heading[1]] if heading[1] else [])
            continue
        blocks[current][-1].append(line)
    document: dict[str, Any] = {}
    unplaced: list[str] = []
    basics, rest = _basics([line for run in blocks.pop("header") for line in run])
    summary = " ".join(_paragraph(run) for run in blocks.pop("summary", []) if _paragraph(run))
    if summary:
        basics["summary"] = summary
    elif rest and sum(len(r.split()) for r in rest) >= 12:
        basics["summary"] = " ".join(rest)  # a profile paragraph under the name, no heading
        rest = []
    unplaced += rest
    if basics:
        document["basics"] = basics
    for section, parse in (
        ("work", _work),
        ("projects", _projects),
        ("education", _education),
        ("skills", _skills),
        ("certificates", _certificates),
        ("languages", _languages),
    ):
        items: list[dict[str, Any]] = []
        for run in blocks.get(section, []):
            found_items, left = parse([line for line in run if line])
            items += found_items
            unplaced += left
        if items:
            document[section] = items[:MAX_ITEMS]
    unplaced += [line for run in blocks.get("other", []) for line in run if line]
    return Detected(document, [s for s in found if s != "other"], unplaced)


def _paragraph(lines: list[str]) -> str:
    return " ".join(line.removeprefix(BULLET) for line in lines if line).strip()


# --- the contact block -----------------------------------------------------------------------


def _basics(lines: list[str]) -> tuple[dict[str, Any], list[str]]:
    basics: dict[str, Any] = {}
    profiles: list[dict[str, str]] = []
    rest: list[str] = []
    for line in lines:
        if not line:
            continue
        text = line.removeprefix(BULLET)
        if len(text) > MAX_CONTACT_LINE:
            # Contact lines are short; the address and phone patterns take quadratic time on
            # one long run of letters (a 1 MB line took 80 s), so a long line is kept as text.
            rest.append(text)
            continue
        for email in EMAIL.findall(text):
            basics.setdefault("email", email)
            text = text.replace(email, " ")
        for url in URL.findall(text):
            text = text.replace(url, " ")
            _add_link(basics, profiles, url.rstrip(".)"))
        for phone in PHONE.findall(text):
            if sum(c.isdigit() for c in phone) >= 7 and not RANGE.search(phone):
                basics.setdefault("phone", phone.strip())
                text = text.replace(phone, " ")
        pieces = [p for p in (_strip(p) for p in _SEPARATORS.split(text)) if p]
        for piece in pieces:
            words = piece.split()
            if "name" not in basics and len(words) <= 5 and not any(c.isdigit() for c in piece):
                basics["name"] = piece
            elif "location" not in basics and _LOCATION.match(piece) and len(words) <= 6:
                city, _, region = piece.partition(",")
                basics["location"] = {"city": city.strip(), **({"region": region.strip()}
                                      if region.strip() else {})}  # fmt: skip
            elif "label" not in basics and "name" in basics and len(words) <= 12:
                basics["label"] = piece
            else:
                rest.append(piece)
    if profiles:
        basics["profiles"] = profiles
    return basics, rest


def _add_link(basics: dict[str, Any], profiles: list[dict[str, str]], url: str) -> None:
    full = url if "://" in url else "https://" + url
    lower = full.lower()
    for network in ("linkedin", "github", "gitlab", "medium", "behance", "dribbble"):
        if f"{network}." in lower:
            username = full.rstrip("/").rsplit("/", 1)[-1]
            profiles.append({"network": network.capitalize() if network != "linkedin"
                             else "LinkedIn", "username": username, "url": full})  # fmt: skip
            return
    basics.setdefault("url", full)


# --- entries: jobs, projects, schools --------------------------------------------------------


@dataclass
class _Entry:
    header: list[str] = field(default_factory=list)
    start: str = ""
    end: str = ""
    bullets: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


def _dated(line: str) -> bool:
    return not line.startswith(BULLET) and len(line.split()) <= 16 and _dates(line) is not None


def _entries(lines: list[str]) -> list[_Entry]:
    """Entries found by their dates: each dated line heads an entry, with the short plain
    lines just above it when they cannot belong to the entry before (they follow its bullets,
    or the section puts dates under the names). Without any dates, a short plain line after
    a body starts the next entry."""
    heads = [i for i, line in enumerate(lines) if _dated(line)]
    if not heads:
        starts = _undated_starts(lines)
    else:
        above = heads[0] > 0 and _header_like(lines[heads[0] - 1])
        starts, previous = [], -1
        for head in heads:
            j = head - 1
            while j > previous and head - j <= 3 and _header_like(lines[j]):
                j -= 1
            # Short lines just above a dated line name its entry when they follow a body or
            # open the section; straight after the previous dated line they belong to that
            # entry, unless this section puts its dates under the names.
            owns = above or j > previous or j < 0
            starts.append(j + 1 if owns else head)
            previous = head
        if starts[0] > 0:
            starts.insert(0, 0)
    bounds = [*starts, len(lines)]
    entries = [_entry(lines[a:b]) for a, b in itertools.pairwise(bounds)]
    return [e for e in entries if e.header or e.bullets or e.text]


def _header_like(line: str) -> bool:
    return (
        bool(line)
        and not line.startswith(BULLET)
        and len(line.split()) <= 10
        and not line.endswith((".", ",", ";"))
        and not line[:1].islower()
        and _dates(line) is None
    )


def _undated_starts(lines: list[str]) -> list[int]:
    starts = [0] if lines else []
    body = False
    for i, line in enumerate(lines):
        plain_short = not line.startswith(BULLET) and len(line.split()) <= 10
        if body and plain_short and line[:1].isupper():
            starts.append(i)
            body = False
        elif not plain_short:
            body = True
    return starts


def _entry(lines: list[str]) -> _Entry:
    entry = _Entry()
    in_body = False
    for line in lines:
        if line.startswith(BULLET):
            entry.bullets.append(line.removeprefix(BULLET))
            in_body = True
        elif in_body and entry.bullets and not _is_new_sentence(entry.bullets[-1], line):
            entry.bullets[-1] += " " + line  # a bullet wrapped onto the next line
        elif not in_body and len(line.split()) <= 16 and len(entry.header) < 3:
            dates = _dates(line) if not (entry.start or entry.end) else None
            if dates is not None:
                entry.start, entry.end, line = dates
            if line:
                entry.header.append(line)
        else:
            in_body = True
            if entry.text and not _is_new_sentence(entry.text[-1], line):
                entry.text[-1] += " " + line
            else:
                entry.text.append(line)
    return entry


def _is_new_sentence(previous: str, line: str) -> bool:
    return previous.endswith((".", "!", "?", ":")) and line[:1].isupper()


def _pieces(header: list[str]) -> list[str]:
    pieces: list[str] = []
    for line in header:
        parts = [p for p in (_strip(p) for p in _SEPARATORS.split(line)) if p]
        if len(parts) == 1 and "," in parts[0] and not _LOCATION.match(parts[0]):
            first, _, second = parts[0].partition(",")
            parts = [first.strip(), second.strip()]
        pieces += parts
    return pieces


def _split_location(pieces: list[str]) -> tuple[list[str], str]:
    for i, piece in enumerate(pieces):
        if i > 0 and _LOCATION.match(piece) and not _TITLE_WORDS.search(piece):
            return pieces[:i] + pieces[i + 1 :], piece
    return pieces, ""


def _body(entry: _Entry, item: dict[str, Any], summary_key: str = "summary") -> None:
    if entry.text:
        item[summary_key] = " ".join(entry.text)
    if entry.bullets:
        item["highlights"] = entry.bullets
    if entry.start:
        item["startDate"] = entry.start
    if entry.end:
        item["endDate"] = entry.end


_COMPANY_SUFFIX = re.compile(r"^(inc|llc|ltd|gmbh|co|corp|plc|ag|sa|bv|pty)\.?$", re.IGNORECASE)


def _split_comma(piece: str) -> tuple[str, str]:
    """ "Northwind Consulting, Munich" → ("Northwind Consulting", "Munich"); "Acme, Inc." stays."""
    first, comma, rest = piece.partition(",")
    if not comma or _COMPANY_SUFFIX.match(rest.strip()):
        return piece, ""
    return first.strip(), rest.strip()


def _work(lines: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    items = []
    for entry in _entries(lines):
        pieces = [
            p for line in entry.header for p in (_strip(x) for x in _SEPARATORS.split(line)) if p
        ]
        if len(pieces) == 1:
            first, rest = _split_comma(pieces[0])
            pieces = [first, *_split_comma(rest)] if rest else [first]
        titled = [p for p in pieces if _TITLE_WORDS.search(p)]
        position = titled[0] if titled and len(pieces) > 1 else ""
        others = [p for p in pieces if p != position]
        item: dict[str, Any] = {}
        if position:
            item["position"] = position
        if others:
            company, location = _split_comma(others[0])
            if len(pieces) == 1 and _TITLE_WORDS.search(company):
                item["position"] = others[0]
            else:
                item["name"] = company
                location = location or (others[1] if len(others) > 1 else "")
                if location:
                    item["location"] = location
        _body(entry, item)
        items.append(item)
    return items, []


def _projects(lines: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    items = []
    for entry in _entries(lines):
        pieces = _pieces(entry.header)
        item: dict[str, Any] = {}
        if pieces:
            item["name"] = pieces[0]
            if len(pieces) > 1:
                item["roles"] = pieces[1:2]
        for piece in pieces:
            if URL.fullmatch(piece):
                item["url"] = piece if "://" in piece else "https://" + piece
        _body(entry, item, "description")
        items.append(item)
    return items, []


# A school's line is split on commas too ("BSc Physics, University of Leeds"), but not on
# " at " ("University of Texas at Austin").
_SCHOOL_SEPARATORS = re.compile(r"\s+[|\u2014\u2013\u2022\u00b7]\s+|\s+-\s+|\s{3,}|\t|,\s*")


def _education(lines: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    items = []
    for entry in _entries(lines):
        split = [p for line in entry.header for p in _SCHOOL_SEPARATORS.split(line)]
        pieces, location = _split_location([p for p in (_strip(p) for p in split) if p])
        item: dict[str, Any] = {}
        for piece in pieces:
            degree = _DEGREE.match(piece)
            if degree and "studyType" not in item and not _SCHOOL_WORDS.search(piece):
                item["studyType"] = degree["type"].strip()
                if degree["area"].strip():
                    item["area"] = _strip(degree["area"])
            elif "institution" not in item:
                item["institution"] = piece
            elif "area" not in item:
                item["area"] = piece
        if location:
            item["location"] = location
        if entry.text:
            item["courses"] = entry.text
        if entry.bullets:
            item["courses"] = item.get("courses", []) + entry.bullets
        if entry.start:
            item["startDate"] = entry.start
        if entry.end:
            item["endDate"] = entry.end
        if item:
            items.append(item)
    return items, []


def _tokens(text: str) -> list[str]:
    return [t for t in (_strip(t) for t in re.split(r"[,;|•·]|\s+/\s+", text)) if t]


def _skills(lines: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    left: list[str] = []
    for line in lines:
        text = line.removeprefix(BULLET)
        head, colon, rest = text.partition(":")
        if colon and rest.strip() and len(head.split()) <= 4:
            keywords = _tokens(rest)
            if head.strip().lower() not in seen and keywords:
                seen.add(head.strip().lower())
                items.append({"name": head.strip(), "keywords": keywords})
            continue
        tokens = _tokens(text)
        if len(tokens) == 1 and len(tokens[0].split()) > 6:
            left.append(line)  # a sentence, not a skill
            continue
        for token in tokens:
            if token.lower() not in seen and len(token.split()) <= 6:
                seen.add(token.lower())
                items.append({"name": token})
    return items, left


def _certificates(lines: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    items = []
    for line in lines:
        text = line.removeprefix(BULLET)
        dates = _dates(text)
        when = ""
        if dates is not None:
            when = dates[1] or dates[0]
            text = dates[2]
        pieces = _pieces([text])
        if not pieces:
            continue
        item: dict[str, Any] = {"name": pieces[0]}
        if len(pieces) > 1:
            item["issuer"] = pieces[1]
        if when:
            item["date"] = when
        items.append(item)
    return items, []


_FLUENCY = re.compile(
    r"^(?P<lang>[^()\-\u2013:]+?)\s*(?:\((?P<a>[^)]*)\)|[-\u2013:]\s*(?P<b>.+))?$"
)


def _languages(lines: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    items = []
    for line in lines:
        for token in re.split(r"[,;|•·]", line.removeprefix(BULLET)):
            token = _strip(token)
            m = _FLUENCY.match(token) if token else None
            if not m or len(m["lang"].split()) > 3:
                continue
            item = {"language": m["lang"].strip()}
            fluency = (m["a"] or m["b"] or "").strip()
            if fluency:
                item["fluency"] = fluency
            items.append(item)
    return items, []
