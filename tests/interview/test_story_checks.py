"""The story checks: every part, a measured result, first-person actions, two minutes long.
Pure: plain text in, verdicts out."""

from pmpath.interview.story_checks import (
    LONGEST,
    SHORTEST,
    StoryText,
    check,
    check_length,
    check_ownership,
    check_parts,
    check_quantified,
)

COMPLETE = StoryText(
    situation="Our checkout redesign had stalled for two months at a mid-sized retailer.",
    task="I was asked to decide whether to finish it or to stop it.",
    action="I interviewed twelve customers and I rebuilt the plan; we shipped in six weeks.",
    result="Mobile conversion rose from 2.1% to 2.9%, about $1.2m a year.",
    reflection="I learned to bring finance in before the plan, not after it.",
)


def test_a_story_with_every_part_passes_the_parts_check():
    assert check_parts(COMPLETE).passed


def test_missing_parts_are_named_in_order():
    verdict = check_parts(StoryText(situation=COMPLETE.situation, action=COMPLETE.action))
    assert not verdict.passed
    assert verdict.evidence == ("Task", "Result", "Reflection")
    assert "task, result and reflection" in verdict.message


def test_a_two_word_placeholder_does_not_count_as_a_part():
    story = StoryText(**{**COMPLETE.__dict__, "task": "TODO later"})
    assert check_parts(story).evidence == ("Task",)


def test_a_percentage_or_money_in_the_result_is_a_measured_result():
    verdict = check_quantified(COMPLETE)
    assert verdict.passed
    assert "2.1%" in verdict.evidence and "$1.2m" in verdict.evidence


def test_a_multiplier_word_counts_as_a_measured_result():
    assert check_quantified(StoryText(result="Support tickets halved within the quarter.")).passed


def test_a_vague_result_is_not_measured():
    verdict = check_quantified(StoryText(result="Customers loved it and the team was happy."))
    assert not verdict.passed
    assert "number" in verdict.message


def test_a_year_or_a_quarter_name_alone_does_not_measure_a_result():
    assert not check_quantified(StoryText(result="We launched in Q3 2024 to everyone.")).passed


def test_the_metrics_line_can_carry_the_number():
    assert check_quantified(StoryText(result="It worked.", metrics="NPS 31 to 44")).passed


def test_actions_told_only_as_we_fail_the_ownership_check():
    verdict = check_ownership(StoryText(action="We met the team. We agreed a plan. We shipped."))
    assert not verdict.passed
    assert verdict.evidence == ("\u201cI\u201d 0\u00d7", "\u201cwe\u201d 3\u00d7")


def test_some_we_beside_clear_i_is_fine():
    assert check_ownership(COMPLETE).passed


def test_curly_apostrophes_count_as_first_person():
    assert check_ownership(StoryText(action="I\u2019ve rewritten the plan myself.")).passed


def test_we_outnumbering_i_more_than_two_to_one_fails():
    text = "I joined. We planned, we built, we tested and we shipped it."
    assert not check_ownership(StoryText(action=text)).passed


def test_an_action_with_no_people_in_it_asks_who_did_what():
    verdict = check_ownership(StoryText(action="The plan was rebuilt and the launch happened."))
    assert not verdict.passed
    assert "Say who did what" in verdict.message


def test_length_is_judged_against_a_two_minute_telling():
    assert not check_length(SHORTEST - 1).passed
    assert check_length(SHORTEST).passed
    assert check_length(LONGEST).passed
    too_long = check_length(LONGEST + 1)
    assert not too_long.passed and "trim" in too_long.message


def test_the_report_counts_words_across_the_parts_and_estimates_the_telling():
    report = check(COMPLETE)
    assert report.words == 63  # "2.1%" and "$1.2m" are one word each
    assert report.seconds == round(63 / 150 * 60)
    assert [c.key for c in report.checks] == ["parts", "quantified", "ownership", "length"]
    assert report.passed == 3 and not report.ready


def test_a_full_two_minute_story_passes_every_check():
    padding = " I walked each stakeholder through the numbers one at a time." * 22
    story = StoryText(**{**COMPLETE.__dict__, "action": COMPLETE.action + padding})
    report = check(story)
    assert SHORTEST <= report.words <= LONGEST
    assert report.ready
