"""Checks for a portfolio case study. Pure: plain text in, findings out, no Django.

The portfolio playbook's first common mistake is a case study that describes features and
screens without saying who they were for, what problem they solved or what changed. The checks
look for that, for outcomes and goals without numbers, for a missing personal role, and for
sections that are empty or only a line. Every finding quotes what it saw and gives one fix."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pmpath.portfolio.sections import BY_KEY, KEYS, LONGEST_WORDS, SECTIONS

_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019][A-Za-z]+)?")

# Talk about the thing built: feature nouns and "we built / launched / added" verbs.
_FEATURE = re.compile(
    r"\b(?:(?:we|i|the team)\s+(?:(?:also|then|quickly|finally)\s+)?"
    r"(?:built|launched|added|shipped|released|implemented|developed|created|designed|"
    r"introduced|rolled out|redesigned|rebuilt|integrated)\b"
    r"|features?\b|functionality\b|screens?\b|buttons?\b|dashboards?\b|widgets?\b|"
    r"drop-?downs?\b|toggles?\b|modals?\b|pop-?ups?\b|tabs?\b|menus?\b|new (?:ui|page|flow|"
    r"version|design|tool|integration|module|api|app)\b)",
    re.IGNORECASE,
)
# Who it was for.
_CUSTOMER = re.compile(
    r"\b(?:customers?|users?|clients?|buyers?|shoppers?|merchants?|sellers?|drivers?|riders?|"
    r"patients?|students?|teachers?|learners?|members?|subscribers?|people|persons?|personas?|"
    r"segments?|visitors?|guests?|readers?|players?|hosts?|travell?ers?|owners?|operators?|"
    r"agents?|employees?|staff|admins?|administrators?|developers?|engineers?|analysts?|"
    r"nurses?|doctors?|parents?|families|freelancers?|accountants?|recruiters?|candidates?|"
    r"partners?|consumers?|households?|businesses|smbs?|teams?|interviewees?|respondents?|"
    r"participants?|audience)\b",
    re.IGNORECASE,
)
# What was wrong for them.
_PROBLEM = re.compile(
    r"\b(?:problems?|pain(?:s|ful)?|struggl\w*|frustrat\w*|complain\w*|churn\w*|"
    r"drop(?:ped|s)? off|drop-?offs?|abandon\w*|gave up|giving up|couldn[\u2019']?t|could not|"
    r"can[\u2019']?t|cannot|unable|hard to|difficult\w*|slow\w*|confus\w*|manual(?:ly)?|errors?|"
    r"fail\w*|missing|lost|losing|wast\w*|delays?|delayed|stuck|needs?|needed|wanted|"
    r"jobs? to be done|friction|bottlenecks?|risk\w*|costly|expensive|tedious|blocked|"
    r"unclear|tickets?|workarounds?|spent|spending)\b",
    re.IGNORECASE,
)
# Words for a result felt by customers or the business rather than an output shipped.
_RESULT = re.compile(
    r"\b(?:conversion|retention|retained|churn|revenue|nps|csat|satisfaction|adoption|adopted|"
    r"activation|activated|engagement|engaged|usage|saved|saving|savings|rose|grew|growth|"
    r"increased?|fell|dropped|reduced|decreased?|cut|improved|doubled|halved|tripled|"
    r"renewals?|upsell|sign-?ups?|bookings?|orders?|sales|margin|cost|costs|time to|"
    r"completion|completed|success rate|tickets?|contacts?)\b",
    re.IGNORECASE,
)
# Delivery words: an outcome that is only "it shipped".
_DELIVERY = re.compile(
    r"\b(?:shipped|launched|released|delivered|went live|go-?live|rolled out|deployed|"
    r"on time|on schedule|on budget|completed the project|finished)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9])(?:[$€£¥]\s?\d[\d,.]*\s?(?:k|m|bn|million|billion|thousand)?"
    r"|\d[\d,.]*\s?(?:%|percent|per cent|x\b|k\b|m\b|pp\b|points?\b)?)",
    re.IGNORECASE,
)
_MULTIPLIER = re.compile(
    r"\b(?:doubled|tripled|quadrupled|halved|twice|three times|tenfold|ten times)\b", re.IGNORECASE
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")  # "in 2024" dates the work; it does not measure it
_SINGULAR = re.compile(r"\b(?:I|I'm|I\u2019m|I've|I\u2019ve|I'd|I\u2019d|me|my|myself)\b")
_PLURAL = re.compile(
    r"\b(?:we|we're|we\u2019re|we've|we\u2019ve|we'd|we\u2019d|our|us)\b", re.IGNORECASE
)

# A feature-heavy case study: this many feature phrases across it is "talking features".
FEATURE_TALK = 2


@dataclass(frozen=True)
class CaseText:
    """A case study's words: the title and each lifecycle section (sections.KEYS)."""

    title: str = ""
    summary: str = ""
    problem: str = ""
    customers: str = ""
    evidence: str = ""
    goals: str = ""
    options: str = ""
    decision: str = ""
    my_role: str = ""
    launch: str = ""
    outcomes: str = ""
    learnings: str = ""

    def section(self, key: str) -> str:
        return str(getattr(self, key) or "")


@dataclass(frozen=True)
class Finding:
    key: str
    severity: str  # "major" (the reader will notice) or "minor" (worth tightening)
    title: str
    evidence: str  # what the check saw, quoted
    fix: str  # one concrete thing to do
    section: str = ""  # the section to edit, a sections.KEYS entry, when there is one


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    words: int
    written: int  # sections with any words

    @property
    def major(self) -> int:
        return sum(1 for f in self.findings if f.severity == "major")

    @property
    def ready(self) -> bool:
        return not self.findings

    def flagged(self) -> set[str]:
        return {f.key for f in self.findings}


def words(text: str) -> int:
    return len(_WORD.findall(text or ""))


def numbers(text: str) -> list[str]:
    """The measurements in a text: numbers with their unit and multipliers, not bare years."""
    found = [m.group(0).strip() for m in _NUMBER.finditer(text or "")]
    found = [f.rstrip(".,") for f in found if f and not _YEAR.match(f.rstrip(".,"))]
    return found + [m.group(0) for m in _MULTIPLIER.finditer(text or "")]


def check(case: CaseText) -> Report:
    counts = {key: words(case.section(key)) for key in KEYS}
    findings = [
        *_feature_talk(case, counts),
        *_outcome_without_customer(case, counts),
        *_missing_numbers(case, counts),
        *_personal_role(case, counts),
    ]
    # A thin section another finding already sends the writer to is not named twice.
    named = {f.section for f in findings}
    findings += [*_empty_and_thin(counts, named), *_too_long(sum(counts.values()))]
    order = {"major": 0, "minor": 1}
    findings.sort(key=lambda f: order[f.severity])
    return Report(
        findings=tuple(findings),
        words=sum(counts.values()),
        written=sum(1 for n in counts.values() if n),
    )


# --- the checks -----------------------------------------------------------------------------


def _feature_talk(case: CaseText, counts: dict[str, int]) -> list[Finding]:
    """The first common mistake: features described, but not the customer, the problem or
    the outcome."""
    hits: list[tuple[str, str]] = []  # (section, quoted phrase)
    for key in ("title", "summary", *KEYS):
        text = case.section(key)
        hits.extend((key, _quote(text, m.start(), m.end())) for m in _FEATURE.finditer(text))
    if len(hits) < FEATURE_TALK:
        return []
    # A section of substance counts whatever its words; a thin one counts only when the
    # problem statement names someone.
    missing = []
    if counts["problem"] < BY_KEY["problem"].min_words:
        missing.append("the problem")
    if counts["customers"] < BY_KEY["customers"].min_words and not _CUSTOMER.search(case.problem):
        missing.append("the customer")
    if counts["outcomes"] < BY_KEY["outcomes"].min_words:
        missing.append("the outcome")
    if not missing:
        return []
    quoted = list(dict.fromkeys(f"{_label(key)}: {quote}" for key, quote in hits))
    where = "; ".join(quoted[:3]) + (f"; and {len(quoted) - 3} more" if len(quoted) > 3 else "")
    first = missing[0]
    fix = {
        "the problem": "Rewrite the problem section before any feature: what people were trying "
        "to do, what got in the way, and what it cost them, with one number.",
        "the customer": "Name who had the problem in the customers section: their role, their "
        "situation and how many of them, and mention them where the problem is described.",
        "the outcome": "Write the outcomes section: what changed for those customers after "
        "launch, as a metric before and after.",
    }[first]
    return [
        Finding(
            "feature_talk",
            "major",
            f"Features without {_join(missing)}",
            f"{len(hits)} mentions of what was built ({where}), "
            f"but {_join(missing)} {'is' if len(missing) == 1 else 'are'} missing or thin.",
            fix,
            {"the problem": "problem", "the customer": "customers", "the outcome": "outcomes"}[
                first
            ],
        )
    ]


def _outcome_without_customer(case: CaseText, counts: dict[str, int]) -> list[Finding]:
    """Outcomes that describe the delivery ("shipped on time") and never the people it was
    for or what changed for them."""
    text = case.outcomes
    if not counts["outcomes"]:
        return []
    if _CUSTOMER.search(text) or _PROBLEM.search(text) or _RESULT.search(text):
        return []
    delivery = _DELIVERY.search(text)
    seen = _quote(text, delivery.start(), delivery.end()) if delivery else _excerpt(text)
    return [
        Finding(
            "outcome_without_customer",
            "major",
            "The outcome never mentions the customer",
            f"The outcomes section says {seen} but names no customer, problem or customer metric.",
            "Say what changed for the people in your problem statement, e.g. “Sellers "
            "publishing in their first week rose from 59% to 68%.”",
            "outcomes",
        )
    ]


def _missing_numbers(case: CaseText, counts: dict[str, int]) -> list[Finding]:
    found = []
    if counts["outcomes"] and not numbers(case.outcomes):
        found.append(
            Finding(
                "outcome_numbers",
                "major",
                "Outcomes without numbers",
                f"The outcomes section has {counts['outcomes']} words and no number, "
                "percentage or amount.",
                "Add the metric before and after and the time it took, e.g. “from 12% to 19% "
                "in eight weeks”. If it could not be measured, say what you watched instead.",
                "outcomes",
            )
        )
    if counts["goals"] and not numbers(case.goals):
        found.append(
            Finding(
                "goal_numbers",
                "minor",
                "Goals without a target",
                f"The goals section has {counts['goals']} words and no number to aim at.",
                "Give each success metric a baseline and a target, e.g. “raise week-4 "
                "retention from 30% to 35% by the end of the quarter”.",
                "goals",
            )
        )
    return found


def _personal_role(case: CaseText, counts: dict[str, int]) -> list[Finding]:
    """The reader must see what *you* did. Some "we" is honest; only "we" hides you."""
    if counts["my_role"]:
        text = case.my_role
        where = "in what you did"
    else:
        text = " ".join(case.section(k) for k in KEYS)
        where = "across the case study"
        if not text.strip():
            return []  # an empty draft: the empty-sections finding says it all
    mine = len(_SINGULAR.findall(text))
    ours = len(_PLURAL.findall(text))
    evidence = f"“I” {_times(mine)}, “we” {_times(ours)} {where}."
    if not counts["my_role"] and mine == 0:
        return [
            Finding(
                "personal_role",
                "major",
                "Your own role is missing",
                f"The “What I did” section is empty, and {evidence}",
                "Write “What I did” in the first person: two or three things you decided, "
                "wrote or ran yourself (“I ran twelve interviews…”).",
                "my_role",
            )
        ]
    if mine == 0:
        return [
            Finding(
                "personal_role",
                "major",
                "No “I” in what you did",
                evidence,
                "Rewrite the section in the first person: what you decided, wrote or ran "
                "yourself, then what the team did.",
                "my_role",
            )
        ]
    if ours > 2 * mine and ours >= 4:
        return [
            Finding(
                "personal_role",
                "minor",
                "“We” hides your part",
                evidence,
                "Turn the two most important “we” sentences into what you did yourself.",
                "my_role",
            )
        ]
    return []


def _empty_and_thin(counts: dict[str, int], named: set[str]) -> list[Finding]:
    empty = [s for s in SECTIONS if not counts[s.key]]
    thin = [s for s in SECTIONS if 0 < counts[s.key] < s.min_words and s.key not in named]
    found = []
    if empty:
        first = empty[0]
        found.append(
            Finding(
                "empty_sections",
                "major" if len(empty) > 3 else "minor",
                f"{len(empty)} {'section' if len(empty) == 1 else 'sections'} not written",
                "Empty: " + ", ".join(s.label for s in empty) + ".",
                f"Start with {first.label.lower()}: {first.question[0].lower()}"
                f"{first.question[1:]} {first.guidance.split('. ')[0]}.",
                first.key,
            )
        )
    if thin:
        first = thin[0]
        found.append(
            Finding(
                "thin_sections",
                "minor",
                f"{len(thin)} thin {'section' if len(thin) == 1 else 'sections'}",
                "Only a line: "
                + ", ".join(f"{s.label} ({counts[s.key]} words)" for s in thin)
                + ".",
                f"Add to {first.label.lower()} (aim for {first.min_words}+ words): "
                f"{first.guidance.split('. ')[0]}.",
                first.key,
            )
        )
    return found


def _too_long(total: int) -> list[Finding]:
    if total <= LONGEST_WORDS:
        return []
    minutes = round(total / 250)
    return [
        Finding(
            "too_long",
            "minor",
            "Longer than five minutes to read",
            f"{total} words, about {minutes} minutes at a reading pace.",
            f"Cut to about {LONGEST_WORDS} words: shorten the options and launch sections and "
            "keep the problem, the decision and the outcomes.",
        )
    ]


# --- helpers --------------------------------------------------------------------------------


def _label(key: str) -> str:
    if key in BY_KEY:
        return BY_KEY[key].label
    return key.capitalize()


def _quote(text: str, start: int, end: int, longest: int = 120) -> str:
    """The sentence around a match, on one line; a sentence longer than `longest` characters
    is cut to a few words either side of the match."""
    marks = (". ", "! ", "? ", "\n")
    left = max(text.rfind(mark, 0, start) for mark in marks)
    left = 0 if left == -1 else left + 1
    stops = [i for i in (text.find(mark, end) for mark in marks) if i != -1]
    right = min(stops) + 1 if stops else len(text)
    cut_left = cut_right = False
    if right - left > longest:
        width = (longest - (end - start)) // 2
        if start - left > width:
            left, cut_left = text.rfind(" ", 0, start - width) + 1, True
        if right - end > width:
            found = text.find(" ", end + width)
            if found != -1 and found < right:
                right, cut_right = found, True
    snippet = " ".join(text[left:right].split())
    return f"“{'…' if cut_left else ''}{snippet}{'…' if cut_right else ''}”"


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _excerpt(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return f"“{flat[:limit]}{'…' if len(flat) > limit else ''}”"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
