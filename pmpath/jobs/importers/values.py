"""Readers for single values from other people's payloads: text, dates, money, workplace,
employment type and URLs.

Each takes whatever a payload happened to hold (a string, a number, None, a nested dict)
and answers a clean value or the "unknown" value ("" or None). None of them raises, so a
parser can call them on every field without guarding each one.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

WORKPLACES = ("remote", "hybrid", "onsite")
EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "internship", "temporary")
INTERVALS = ("year", "month", "week", "day", "hour")


# --- text -------------------------------------------------------------------------------

# NUL and other C0 controls break databases (PostgreSQL refuses NUL in text) and lone
# surrogates cannot be encoded as UTF-8, so both are dropped from everything we keep.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_SPACES = re.compile(r"\s+")


def scrub(value: str) -> str:
    """Drop control characters and lone surrogates; keep newlines and tabs."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def tidy(value: Any) -> str:
    """One line of text from a scalar: whitespace collapsed, "" for None, dicts and lists."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, float):
        return (
            ""
            if not math.isfinite(value)
            else (f"{value:.0f}" if value.is_integer() else str(value))
        )
    if not isinstance(value, str):
        return ""
    return _SPACES.sub(" ", scrub(value)).strip()


def name_of(value: Any) -> str:
    """A display name from a string or an object such as {"name": ...} or {"label": ...}."""
    if isinstance(value, dict):
        for key in ("name", "label", "text", "@value", "value"):
            if key in value:
                found = name_of(value[key])
                if found:
                    return found
        return ""
    if isinstance(value, list):
        return next((found for item in value if (found := name_of(item))), "")
    return tidy(value)


def join_unique(parts: Any, sep: str = ", ") -> str:
    """Join non-empty, distinct (case-insensitively) parts in order."""
    seen: set[str] = set()
    kept: list[str] = []
    for part in parts:
        text = tidy(part)
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append(text)
    return sep.join(kept)


def as_list(value: Any) -> list[Any]:
    """A list whatever the payload held: None -> [], scalar or dict -> [it]."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


# --- dates ------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]|\b)")
_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")  # 03.11.2025: always day first
_DAY_FIRST_OR_US = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$")
_TEXT_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y")


def _from_epoch(number: float) -> date | None:
    # Lever sends epoch milliseconds; other feeds send seconds. Anything past 1e11 cannot be
    # seconds (that is the year 5138), so it is read as milliseconds.
    if not math.isfinite(number) or number <= 0:
        return None
    seconds = number / 1000 if number >= 1e11 else number
    if seconds < 1e8:  # before 1973: a small count, not a timestamp
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def _make_date(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2200:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value: Any) -> date | None:
    """A date from ISO dates and datetimes, epoch seconds or milliseconds, or common
    written forms ("7 December 2025"). None when it cannot be read without guessing."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()[:64]
    if text.isdigit() and len(text) in (9, 10, 12, 13, 14):
        return _from_epoch(float(text))
    if match := _ISO_DATE.match(text) or _SLASHED.match(text):
        return _make_date(*(int(part) for part in match.groups()))
    if match := _DOTTED.match(text):
        day, month, year = (int(part) for part in match.groups())
        return _make_date(year, month, day)
    if match := _DAY_FIRST_OR_US.match(text):
        first, second, year = (int(part) for part in match.groups())
        # 03/04/2025 means March in the US and April in Europe: only read it when one of
        # the two numbers cannot be a month.
        if first > 12 >= second:
            return _make_date(year, second, first)
        if second > 12 >= first:
            return _make_date(year, first, second)
        if first == second:
            return _make_date(year, first, second)
        return None
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", _SPACES.sub(" ", text))
    for fmt in _TEXT_FORMATS:
        try:
            parsed = datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
        return parsed if 1900 <= parsed.year <= 2200 else None
    return None


# --- money ------------------------------------------------------------------------------

_MAX_MONEY = Decimal(10) ** 12
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")


def _to_decimal(number: Decimal) -> Decimal | None:
    if not number.is_finite() or number < 0 or number > _MAX_MONEY:
        return None
    # Keep 85000 rather than 85000.0 or 8.5E+4, so values compare and print as people wrote.
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def parse_money(value: Any) -> Decimal | None:
    """An amount from 150000, "150,000", "150.000,50", "$150k", "85K", "1.2M"; None when it
    is not an amount (negative, empty, words)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        return _to_decimal(value)
    if isinstance(value, int):
        return _to_decimal(Decimal(value)) if abs(value) <= _MAX_MONEY else None
    if isinstance(value, float):
        return _to_decimal(Decimal(str(value))) if math.isfinite(value) else None
    if not isinstance(value, str) or len(value) > 40:
        return None
    text = re.sub(r"[\s\u00a0\u202f'\u2019]", "", value)
    text = re.sub(r"^(?:[A-Za-z]{3}|[A-Z]{1,2}\$|[$€£₹¥])+|(?:[A-Za-z]{3}|[$€£₹¥])+$", "", text)
    multiplier = Decimal(1)
    if text[-1:] in ("k", "K"):
        multiplier, text = Decimal(1000), text[:-1]
    elif text[-1:] in ("m", "M"):
        multiplier, text = Decimal(1_000_000), text[:-1]
    if not _NUMBER.match(text):
        return None
    if "," in text and "." in text:
        # Whichever separator comes last is the decimal point: 1,234.50 or 1.234,50.
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        text = text.replace(thousands, "").replace(decimal_sep, ".")
    elif "," in text or "." in text:
        sep = "," if "," in text else "."
        groups = text.split(sep)
        if len(groups) > 2 or (len(groups[-1]) == 3 and multiplier == 1):
            # 150,000 / 150.000 / 1.234.567: thousands groups, never a 3-decimal price.
            if not all(len(group) == 3 for group in groups[1:]) or not 1 <= len(groups[0]) <= 3:
                return None
            text = "".join(groups)
        else:
            text = text.replace(sep, ".")
    try:
        return _to_decimal(Decimal(text) * multiplier)
    except InvalidOperation:
        return None


_CURRENCY_SYMBOLS = {
    "$": "USD",
    "US$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "S$": "SGD",
    "R$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
}


def normalise_currency(value: Any) -> str:
    """An ISO 4217 code from "usd", "EUR", "$", "€"; "" when unknown."""
    text = tidy(value)
    if text in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[text]
    text = text.upper()
    return text if re.fullmatch(r"[A-Z]{3}", text) else ""


_INTERVAL_WORDS = (
    ("hour", r"hour|hourly|\bhr\b|\bh\b"),
    ("day", r"\bdays?\b|daily|per[- ]diem"),
    ("week", r"week|\bwk\b"),
    ("month", r"month|\bmo\b|\bmth\b"),
    ("year", r"year|annual|annum|\byr\b|\bp\.?a\.?$"),
)


def normalise_interval(value: Any) -> str:
    """ "year" … "hour" from "YEAR", "per-year-salary", "1 HOUR", "annually", "/hr"; ""."""
    text = tidy(value).lower()
    if not text:
        return ""
    # Ashby writes "1 YEAR"; "6 MONTH" is a different period, which we do not model.
    if (match := re.match(r"^(\d+)\s", text)) and match.group(1) != "1":
        return ""
    for interval, pattern in _INTERVAL_WORDS:
        if re.search(pattern, text):
            return interval
    return ""


# --- workplace and employment type ------------------------------------------------------

_WORKPLACE_PATTERNS = (
    ("remote", r"remote|remoto|telecommut\w*|work(?:ing)? from home|\bwfh\b|anywhere"),
    ("hybrid", r"hybrid|h[íi]brido|hybride"),
    ("onsite", r"on[- ]?site|in[- ]office|in[- ]person|office[- ]based|presencial"),
)


def normalise_workplace(value: Any) -> str:
    """ "remote" | "hybrid" | "onsite" | "" from "Remote - US", "TELECOMMUTE", "OnSite",
    Lever's workplaceType, Ashby's isRemote (True) and the like. Text naming two kinds
    ("Remote or hybrid") stays "" rather than guessing."""
    if value is True:
        return "remote"
    text = tidy(value).lower()
    if not text or text == "unspecified":
        return ""
    found = {kind for kind, pattern in _WORKPLACE_PATTERNS if re.search(pattern, text)}
    if found == {"hybrid", "onsite"}:  # "Hybrid (3 days in office)": hybrid names the mix
        return "hybrid"
    return found.pop() if len(found) == 1 else ""


_EMPLOYMENT_PATTERNS = (
    # The most specific kind wins: "Full-time internship" is an internship.
    ("internship", r"intern(?:ship)?\b|praktikum|stagiaire|werkstudent"),
    ("contract", r"contract|freelance|\b1099\b"),
    ("temporary", r"temp(?:orary)?\b|seasonal|fixed[- ]?term|befristet|per[- _]?diem"),
    ("part_time", r"part[- _]?time|teilzeit|temps partiel|media jornada"),
    ("full_time", r"full[- _]?time|vollzeit|temps plein|tiempo completo|permanent"),
)


def normalise_employment_type(value: Any) -> str:
    """ "full_time" … "temporary" or "" from FULL_TIME, "Full-time", "FullTime", "Intern",
    "Contractor"; a list answers its first recognised item (schema.org allows lists)."""
    if isinstance(value, list):
        return next((kind for item in value if (kind := normalise_employment_type(item))), "")
    text = tidy(value).lower()
    if not text:
        return ""
    for kind, pattern in _EMPLOYMENT_PATTERNS:
        if re.search(pattern, text):
            return kind
    return ""


# --- URLs -------------------------------------------------------------------------------

_TRACKING_PARAMS = {
    "gh_src",
    "lever-source",
    "lever-source[]",
    "lever-origin",
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "_hsenc",
    "_hsmi",
    "igshid",
    "yclid",
    "_gl",
}
_BARE_HOST = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?(?:[/?#]|$)", re.IGNORECASE)


def _is_tracking(pair: str) -> bool:
    key = unquote(pair.split("=", 1)[0]).strip().lower()
    return key.startswith("utm_") or key in _TRACKING_PARAMS


def canonical_url(url: Any) -> str:
    """The URL with scheme and host lower-cased, default port, credentials, fragment and
    tracking parameters (utm_*, gh_src, lever-source, click ids) removed; other query
    parameters kept in their order and spelling. "" unless it is an http(s) URL.

    A fragment that is a route ("#/jobs/42", "#!/jobs/42") is kept: single-page careers
    sites put the job in it, and dropping it would make every job the same URL."""
    text = tidy(url)
    if not text or len(text) > 4096:
        return ""
    if text.startswith("//"):
        text = "https:" + text
    elif "://" not in text and _BARE_HOST.match(text):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        return ""
    if scheme not in ("http", "https") or not host or " " in host:
        return ""
    netloc = f"[{host}]" if ":" in host else host
    if port and port != {"http": 80, "https": 443}[scheme]:
        netloc += f":{port}"
    query = "&".join(p for p in parts.query.split("&") if p and not _is_tracking(p))
    fragment = parts.fragment if parts.fragment.startswith(("/", "!")) else ""
    return urlunsplit((scheme, netloc, parts.path or "/", query, fragment))


def safe_url(url: Any) -> str:
    """An http(s) URL as given (tracking parameters and all, apply links may need them),
    or "" for anything else, such as javascript: or relative URLs."""
    text = tidy(url)
    return text if canonical_url(text) and text.lower().startswith(("http://", "https://")) else ""
