"""How well a resume fits one posting: a 0-100 score made of visible parts, the requirements the
resume shows (with the line that shows them), the gaps, and wording to align. Pure: no Django.

The parts and their weights (points out of 100), as a recruiter screening a pile reads:

| part | weight | value (0..1) |
|---|---|---|
| title and level | 30 | a PM job (adjacent 0.4, other 0) at the level aimed at (a step off costs) |
| required skills | 30 | share of the required skills the resume shows (half for a related one) |
| lexical | 15 | share of the posting's idf-weighted wording the resume shares (lexical.py) |
| years | 10 | years shown over years asked (or implied by the level), capped at 1 |
| domain | 10 | share of the posting's domains (payments, B2B SaaS...) the resume shows |
| preferred skills | 5 | as required skills, for the nice-to-haves: they only break ties |

Why these: the requirements list is what a screener checks first, and the job family and level
decide whether an application is worth reading at all; wording similarity catches what the
taxonomy does not know; nice-to-haves, years and domain separate good fits from adequate ones.
When a posting names nothing for a part, the part is neutral (0.5), so postings that say less
neither win nor lose for it; a posting with no nice-to-haves scores them like its requirements.

Never invents: a skill the resume does not mention is a gap. A `WordingDiff` always quotes an
existing resume line: either the same skill in other words ("split testing" for "A/B testing")
or a related skill ("experimentation" for "A/B testing", half credit), to reword only if true.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from pmpath.jobs.classify import classify
from pmpath.matching.lexical import LexicalStats, coverage, term_counts
from pmpath.matching.requirements import PostingNeeds, read_posting
from pmpath.matching.taxonomy import Taxonomy, phrase_key
from pmpath.matching.types import (
    LEVEL_ORDER,
    Level,
    Match,
    Part,
    PostingDoc,
    ProfileDoc,
    Requirement,
    ResumeLine,
    Shown,
    WordingDiff,
)

WEIGHTS: dict[str, float] = {
    "required_skills": 30.0,
    "title_level": 30.0,
    "lexical": 15.0,
    "years": 10.0,
    "domain": 10.0,
    "preferred_skills": 5.0,
}
LABELS = {
    "required_skills": "Required skills",
    "preferred_skills": "Nice-to-have skills",
    "title_level": "Title and level",
    "years": "Years of experience",
    "domain": "Domain",
    "lexical": "Wording overlap",
}
PART_ORDER = ("required_skills", "preferred_skills", "title_level", "years", "domain", "lexical")
NEUTRAL = 0.5
RELATED_CREDIT = 0.5
FAMILIES = ("product_management", "adjacent", "other")
FAMILY_FIT = (1.0, 0.4, 0.0)
# Posting level minus the level aimed at -> fit. A step down is likelier to hire you than a
# stretch a step up; two steps either way rarely works.
STEP_FIT = {0: 1.0, -1: 0.7, 1: 0.5, -2: 0.3, 2: 0.15}
UNKNOWN_LEVEL_FIT = 0.6
# Years a level usually wants when the posting does not say.
IMPLIED_YEARS = {"apm": 0.0, "pm": 2.0, "senior_pm": 5.0, "lead_pm": 7.0, "director": 10.0}
OTHER_YEARS_CREDIT = 0.5  # a year outside product management counts half for a PM ask
LEVEL_NAMES = {
    "apm": "associate PM",
    "pm": "PM",
    "senior_pm": "senior PM",
    "lead_pm": "lead PM",
    "director": "director",
}
# Where evidence is most convincing: what the candidate did beats a skills list.
_SECTION_RANK = {
    "work": 0,
    "projects": 1,
    "volunteer": 2,
    "basics": 3,
    "awards": 4,
    "publications": 4,
    "certificates": 5,
    "education": 6,
    "skills": 7,
}


# --- The profile, read once -----------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    line: ResumeLine
    text: str  # the resume's words for the skill


@dataclass(frozen=True)
class ProfileFacts:
    evidence: dict[str, Evidence]  # skill -> best line that shows it
    via: dict[str, tuple[str, Evidence]]  # skill not shown -> (related skill, its evidence)
    credit: dict[str, float]  # skill -> 1 shown, 0.5 through a related skill
    terms: frozenset[str]
    aim: Level
    aim_source: str  # "target" | "current title" | "experience"


def aim_level(profile: ProfileDoc) -> tuple[Level, str]:
    """The level the candidate aims at: the stated target, else the current PM title's level,
    else from experience (no PM title: APM under 3 years of work, PM from there)."""
    if profile.target_level in LEVEL_ORDER:
        return profile.target_level, "target"
    for title in profile.current_titles:
        c = classify(title)
        if c.family == "product_management" and c.level:
            return c.level, "current title"
    return ("pm" if profile.years_experience >= 3 else "apm"), "experience"


@lru_cache(maxsize=64)
def profile_facts(profile: ProfileDoc, taxonomy: Taxonomy) -> ProfileFacts:
    evidence: dict[str, Evidence] = {}
    for line in profile.lines:
        for found in taxonomy.find(line.text):
            old = evidence.get(found.skill)
            rank = _SECTION_RANK.get(line.section, 8)
            if old is None or rank < _SECTION_RANK.get(old.line.section, 8):
                evidence[found.skill] = Evidence(line, found.text)
    # A skill not shown itself but shown through a related one ("experimentation" shows A/B
    # testing in other words). The taxonomy's `related` is one way: X.related lists what shows X.
    via: dict[str, tuple[str, Evidence]] = {}
    for skill in taxonomy.ids:
        if skill in evidence:
            continue
        for other in taxonomy.related(skill):
            if other in evidence:
                via[skill] = (other, evidence[other])
                break
    credit = {s: 1.0 for s in evidence} | {s: RELATED_CREDIT for s in via}
    aim, source = aim_level(profile)
    terms = frozenset(term_counts(profile.text))
    return ProfileFacts(evidence, via, credit, terms, aim, source)


# --- The posting, read once -----------------------------------------------------------------------


@dataclass(frozen=True)
class PostingFacts:
    needs: PostingNeeds
    counts: Counter[str]


def posting_facts(posting: PostingDoc, taxonomy: Taxonomy) -> PostingFacts:
    return PostingFacts(
        read_posting(posting.title, posting.text, taxonomy),
        term_counts(f"{posting.title}\n{posting.text}"),
    )


def posting_doc(id: int, title: str, text: str, **fields: object) -> PostingDoc:
    """A PostingDoc with family and level from the jobs classifier (when not given)."""
    if "family" not in fields:
        c = classify(title, text)
        fields = {"family": c.family, "level": c.level, **fields}
    return PostingDoc(id=id, title=title, text=text, **fields)  # type: ignore[arg-type]


# --- The parts' values (shared with index.py, which vectorises the same rules) ------------------


def quantise(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 6)


def points(value: float, weight: float) -> float:
    return round(value * weight, 1)


def level_fit(family: str, level: Level | None, aim: Level) -> float:
    fit = FAMILY_FIT[FAMILIES.index(family)] if family in FAMILIES else 0.0
    if family != "product_management":
        return fit * UNKNOWN_LEVEL_FIT
    if level not in LEVEL_ORDER:
        return UNKNOWN_LEVEL_FIT
    step = LEVEL_ORDER.index(level) - LEVEL_ORDER.index(aim)  # type: ignore[arg-type]
    return STEP_FIT.get(step, 0.0)


def years_needed(
    needs_years: float | None, product: bool, family: str, level: Level | None
) -> tuple[float | None, bool]:
    """The years asked, or implied by a PM posting's level, and whether they are PM years."""
    if needs_years is not None:
        return needs_years, product
    if family == "product_management" and level in IMPLIED_YEARS:
        return IMPLIED_YEARS[level], True
    return None, False


def years_have(profile: ProfileDoc, product: bool) -> float:
    if not product:
        return profile.years_experience
    other = max(0.0, profile.years_experience - profile.years_pm)
    return profile.years_pm + OTHER_YEARS_CREDIT * other


def years_fit(asked: float | None, have: float) -> float:
    if not asked:
        return 1.0
    return min(1.0, have / asked)


def share(credits: list[float]) -> float | None:
    return sum(credits) / len(credits) if credits else None


# --- The parts, each with a short phrase for a ranked list's reasons -----------------------------


def _part(key: str, value: float, why: str) -> Part:
    value = quantise(value)
    weight = WEIGHTS[key]
    return Part(key, LABELS[key], weight, value, points(value, weight), why)


def skills_part(key: str, credits: list[float], fallback: float | None) -> tuple[Part, str]:
    """Required or nice-to-have skills: `credits` holds, per skill asked, 1 when the resume
    shows it, 0.5 through a related skill, else 0. With none asked, `fallback` (the required
    part's value, for nice-to-haves) or neutral."""
    value = share(credits)
    what = "required skills" if key == "required_skills" else "nice-to-haves"
    shown = sum(1 for c in credits if c == 1.0)
    related = sum(1 for c in credits if 0 < c < 1.0)
    if value is None:
        value = fallback if fallback is not None else NEUTRAL
        why = (
            f"The posting lists no {what}, so this part follows the required skills."
            if fallback is not None
            else f"The posting names no {what} we know, so this part is neutral."
        )
        return _part(key, value, why), ""
    more = f" ({related} more in related words)" if related else ""
    why = f"Your resume shows {shown} of the {len(credits)} {what}{more}."
    return _part(key, value, why), f"{shown} of {len(credits)} {what}"


def title_part(family: str, level: Level | None, aim: Level, source: str) -> tuple[Part, str]:
    value = level_fit(family, level, aim)
    why = level_why(family, level, aim, source)
    phrase = ""
    if family == "product_management":
        name = LEVEL_NAMES.get(level or "", "PM")
        phrase = f"{name} role at your level" if value == 1.0 else f"{name} role"
    return _part("title_level", value, why), phrase


def years_part(
    profile: ProfileDoc, stated: float | None, product: bool, family: str, level: Level | None
) -> tuple[Part, str, float | None]:
    asked, product = years_needed(stated, product, family, level)
    have = years_have(profile, product)
    if not asked:
        why, phrase = "The posting asks for no years of experience.", ""
    else:
        kind = "product management" if product else "experience"
        said = (
            "asks for" if stated is not None else (f"is {LEVEL_NAMES[level or 'pm']} level: about")
        )
        credit = " (PM years, other work at half)" if product else ""
        why = (
            f"The posting {said} {_fmt(asked)} years of {kind}; "
            f"you have {_fmt(round(have, 1))}{credit}."
        )
        phrase = f"{_fmt(asked)}+ years asked, you have {_fmt(round(have, 1))}"
    return _part("years", years_fit(asked, have), why), phrase, asked


def domain_part(
    domains: dict[str, float], credit: dict[str, float], taxonomy: Taxonomy
) -> tuple[Part, str]:
    ordered = sorted(domains, key=taxonomy.column.__getitem__)
    total = sum(domains[s] for s in ordered)
    if not total:
        return _part("domain", NEUTRAL, "The posting names no domain, so this part is neutral."), ""
    value = sum(domains[s] * credit.get(s, 0.0) for s in ordered) / total
    names = ", ".join(taxonomy.name(s) for s in ordered)
    mine = [taxonomy.name(s) for s in ordered if credit.get(s, 0.0) == 1.0]
    why = f"The posting's domains: {names}; your resume shows " + (
        ", ".join(mine) + "." if mine else "none of them."
    )
    return _part("domain", value, why), (f"{', '.join(mine[:2])} experience" if mine else "")


def lexical_part(value: float) -> tuple[Part, str]:
    # From the quantised value, rounding halves up: the index computes the same share with
    # another order of floating-point sums, and both must word it alike.
    value = quantise(value)
    why = f"Your resume shares {int(value * 100 + 0.5)}% of the posting's weighted wording."
    return _part("lexical", value, why), "similar wording"


def reasons(parts: list[tuple[Part, str]]) -> tuple[str, ...]:
    """Two or three short phrases: the parts that earned the most points among those that
    earned most of their weight; failing two, fair ones, then what holds the posting back."""
    by_points = sorted(parts, key=lambda t: -t[0].points)
    out = [phrase for p, phrase in by_points if phrase and p.value >= 0.75][:3]
    out += [phrase for p, phrase in by_points if phrase and 0.5 <= p.value < 0.75][: 2 - len(out)]
    for p, _ in sorted(parts, key=lambda t: t[0].points - t[0].weight):
        if len(out) >= 2:
            break
        out.append(f"weak on {p.label.lower()}")
    return tuple(out)


def level_why(family: str, level: Level | None, aim: Level, source: str) -> str:
    if family == "adjacent":
        return "A role next to product management, not a PM job."
    if family != "product_management":
        return "Not a product management job."
    aimed = (
        f"the {LEVEL_NAMES[aim]} level you aim at"
        if source == "target"
        else (f"your {LEVEL_NAMES[aim]} level ({source})")
    )
    if level not in LEVEL_ORDER:
        return f"A PM job whose level the title does not say; compared with {aimed}."
    step = LEVEL_ORDER.index(level) - LEVEL_ORDER.index(aim)  # type: ignore[arg-type]
    role = f"A {LEVEL_NAMES[level]} role"  # type: ignore[index]
    if step == 0:
        return f"{role}: {aimed}."
    plural = "s" if abs(step) > 1 else ""
    where = "above" if step > 0 else "below"
    return f"{role}, {abs(step)} level{plural} {where} {aimed}."


def _fmt(years: float) -> str:
    return f"{years:g}"


# --- Score ----------------------------------------------------------------------------------------


def score(
    profile: ProfileDoc,
    posting: PostingDoc,
    taxonomy: Taxonomy,
    *,
    today: date | None = None,
    stats: LexicalStats | None = None,
) -> Match:
    """The match between a profile and one posting. `stats` are the document frequencies of
    the postings being ranked (`PostingIndex.stats`): pass them so the lexical part agrees with
    the ranked list. Dates are resolved when the profile is built (`profile_from_resume(...,
    today=...)`); `today` is accepted here so callers can pass it through."""
    del today
    facts = profile_facts(profile, taxonomy)
    pf = posting_facts(posting, taxonomy)
    parts = scored_parts(profile, posting, facts, pf, taxonomy, stats)
    return match_from_parts(posting, parts, facts, pf, taxonomy)


def scored_parts(
    profile: ProfileDoc,
    posting: PostingDoc,
    facts: ProfileFacts,
    pf: PostingFacts,
    taxonomy: Taxonomy,
    stats: LexicalStats | None,
) -> list[tuple[Part, str]]:
    needs = pf.needs
    credit = facts.credit
    required = skills_part(
        "required_skills", [credit.get(r.skill, 0.0) for r in needs.required], None
    )
    preferred = skills_part(
        "preferred_skills",
        [credit.get(r.skill, 0.0) for r in needs.preferred],
        required[0].value if needs.required else None,
    )
    title = title_part(posting.family, posting.level, facts.aim, facts.aim_source)
    stated = needs.years.years if needs.years else None
    product = needs.years.product if needs.years else False
    years, phrase, _ = years_part(profile, stated, product, posting.family, posting.level)
    domain = domain_part(needs.domains, credit, taxonomy)
    lexical = lexical_part(coverage(pf.counts, facts.terms, stats))
    return [required, preferred, title, (years, phrase), domain, lexical]


def match_from_parts(
    posting: PostingDoc,
    scored: list[tuple[Part, str]],
    facts: ProfileFacts,
    pf: PostingFacts,
    taxonomy: Taxonomy,
) -> Match:
    needs = pf.needs
    parts = tuple(p for p, _ in scored)
    stated = needs.years.years if needs.years else None
    product = needs.years.product if needs.years else False
    asked, _ = years_needed(stated, product, posting.family, posting.level)
    shown, missing, wording = _lists(needs, facts, taxonomy)
    notes: tuple[str, ...] = ()
    if not needs.required and not needs.preferred:
        notes = (
            "The posting names no skill from the taxonomy: only title, years, domain and "
            "wording are compared.",
        )
    return Match(
        posting_id=posting.id,
        score=total_score(parts),
        parts=parts,
        shown=shown,
        missing=missing,
        wording=wording,
        years_asked=asked,
        notes=notes,
    )


def total_score(parts: tuple[Part, ...]) -> int:
    return max(0, min(100, round(sum(p.points for p in parts))))


def _same_words(a: str, b: str) -> bool:
    """Close enough that rewording would not help: "SQL" and "SQL queries", "PRD" and "PRDs"."""
    ka, kb = phrase_key(a).rstrip("s"), phrase_key(b).rstrip("s")
    return ka in kb or kb in ka


def _lists(
    needs: PostingNeeds, facts: ProfileFacts, taxonomy: Taxonomy
) -> tuple[tuple[Shown, ...], tuple[Requirement, ...], tuple[WordingDiff, ...]]:
    shown: list[Shown] = []
    missing: list[Requirement] = []
    wording: list[WordingDiff] = []
    for req in (*needs.required, *needs.preferred):
        ev = facts.evidence.get(req.skill)
        if ev is not None:
            shown.append(Shown(req, ev.line, ev.text))
            if not _same_words(ev.text, req.posting_text):
                wording.append(
                    WordingDiff(
                        req,
                        ev.line,
                        ev.text,
                        (
                            f"The posting says \u201c{req.posting_text}\u201d where your resume "
                            f"says \u201c{ev.text}\u201d ({ev.line.where}): if they mean the "
                            "same there, use the posting's words."
                        ),
                    )
                )
        elif req.skill in facts.via:
            other, ev = facts.via[req.skill]
            wording.append(
                WordingDiff(
                    req,
                    ev.line,
                    ev.text,
                    (
                        f"The posting asks for {req.name} (\u201c{req.posting_text}\u201d); your "
                        f"resume shows {taxonomy.name(other)} (\u201c{ev.text}\u201d, "
                        f"{ev.line.where}). If that work involved {req.name}, say so there in the "
                        "posting's words; if not, it is a gap."
                    ),
                )
            )
        else:
            missing.append(req)
    return tuple(shown), tuple(missing), tuple(wording)
