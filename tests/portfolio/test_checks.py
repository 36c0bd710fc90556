"""The case-study checks engine: pure, so plain text in and findings out."""

from dataclasses import replace

from pmpath.portfolio.checks import CaseText, check, numbers
from pmpath.portfolio.sections import SECTIONS
from tests.portfolio.factories import GOOD

FIELDS = ("title", "summary", *[s.key for s in SECTIONS])
GOOD_TEXT = CaseText(**{k: GOOD[k] for k in FIELDS})

# The guide's first common mistake: the features, and nothing about who or why or what changed.
FEATURE_TALK = CaseText(
    title="The new analytics dashboard",
    problem="We built a new dashboard.",
    options="Tabs or a drop-down menu.",
    launch="We launched the feature with three new screens and an export button.",
    outcomes="Shipped on time.",
)


def test_a_complete_case_study_has_no_findings():
    report = check(GOOD_TEXT)
    assert report.findings == ()
    assert report.ready and report.written == len(SECTIONS)


def test_it_flags_features_without_the_customer_the_problem_or_the_outcome():
    finding = next(f for f in check(FEATURE_TALK).findings if f.key == "feature_talk")
    assert finding.severity == "major"
    assert finding.title == "Features without the problem, the customer and the outcome"
    assert "We built a new dashboard" in finding.evidence
    assert "drop-down menu" in finding.evidence and "and 1 more" in finding.evidence
    assert finding.section == "problem" and finding.fix.startswith("Rewrite the problem")


def test_feature_talk_with_a_real_problem_customer_and_outcome_is_fine():
    text = replace(GOOD_TEXT, launch="We launched the new dashboard feature with two screens.")
    assert "feature_talk" not in check(text).flagged()


def test_feature_talk_names_only_what_is_missing():
    text = replace(
        GOOD_TEXT, launch="We built the feature and added a button.", outcomes="Went well."
    )
    finding = next(f for f in check(text).findings if f.key == "feature_talk")
    assert finding.title == "Features without the outcome"
    assert finding.section == "outcomes"


def test_a_thin_customers_section_is_enough_when_the_problem_names_them():
    text = replace(GOOD_TEXT, customers="", launch="We built a feature with two screens.")
    assert "feature_talk" not in check(text).flagged()
    assert "empty_sections" in check(text).flagged()


def test_an_outcome_that_is_only_the_delivery_is_flagged():
    text = replace(GOOD_TEXT, outcomes="Shipped on time and on budget in 3 sprints.")
    finding = next(f for f in check(text).findings if f.key == "outcome_without_customer")
    assert "“Shipped on time and on budget" in finding.evidence
    assert "outcome_numbers" not in check(text).flagged()  # "3 sprints" is a number


def test_an_outcome_in_customer_metrics_needs_no_customer_word():
    text = replace(GOOD_TEXT, outcomes="Conversion rose from 2.1% to 2.9% within a month.")
    assert "outcome_without_customer" not in check(text).flagged()


def test_it_flags_outcomes_and_goals_without_numbers():
    text = replace(
        GOOD_TEXT,
        outcomes="Customers were much happier and support contacts went down a lot.",
        goals="Make onboarding easier for new sellers in the next quarter.",
    )
    report = check(text)
    outcome = next(f for f in report.findings if f.key == "outcome_numbers")
    goal = next(f for f in report.findings if f.key == "goal_numbers")
    assert outcome.severity == "major" and "no number" in outcome.evidence
    assert goal.severity == "minor" and goal.section == "goals"


def test_a_year_is_not_a_measurement_but_a_multiplier_is():
    assert numbers("We launched in 2024.") == []
    assert numbers("Sign-ups doubled") == ["doubled"]
    assert "40%" in numbers("Churn fell 40%.")
    assert "$1.2m" in numbers("It saved $1.2m a year.")


def test_it_flags_a_role_told_only_as_we():
    text = replace(
        GOOD_TEXT, my_role="We ran the interviews, we wrote the spec and our team shipped it."
    )
    finding = next(f for f in check(text).findings if f.key == "personal_role")
    assert finding.title == "No “I” in what you did"
    assert finding.evidence.startswith("“I” 0 times, “we” 3 times")


def test_a_missing_role_section_looks_for_i_anywhere():
    text = replace(GOOD_TEXT, my_role="", evidence="The team read 300 tickets and the funnel.")
    keys = check(text).flagged()
    assert "personal_role" not in keys  # "I would have tested…" in learnings is still "I"
    silent = replace(text, learnings="In hindsight the copy mattered most of all here.")
    finding = next(f for f in check(silent).findings if f.key == "personal_role")
    assert finding.title == "Your own role is missing"


def test_we_outnumbering_i_is_a_minor_finding():
    text = replace(
        GOOD_TEXT,
        my_role="We planned it, we built it, we tested it with our customers and we shipped "
        "it; I wrote the plan.",
    )
    finding = next(f for f in check(text).findings if f.key == "personal_role")
    assert finding.severity == "minor"


def test_it_lists_empty_and_thin_sections_with_a_fix_for_the_first():
    text = replace(GOOD_TEXT, options="", decision="", learnings="Copy first.")
    report = check(text)
    empty = next(f for f in report.findings if f.key == "empty_sections")
    thin = next(f for f in report.findings if f.key == "thin_sections")
    assert empty.evidence == "Empty: Options considered, The decision."
    assert empty.severity == "minor" and empty.section == "options"
    assert thin.evidence == "Only a line: Learnings (2 words)."
    assert thin.fix.startswith("Add to learnings")


def test_an_empty_draft_says_what_to_write_first_without_piling_on():
    report = check(CaseText(title="Draft"))
    assert [f.key for f in report.findings] == ["empty_sections"]
    assert report.findings[0].severity == "major"
    assert report.findings[0].section == "problem"


def test_a_case_study_longer_than_five_minutes_is_flagged():
    long = replace(GOOD_TEXT, evidence=GOOD["evidence"] + " More detail here." * 500)
    finding = next(f for f in check(long).findings if f.key == "too_long")
    assert "words" in finding.evidence and finding.severity == "minor"


def test_every_finding_has_evidence_and_one_fix():
    for text in (FEATURE_TALK, CaseText(), replace(GOOD_TEXT, outcomes="Fine.", my_role="We did.")):
        for finding in check(text).findings:
            assert finding.evidence and finding.fix and finding.title
            assert finding.severity in ("major", "minor")


def test_major_findings_come_first():
    severities = [f.severity for f in check(FEATURE_TALK).findings]
    assert severities == sorted(severities, key=lambda s: s != "major")


def test_a_thin_section_another_finding_points_to_is_not_listed_again():
    thin = next(f for f in check(FEATURE_TALK).findings if f.key == "thin_sections")
    assert thin.evidence == "Only a line: Options considered (6 words)."
