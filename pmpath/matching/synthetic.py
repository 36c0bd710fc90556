"""Synthetic but realistic job postings for benchmarks and scale tests, from the taxonomy and
varied templates. Deterministic for a seed. Pure: no Django.

They read like real postings (an intro, duties, requirements with years, nice-to-haves,
benefits) and mix PM jobs of every level with adjacent and unrelated ones, so the ranking
index does the work it does on a heavy user's data. Not for evaluation: the dev set is
hand-written and hand-graded (docs/matching-devset.md).
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from pmpath.matching.engine import posting_doc
from pmpath.matching.taxonomy import Taxonomy
from pmpath.matching.types import PostingDoc

_LEVELS = [
    ("Associate ", 2),
    ("", 5),
    ("Senior ", 5),
    ("Lead ", 2),
    ("Group ", 1),
    ("Principal ", 1),
    ("Director of Product, ", 1),
]
_OTHER_TITLES = [
    "Product Owner",
    "Product Analyst",
    "Product Marketing Manager",
    "Software Engineer",
    "Data Scientist",
    "Technical Program Manager",
    "UX Designer",
    "Engineering Manager",
    "Product Operations Manager",
    "Customer Success Manager",
]
_AREAS = [
    "Growth",
    "Platform",
    "Checkout",
    "Onboarding",
    "Core Experience",
    "Search",
    "Mobile",
    "Billing",
    "Integrations",
    "Insights",
    "Trust & Safety",
    "Developer Tools",
]
_COMPANY_WORDS = [
    "North",
    "Bright",
    "Quill",
    "Harbor",
    "Lumen",
    "Atlas",
    "Cobalt",
    "Fern",
    "Pioneer",
    "Summit",
    "Vela",
    "Orbit",
    "Kite",
    "Maple",
    "Ember",
    "Nimbus",
]
_COMPANY_ENDS = ["Labs", "HQ", "Systems", "Works", "Cloud", "Health", "Pay", "AI", "io", "Co"]
_CITIES = [
    "London",
    "Berlin",
    "New York, NY",
    "San Francisco, CA",
    "Austin, TX",
    "Toronto",
    "Amsterdam",
    "Paris",
    "Dublin",
    "Remote (US)",
    "Remote (EU)",
    "Singapore",
    "Sydney",
]
_INTROS = [
    "{company} builds {domain} software used by {n} teams around the world.",
    "At {company} we help {customers} get more done with {domain} tools that just work.",
    "{company} is a {stage} company changing how {customers} think about {domain}.",
    "Join {company}, where a small team ships {domain} products that {customers} love.",
]
_CUSTOMERS = [
    "small businesses",
    "finance teams",
    "developers",
    "clinicians",
    "retailers",
    "marketers",
    "logistics companies",
    "families",
    "students",
    "enterprises",
]
_STAGES = ["Series A", "Series B", "Series C", "fast-growing", "profitable", "public"]
_DUTIES = [
    "Own the {a} for the {area} area and set priorities with engineering and design.",
    "Lead {a} and {b} to understand what our customers need next.",
    "Turn customer problems into clear {a}, then ship, measure and iterate.",
    "Partner with data science on {a}; decide what to build from the evidence.",
    "Work with sales and support to bring {a} into the {area} roadmap.",
    "Define success metrics and run {a} to move them.",
    "Write crisp specs and keep stakeholders aligned through {a}.",
]
_REQUIRED = [
    "{y}+ years of product management experience, ideally in {domain}.",
    "At least {yw} years building products in a {domain} company.",
    "Hands-on experience with {a} and {b}.",
    "Comfortable with {a}; you can pull your own numbers.",
    "A track record of {a} in a cross-team setting.",
    "Strong {a} skills and sound judgement.",
    "Experience shipping {a} from idea to launch.",
]
_NICE = [
    "Experience with {a}.",
    "Familiarity with {a} or {b}.",
    "Background in {domain}.",
    "You have used {a} in a previous role.",
]
_BENEFITS = [
    "Competitive salary, equity and a learning budget.",
    "Flexible hours, generous leave and a home-office stipend.",
    "Health cover for you and your family.",
    "Regular team off-sites and a yearly conference allowance.",
]
_WORDS = ["three", "four", "five", "six", "seven", "eight"]


def _pick(rng: random.Random, pool: list[str], k: int) -> list[str]:
    return rng.sample(pool, min(k, len(pool)))


def postings(
    taxonomy: Taxonomy, n: int, *, seed: int = 6, start_id: int = 1
) -> Iterator[PostingDoc]:
    """`n` postings, the same ones for the same seed and taxonomy."""
    rng = random.Random(seed)
    # Each skill as postings write it: one of its synonyms or abbreviations.
    names = [
        w
        for s in taxonomy.skills.values()
        if s.kind != "domain"
        for w in ((*s.synonyms[:3], *s.abbreviations[:1]) or (s.name,))
    ]
    domains = [
        w
        for s in taxonomy.skills.values()
        if s.kind == "domain"
        for w in (s.synonyms[:2] or (s.name,))
    ] or ["software"]
    for i in range(n):
        domain = rng.choice(domains)
        company = f"{rng.choice(_COMPANY_WORDS)}{rng.choice(_COMPANY_ENDS)}"
        area = rng.choice(_AREAS)
        roll = rng.random()
        if roll < 0.7:
            prefix = rng.choices([p for p, _ in _LEVELS], [w for _, w in _LEVELS])[0]
            title = (
                f"{prefix}Product Manager, {rng.choice([area, domain[:1].upper() + domain[1:]])}"
            )
            if prefix.startswith("Director"):
                title = f"Director of Product, {area}"
        else:
            title = rng.choice(_OTHER_TITLES)
        years = rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 10])

        def fill(template: str, area: str = area, domain: str = domain, years: int = years) -> str:
            a, b = _pick(rng, names, 2) if len(names) >= 2 else (names * 2)[:2]
            return template.format(
                a=a, b=b, area=area.lower(), domain=domain, y=years, yw=rng.choice(_WORDS)
            )

        intro = rng.choice(_INTROS).format(
            company=company,
            domain=domain,
            n=rng.choice(["2,000", "40,000", "a million"]),
            customers=rng.choice(_CUSTOMERS),
            stage=rng.choice(_STAGES),
        )
        lines = [intro, "", rng.choice(["What you'll do", "Responsibilities", "The role"])]
        lines += [f"- {fill(t)}" for t in _pick(rng, _DUTIES, rng.randint(3, 5))]
        lines += [
            "",
            rng.choice(["Requirements", "What you'll bring", "About you:", "Qualifications"]),
        ]
        lines += [f"- {fill(t)}" for t in _pick(rng, _REQUIRED, rng.randint(3, 5))]
        lines += ["", rng.choice(["Nice to have", "Bonus points", "Preferred qualifications"])]
        lines += [f"- {fill(t)}" for t in _pick(rng, _NICE, rng.randint(1, 3))]
        lines += ["", "Benefits"] + [f"- {b}" for b in _pick(rng, _BENEFITS, 2)]
        workplace = rng.choice(["remote", "hybrid", "onsite", ""])
        low = rng.choice([None, 70_000, 90_000, 120_000, 150_000, 180_000])
        yield posting_doc(
            start_id + i,
            title,
            "\n".join(lines),
            location="Remote" if workplace == "remote" else rng.choice(_CITIES),
            workplace=workplace,
            company=company,
            salary_min=low,
            salary_max=None if low is None else low + rng.choice([20_000, 40_000]),
        )
