"""A posting's required vs preferred skills, by its headings, and the years it asks for."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmpath.matching.requirements import read_posting, sections, years_in
from tests.matching.engine_factories import TAXONOMY


def needs(text, title="Product Manager"):
    n = read_posting(title, text, TAXONOMY)
    return {r.skill for r in n.required}, {r.skill for r in n.preferred}, n


GREENHOUSE_STYLE = """About Ledgerly
Ledgerly is a B2B SaaS platform for finance teams. We use Jira and Looker internally.

Responsibilities
- Own the product roadmap for invoicing
- Run customer interviews every week

Qualifications
- 4+ years of product management experience
- Fluent in SQL
- Experience with OKRs

Preferred Qualifications
- Experience with Amplitude
- Background in payments

Benefits
- A Figma seat and a learning budget
"""

LEVER_STYLE = """**What you'll bring:**
* At least three years in product management
* Comfortable running A/B tests and reading analytics
* You write clear PRDs

**Bonus points if you have:**
* Worked with machine learning teams
* Used Mixpanel
"""

INLINE = """We are hiring a PM for our marketplace.
Must have: SQL, stakeholder management, 3-5 years of product management.
Nice to have: Tableau, Python.
"""

NO_HEADINGS = """You will own the roadmap for our checkout and run A/B tests. You know SQL.
Experience with Figma is a plus. 2+ years of experience as a PM."""


def test_a_classic_posting_splits_into_required_and_preferred():
    required, preferred, n = needs(GREENHOUSE_STYLE)
    assert required == {"sql", "okrs"}
    # Duties are nice-to-haves when the posting has a requirements list; the company blurb,
    # benefits and the domain named among nice-to-haves stay where they belong.
    assert preferred == {"roadmapping", "user-research", "amplitude", "payments"}
    assert "jira" not in required | preferred and "figma" not in required | preferred
    assert n.years is not None and n.years.years == 4 and n.years.product
    assert n.domains == {"b2b-saas": 1.0, "payments": 1.0}


def test_markdown_headings_with_colons_work():
    required, preferred, n = needs(LEVER_STYLE)
    assert required == {"ab-testing", "data-analysis", "prd"}
    assert preferred == {"ai-ml", "mixpanel"}
    assert n.years.years == 3


def test_inline_headings_set_the_kind_for_their_own_line():
    required, preferred, n = needs(INLINE)
    assert required == {"sql", "stakeholder-management"}
    assert preferred == {"tableau", "python"}
    assert n.years.years == 3 and n.years.product
    assert n.domains == {"marketplaces": 1.0}


def test_without_headings_everything_is_required_except_what_says_plus():
    required, _, n = needs(NO_HEADINGS)
    assert {"roadmapping", "ab-testing", "sql"} <= required
    assert "figma" not in required
    assert n.years.years == 2


def test_a_plus_inside_the_requirements_is_a_nice_to_have():
    required, preferred, _ = needs("Requirements\n- SQL\n- Looker experience is a plus\n")
    assert required == {"sql"} and preferred == {"looker"}


def test_a_skill_both_required_and_preferred_counts_as_required():
    required, preferred, _ = needs("Requirements\n- SQL\nNice to have\n- Advanced SQL\n")
    assert required == {"sql"} and preferred == set()


def test_the_title_names_the_main_domain():
    _, _, n = needs("Requirements\n- SQL for fintech data", title="PM, Payments")
    assert n.domains == {"payments": 2.0, "fintech": 1.0}


def test_sections_keep_their_headings():
    kinds = [(s.kind, s.heading) for s in sections(GREENHOUSE_STYLE)]
    assert kinds == [
        ("other", "About Ledgerly"),
        ("role", "Responsibilities"),
        ("required", "Qualifications"),
        ("preferred", "Preferred Qualifications"),
        ("other", "Benefits"),
    ]


def test_a_sentence_is_not_a_heading():
    text = "You have shipped products people love and you want more.\nRequirements:\n- SQL"
    assert [s.kind for s in sections(text)] == ["intro", "required"]


@pytest.mark.parametrize(
    ("line", "years", "product"),
    [
        ("5+ years of product management experience", 5, True),
        ("at least three years in product management", 3, True),
        ("3-5 years of product management", 3, True),
        ("3 to 5 years' experience in software", 3, False),
        ("Minimum of 7 years of experience", 7, False),
        ("Seven years working in B2B", 7, False),
        ("2+ years as a PM", 2, True),
        ("Two years of snacks on us", None, None),  # no experience in sight: not an ask
        ("We were founded 10 years ago", None, None),
        ("A 3-year-old startup", None, None),
        ("Over 12 years of building products", 12, True),
    ],
)
def test_it_reads_the_years_asked(line, years, product):
    ask = years_in(line)
    if years is None:
        assert ask is None
    else:
        assert ask is not None and ask.years == years and ask.product == product


def test_the_largest_ask_of_a_line_wins():
    assert years_in("3+ years in PM experience and 8+ years of experience overall").years == 8


PIECES = st.sampled_from([
    "Requirements:", "Nice to have", "**Bonus points:**", "Benefits", "- ", "* ", "SQL",
    "A/B tests",
    "5+ years of product management", "three to five years' experience", "is a plus", "\n",
    "roadmap", "fintech", "Looker", ". ", ": ", "JTBD", "ideally", "\u2013", "#",
])  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=30), st.text(max_size=40))
def test_any_text_reads_without_error_and_keeps_its_promises(pieces, title):
    text = "".join(pieces)
    n = read_posting(title, text, TAXONOMY)
    required = {r.skill for r in n.required}
    preferred = {r.skill for r in n.preferred}
    assert required.isdisjoint(preferred)
    assert required | preferred | set(n.domains) <= n.skills <= set(TAXONOMY.ids)
    for r in (*n.required, *n.preferred):
        assert r.posting_text in text
    if n.years is not None:
        assert 0 < n.years.years <= 30 and n.years.text in text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_found_spans_are_the_matched_words(text):
    for hit in TAXONOMY.find(text):
        assert text[hit.start : hit.end] == hit.text
        assert hit.skill in TAXONOMY.skills
