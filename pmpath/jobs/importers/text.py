"""A posting that a person copied from somewhere and pasted in.

Pasted text has no structure we can trust, so this reader is conservative: it fills a
field only from a labelled line ("Location: Berlin"), a short header line near the top
("Remote · Full-time") or an unmistakable phrase ("$150,000 - $180,000 per year"), and
leaves everything else empty for the person to fill in.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, NamedTuple

from pmpath.jobs.importers.base import (
    ImportResult,
    ParsedPosting,
    Problem,
    apply_salary,
    canonical_url,
    normalise_currency,
    normalise_employment_type,
    normalise_workplace,
    parse_money,
    read_date,
    safe_url,
    tidy,
    unusable,
)
from pmpath.jobs.importers.html import text_to_html, tidy_text

MAX_TEXT_CHARS = 200_000
HEADER_LINES = 8  # how far from the top a bare "Remote" or "Berlin, Germany" is believed


class Salary(NamedTuple):
    """In apply_salary's argument order, so `apply_salary(posting, *salary, ...)` works."""

    minimum: Decimal | None
    maximum: Decimal | None
    currency: str
    interval: str


# --- salary -----------------------------------------------------------------------------

_CODES = "USD|EUR|GBP|CAD|AUD|NZD|CHF|SEK|NOK|DKK|PLN|CZK|HUF|RON|INR|SGD|HKD|JPY|BRL|MXN|ZAR|ILS"
_SYMBOL = r"(?:US\$|CA\$|C\$|AU\$|A\$|NZ\$|S\$|R\$|[$€£₹])"
_AMOUNT = r"\d{1,3}(?:[,.\u00a0\u202f' ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"


def _side(p: str) -> str:
    """One end of a range: optional currency before, the number, "k", currency after."""
    return (
        rf"(?P<{p}pre>{_SYMBOL}|(?:{_CODES})\s?)?\s?(?P<{p}num>{_AMOUNT})\s?(?P<{p}k>[kK])?"
        rf"(?:\s?(?P<{p}post>[€£$]|(?:{_CODES})(?![A-Za-z])))?"
    )


_NOT_SALARY_AFTER = r"(?!\s*(?:million|billion|mn\b|bn\b|m\b|mm\b|%|percent|years?\b|people))"
_RANGE = re.compile(
    r"(?<![\w.,])"
    + _side("a")
    + r"\s*(?:-|\u2013|\u2014|to|bis|à)\s*"
    + _side("b")
    + r"(?![\w])"
    + _NOT_SALARY_AFTER
)
_SINGLE = re.compile(
    r"(?<![\w.,])" + _side("a") + _NOT_SALARY_AFTER + r"(?=\s*(?:/|per\b|an?\b|p\.))"
)
_AFTER = re.compile(
    r"^\s*(?:gross\s+|brutto\s+)?"
    r"(?:(?:/|per|an?|each|pro)\s*(?P<unit>hour|hr|h|day|week|wk|month|mo|year|yr|annum|jahr)\b"
    r"|(?P<adverb>hourly|daily|weekly|monthly|annually|yearly|jährlich|p\.\s?a\.?|pa\b))",
    re.IGNORECASE,
)
_BEFORE = re.compile(
    r"(hourly|per hour|day rate|daily rate|monthly|annual|yearly|per year|per annum)\W*$",
    re.IGNORECASE,
)
_UNITS = {
    "hour": "hour", "hr": "hour", "h": "hour", "hourly": "hour",
    "day": "day", "daily": "day", "day rate": "day", "daily rate": "day",
    "week": "week", "wk": "week", "weekly": "week",
    "month": "month", "mo": "month", "monthly": "month",
    "year": "year", "yr": "year", "annum": "year", "annually": "year", "yearly": "year",
    "annual": "year", "per year": "year", "jahr": "year", "jährlich": "year",
    "per annum": "year", "per hour": "hour",
}  # fmt: skip


def _interval_near(text: str, start: int, end: int) -> str:
    if match := _AFTER.match(text[end : end + 30]):
        word = (match["unit"] or match["adverb"] or "").lower()
        return _UNITS.get(word, "year" if word.startswith("p") else "")
    if match := _BEFORE.search(text[max(0, start - 40) : start]):
        return _UNITS.get(match[1].lower(), "")
    return ""


def _amount(match: re.Match[str], side: str) -> Decimal | None:
    value = parse_money(match[f"{side}num"])
    if value is not None and match[f"{side}k"]:
        value *= 1000
    return value


def _currency(match: re.Match[str], *sides: str) -> str:
    for side in sides:
        for part in (f"{side}pre", f"{side}post"):
            if match[part] and (code := normalise_currency(match[part].strip())):
                return code
    return ""


def find_salary(text: str) -> Salary | None:
    """The first salary range or rate in text: "$150,000 - $180,000", "€70k-€85k per
    year", "£60,000 to £75,000", "USD 140k-160k", "$75/hour". An amount needs a currency
    to count, and a single amount needs a period, so "$10M ARR" is not a salary."""
    if not isinstance(text, str):
        return None
    text = text[:MAX_TEXT_CHARS]
    for match in _RANGE.finditer(text):
        currency = _currency(match, "a", "b")
        low, high = _amount(match, "a"), _amount(match, "b")
        if not currency or not low or not high:
            continue
        if match["bk"] and not match["ak"] and low < 1000 <= high:
            low *= 1000  # "$150 - 180k": the k belongs to both ends
        low, high = min(low, high), max(low, high)
        if high > low * 20:  # "$5 - $200,000" is two unrelated numbers
            continue
        interval = _interval_near(text, match.start(), match.end())
        if high < 1000 and not interval:  # "$20-50 off": small numbers need a period
            continue
        return Salary(low, high, currency, interval)
    for match in _SINGLE.finditer(text):
        currency = _currency(match, "a")
        amount = _amount(match, "a")
        interval = _interval_near(text, match.start(), match.end())
        if currency and amount and interval:
            return Salary(amount, amount, currency, interval)
    return None


# --- labelled lines ---------------------------------------------------------------------

_LABELS = {
    "title": {"job title", "title", "position", "role", "job", "job role", "position title"},
    "company": {"company", "employer", "organisation", "organization", "company name"},
    "location": {"location", "locations", "based in", "office", "job location", "where"},
    "workplace": {"workplace", "workplace type", "work model", "remote", "work arrangement",
                  "location type", "work location"},
    "employment_type": {"employment type", "job type", "type", "contract type", "employment",
                        "schedule", "commitment", "contract"},
    "salary": {"salary", "compensation", "pay", "pay range", "salary range", "base salary",
               "rate", "day rate", "hourly rate", "base pay", "ote"},
    "department": {"department", "team", "function"},
    "source_url": {"url", "link", "job url", "job link", "posting", "source"},
    "apply_url": {"apply", "apply at", "apply here", "apply url", "how to apply"},
    "posted_on": {"posted", "date posted", "posted on", "published", "published on"},
    "valid_through": {"closing date", "deadline", "apply by", "valid through", "closes"},
}  # fmt: skip
_LABEL_LINE = re.compile(r"^(?P<label>[A-Za-z][A-Za-z /&-]{0,28}?)\s*[:\uff1a]\s*(?P<value>.+)$")
_URL = re.compile(r"https?://[^\s<>\"')]+")


def _labelled(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lines:
        match = _LABEL_LINE.match(line)
        if not match:
            continue
        label = match["label"].strip().lower()
        for name, labels in _LABELS.items():
            if label in labels and name not in found:
                found[name] = match["value"].strip()
    return found


# --- title, company, location ---------------------------------------------------------

_ROLE_WORDS = re.compile(
    r"\b(manager|lead|director|head|pm|product|owner|principal|vp|vice president|analyst|"
    r"engineer|designer|intern|specialist|officer|chief|associate|coordinator|strategist|"
    r"architect|scientist|developer|consultant|researcher|marketer|producer|apm|gpm|cpo)\b",
    re.IGNORECASE,
)
_NOISE = re.compile(
    r"^(job description|job details|description|apply( now)?|easy apply|save|share|promoted|"
    r"careers?|we'?re hiring!?|hiring|new|about the (job|role|position)|overview|"
    r"posted .*ago|\d+ (applicants|days? ago).*)$",
    re.IGNORECASE,
)
_ABOUT = re.compile(r"^about\s+(?!(?:the|us|you|this|our|the role|me)\b)(?P<name>.{2,60})$", re.I)
_IS_HIRING = re.compile(r"^(?P<name>[A-Z][\w&.' -]{1,50}?) is hiring\b", re.IGNORECASE)
_AT_COMPANY = re.compile(r"^(?P<title>.{3,120}?)\s+(?:at|@)\s+(?P<name>[A-Z0-9][\w&.' -]{1,60})$")
_PLACE = re.compile(r"^[A-Z][\w.'À-ÿ -]{1,40}(?:,\s*[A-Z][\w.'À-ÿ -]{1,40}){1,2}$")
_COMPANY_SUFFIX = re.compile(r"\b(inc|ltd|llc|gmbh|plc|corp|co|ag|sa|bv|limited)\b\.?", re.I)
_PLACES = {
    "united states", "usa", "us", "united kingdom", "uk", "canada", "germany", "france",
    "spain", "italy", "netherlands", "ireland", "portugal", "poland", "sweden", "denmark",
    "norway", "finland", "switzerland", "austria", "belgium", "india", "singapore",
    "australia", "new zealand", "japan", "brazil", "mexico", "europe", "emea", "apac",
    "london", "berlin", "paris", "amsterdam", "dublin", "madrid", "barcelona", "lisbon",
    "munich", "stockholm", "copenhagen", "zurich", "new york", "san francisco", "seattle",
    "austin", "boston", "chicago", "los angeles", "toronto", "vancouver", "bangalore",
    "bengaluru", "sydney", "melbourne", "tel aviv",
}  # fmt: skip
_PIECE_SPLIT = re.compile(r"\s+[·•|]\s+|\s*[·•|]\s*(?=[A-Z])")
_STRONG_WORKPLACE = (
    ("remote", r"(?:fully|100%|completely)\s+remote\b(?![- ]friendly)|remote[- ]only\b"),
    ("hybrid", r"hybrid\s+(?:role|position|working|model|setup|schedule)|"
               r"\d\s+days?\s+(?:a|per)\s+week\s+in\s+(?:the\s+)?office"),
    ("onsite", r"(?:on[- ]?site|in[- ]office)\s+(?:role|position)|"
               r"this role is (?:based )?(?:on[- ]?site|in[- ]office)"),
)  # fmt: skip
_STRONG_EMPLOYMENT = (
    ("full_time", r"\bfull[- ]time\b"),
    ("part_time", r"\bpart[- ]time\b"),
    ("internship", r"\binternship\b"),
)


def _is_place(piece: str) -> bool:
    if len(piece) > 60 or any(ch.isdigit() for ch in piece) or _COMPANY_SUFFIX.search(piece):
        return False
    return piece.lower() in _PLACES or bool(_PLACE.match(piece))


def _one_kind(text: str, patterns: tuple[tuple[str, str], ...]) -> str:
    kinds = {kind for kind, pattern in patterns if re.search(pattern, text, re.IGNORECASE)}
    return kinds.pop() if len(kinds) == 1 else ""


def _pick_title(lines: list[str], posting: ParsedPosting) -> int:
    """Set title (and maybe company) from the top lines; answer the title's line index."""
    candidates = [(i, line) for i, line in enumerate(lines[:HEADER_LINES]) if line]
    candidates = [(i, line) for i, line in candidates if not _NOISE.match(line)]
    for number, (index, line) in enumerate(candidates):
        if match := _IS_HIRING.match(line):
            posting.company = posting.company or tidy(match["name"])
            rest = line[match.end() :].strip(" :-\u2013!")
            rest = re.sub(r"^(?:an?|for)\s+(?:an?\s+)?", "", rest, flags=re.I).strip(" !.")
            if rest and _ROLE_WORDS.search(rest):
                posting.title = rest
                return index
            continue
        if match := _ABOUT.match(line):
            posting.company = posting.company or tidy(match["name"])
            continue
        following = candidates[number + 1][1] if number + 1 < len(candidates) else ""
        header_like = (
            not _ROLE_WORDS.search(line)
            and following
            and _ROLE_WORDS.search(following)
            and len(line) <= 60
            and not _is_place(line)
            and not normalise_workplace(line)
            and not line.endswith((".", "!", "?"))
        )
        if header_like:  # "Northwind Analytics" above "Senior Product Manager"
            posting.company = posting.company or line
            continue
        if len(line) > 100 or (line.endswith(".") and len(line.split()) > 12):
            return -1  # prose, not a title: the caller falls back and says so
        title = _PIECE_SPLIT.split(line)[0].strip()
        if match := _AT_COMPANY.match(title):
            title = match["title"]
            posting.company = posting.company or tidy(match["name"])
        posting.title = title
        return index
    return -1


def _read_header(lines: list[str], posting: ParsedPosting, title_index: int) -> None:
    """Company, location, workplace and employment type from short lines near the top."""
    for index, line in enumerate(lines[:HEADER_LINES]):
        if not posting.company and (match := _IS_HIRING.match(line)):
            posting.company = tidy(match["name"])
        if len(line) > 100 or _LABEL_LINE.match(line):
            continue
        pieces = _PIECE_SPLIT.split(line)
        if index == title_index:
            pieces = pieces[1:]
        elif index == title_index + 1 and len(pieces) > 1 and not posting.company:
            # Job sites print "Company · City, Country · Hybrid" under the title.
            head = pieces[0].strip()
            if not (_is_place(head) or normalise_workplace(head) or _ROLE_WORDS.search(head)):
                posting.company = head
                pieces = pieces[1:]
        for piece in (piece.strip() for piece in pieces):
            if not piece or len(piece) > 60:
                continue
            workplace = normalise_workplace(piece)
            employment = normalise_employment_type(piece) if len(piece) <= 30 else ""
            inner = re.match(r"^(.+?)\s*\((remote|hybrid|on-?site)\)$", piece, re.IGNORECASE)
            if inner and _is_place(inner[1]):
                posting.location = posting.location or inner[1]
                posting.workplace = posting.workplace or workplace
            elif workplace and len(piece) <= 40:
                posting.workplace = posting.workplace or workplace
                posting.location = posting.location or piece
            elif employment:
                posting.employment_type = posting.employment_type or employment
            elif index != title_index and _is_place(piece):
                posting.location = posting.location or piece


def parse_pasted_text(text: Any) -> ImportResult:
    """One posting from text a person pasted. Never raises."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if not isinstance(text, str):
        return unusable("The pasted text is not text.")
    body = tidy_text(text[:MAX_TEXT_CHARS])
    if not body:
        return unusable("The pasted text is empty.")
    problems: list[Problem] = []
    lines = body.split("\n")
    labels = _labelled(lines)
    posting = ParsedPosting(title="", source="text")
    posting.company = tidy(labels.get("company"))
    posting.department = tidy(labels.get("department"))

    title_index = -1
    if labelled_title := tidy(labels.get("title")):
        posting.title = labelled_title
    else:
        title_index = _pick_title(lines, posting)
    if not posting.title or len(posting.title) > 150:
        first = next(line for line in lines if line)
        posting.title = first[:120].rsplit(" ", 1)[0] if len(first) > 120 else first
        message = "No short title line was found, so the first line was used; please check it."
        problems.append(Problem("text", "title", message))
    posting.title = tidy(posting.title)

    posting.location = tidy(labels.get("location"))
    posting.workplace = normalise_workplace(labels.get("workplace") or labels.get("location"))
    posting.employment_type = normalise_employment_type(labels.get("employment_type"))
    _read_header(lines, posting, title_index)
    posting.workplace = posting.workplace or _one_kind(body, _STRONG_WORKPLACE)
    posting.employment_type = posting.employment_type or _one_kind(body, _STRONG_EMPLOYMENT)

    salary = find_salary(labels.get("salary", "")) or find_salary(body)
    if salary:
        apply_salary(posting, *salary, "text", problems)

    for name in ("source_url", "apply_url"):
        if found := _URL.search(labels.get(name, "")):
            url = canonical_url(found[0]) if name == "source_url" else safe_url(found[0])
            setattr(posting, name, url)
    posting.posted_on = read_date(labels.get("posted_on"), "text", "posted_on", problems)
    posting.valid_through = read_date(
        labels.get("valid_through"), "text", "valid_through", problems
    )
    posting.description_text = body
    posting.description_html = text_to_html(body)
    return ImportResult(postings=[posting], problems=problems)
