"""engine.score: each part, the shown/missing/wording lists, and that it never invents."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pmpath.matching import engine
from pmpath.matching.lexical import LexicalStats
from tests.matching.engine_factories import TAXONOMY, posting, profile


def parts(match):
    return {p.key: p for p in match.parts}


def test_the_score_is_the_sum_of_its_parts_and_the_weights_make_100():
    m = engine.score(profile(), posting(), TAXONOMY)
    assert sum(engine.WEIGHTS.values()) == 100
    assert m.score == round(sum(p.points for p in m.parts))
    assert [p.key for p in m.parts] == list(engine.PART_ORDER)
    for p in m.parts:
        assert 0 <= p.value <= 1 and p.points == round(p.value * p.weight, 1) and p.why


def test_required_skills_count_what_the_resume_shows():
    m = engine.score(profile(), posting(), TAXONOMY)
    req = parts(m)["required_skills"]
    # SQL is in the skills list; "Analytics" shows data analysis.
    assert req.value == 1.0 and req.why == "Your resume shows 2 of the 2 required skills."


def test_a_related_skill_earns_half():
    text = "Requirements\n- A/B testing\n- SQL\n"
    doc = {"work": [{"position": "PM", "highlights": ["Designed controlled experiments"]}]}
    m = engine.score(profile(doc), posting(text=text), TAXONOMY)
    req = parts(m)["required_skills"]
    assert req.value == 0.25  # (0.5 + 0) / 2
    assert "1 more in related words" in req.why


def test_nice_to_haves_follow_the_requirements_when_the_posting_lists_none():
    m = engine.score(profile(), posting(text="Requirements\n- SQL\n- Kanban\n"), TAXONOMY)
    assert parts(m)["preferred_skills"].value == parts(m)["required_skills"].value == 0.5


def test_a_posting_that_names_no_skill_is_neutral_and_says_so():
    text = "We are nice people. Apply now."
    m = engine.score(profile(), posting(title="Product Manager", text=text), TAXONOMY)
    assert parts(m)["required_skills"].value == 0.5
    assert parts(m)["domain"].value == 0.5
    assert m.notes and "names no skill" in m.notes[0]


def test_title_and_level_fit_from_the_classifier_and_the_target():
    p = profile(level="senior_pm")
    fit = {
        title: parts(engine.score(p, posting(title=title), TAXONOMY))["title_level"].value
        for title in (
            "Senior Product Manager",
            "Product Manager",
            "Director of Product",
            "Product Owner",
            "Software Engineer",
        )
    }
    assert fit == {
        "Senior Product Manager": 1.0,
        "Product Manager": 0.7,  # a step down
        "Director of Product": 0.15,  # two steps up
        "Product Owner": 0.24,  # adjacent: 0.4 x unknown level 0.6
        "Software Engineer": 0.0,
    }


def test_without_a_target_the_current_pm_title_sets_the_level():
    m = engine.score(profile(), posting(title="Product Manager, Payments"), TAXONOMY)
    part = parts(m)["title_level"]
    assert part.value == 1.0 and "(current title)" in part.why


def test_years_compare_pm_years_plus_half_of_the_rest_with_the_ask():
    # 6 PM years (2019-2025) + 4 engineering years at half = 8 >= 5 asked.
    m = engine.score(profile(), posting(), TAXONOMY)
    assert parts(m)["years"].value == 1.0 and m.years_asked == 5
    junior = {"work": [{"position": "Product Manager", "startDate": "2023-01"}]}
    m = engine.score(profile(junior), posting(), TAXONOMY)
    assert parts(m)["years"].value == 0.4  # 2 of 5


def test_a_posting_without_years_implies_them_from_its_level():
    m = engine.score(profile({}), posting(title="Senior Product Manager", text="SQL"), TAXONOMY)
    assert m.years_asked == 5 and parts(m)["years"].value == 0.0
    assert "senior PM level: about 5 years" in parts(m)["years"].why


def test_domain_overlap_weighs_the_title_domain_double():
    m = engine.score(profile(), posting(), TAXONOMY)
    # payments (title, 2) and fintech (1) shown; AI/ML (1) not: 3 of 4.
    assert parts(m)["domain"].value == 0.75


def test_lexical_similarity_is_a_share_and_uses_the_corpus_idf():
    plain = parts(engine.score(profile(), posting(), TAXONOMY))["lexical"].value
    stats = LexicalStats(100, {"product": 100, "checkout": 1, "payment": 2})
    weighted = parts(engine.score(profile(), posting(), TAXONOMY, stats=stats))["lexical"].value
    assert 0 < plain < 1 and 0 < weighted < 1 and plain != weighted


def test_gaps_are_the_requirements_the_resume_does_not_show():
    m = engine.score(profile(), posting(), TAXONOMY)
    assert {r.skill for r in m.missing} == {"growth", "looker", "ai-ml"}
    assert {s.requirement.skill for s in m.shown} == {
        "sql",
        "data-analysis",
        "roadmapping",
        "ab-testing",
    }


def test_shown_quotes_the_strongest_line():
    m = engine.score(profile(), posting(), TAXONOMY)
    shown = {s.requirement.skill: s for s in m.shown}
    assert shown["ab-testing"].line.where == "work[0].highlights[0]"
    assert shown["ab-testing"].resume_text == "split testing"
    assert shown["sql"].line.where == "skills[0].keywords[0]"


def test_wording_differences_point_at_the_existing_line():
    m = engine.score(profile(), posting(), TAXONOMY)
    diffs = {w.requirement.skill: w for w in m.wording}
    assert set(diffs) == {"ab-testing", "data-analysis", "amplitude"}
    ab = diffs["ab-testing"]
    assert ab.line.where == "work[0].highlights[0]" and ab.resume_text == "split testing"
    assert "A/B tests" in ab.suggestion and "split testing" in ab.suggestion
    amp = diffs["amplitude"]  # Mixpanel shows Amplitude in other words, at half credit
    assert amp.resume_text == "Mixpanel" and "if not, it is a gap" in amp.suggestion
    assert "amplitude" not in {r.skill for r in m.missing}


def test_the_same_words_are_not_a_wording_difference():
    doc = {"work": [{"position": "PM", "highlights": ["Wrote SQL daily", "Ran A/B tests"]}]}
    m = engine.score(profile(doc), posting(text="Requirements\n- SQL\n- A/B test design"), TAXONOMY)
    assert m.wording == ()


LINES = st.lists(
    st.sampled_from(
        [
            "Ran split testing on checkout",
            "Designed controlled experiments",
            "Wrote SQL",
            "Owned the roadmap",
            "Used Mixpanel daily",
            "Led customer interviews",
            "Baked bread",
            "Built a two-sided marketplace",
            "Scrum master for two teams",
            "Python scripts",
        ]
    ),
    max_size=8,
)
POSTINGS = st.lists(
    st.sampled_from(
        [
            "Requirements:",
            "Nice to have:",
            "- A/B testing",
            "- SQL",
            "- Amplitude",
            "- Looker",
            "- roadmap ownership",
            "- user research",
            "- JTBD",
            "- prioritization",
            "- machine learning",
            "- 5+ years of product management experience",
            "Benefits",
            "- Figma",
            "- Jira",
        ]
    ),
    max_size=12,
)


@settings(max_examples=80, deadline=None)
@given(LINES, POSTINGS)
def test_it_never_invents_experience(lines, posting_lines):
    doc = {"work": [{"position": "Product Manager", "highlights": lines}]}
    p = profile(doc)
    m = engine.score(p, posting(text="\n".join(posting_lines)), TAXONOMY)
    resume_lines = set(p.lines)
    for item in (*m.shown, *m.wording):
        # Every piece of evidence and every suggestion quotes a line the resume has, and the
        # quoted words are in that line.
        assert item.line in resume_lines
        assert item.resume_text in item.line.text
    for diff in m.wording:
        assert diff.line.where in diff.suggestion
    asked = {r.requirement.skill for r in (*m.shown, *m.wording)} | {r.skill for r in m.missing}
    assert {s.requirement.skill for s in m.shown}.isdisjoint({r.skill for r in m.missing})
    assert asked <= set(TAXONOMY.ids)
    assert 0 <= m.score <= 100


def test_posting_doc_classifies_the_title():
    doc = engine.posting_doc(3, "Sr. PM - Growth", "text")
    assert (doc.family, doc.level) == ("product_management", "senior_pm")
