"""The mistake detectors, pure: for each, a planted case is found (with its evidence and one
next action) and a clean case is not."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from pmpath.coach import detectors as d

TODAY = date(2026, 11, 30)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def app(pk: int = 1, **over) -> d.AppRow:
    values = {
        "id": pk,
        "title": "Product Manager at Acme",
        "company": "Acme",
        "company_id": 10,
        "applied_on": ago(10),
        "stage": "Applied",
        "stage_changed_on": ago(10),
        "posting_id": 100 + pk,
    }
    values.update(over)
    return d.AppRow(**values)


def interview(pk: int = 1, **over) -> d.InterviewRow:
    values = {
        "id": pk,
        "application_id": 1,
        "title": "Recruiter screen for Product Manager at Acme",
        "on": ago(4),
        "outcome": "pending",
        "thank_you_sent_on": None,
        "stage_changed_on": ago(9),
        "last_contact_on": None,
    }
    values.update(over)
    return d.InterviewRow(**values)


def data(**over) -> d.CoachInput:
    return d.CoachInput(today=TODAY, **over)


def keys(found: list[d.Finding]) -> list[str]:
    return [f.key for f in found]


def only(key: str, inputs: d.CoachInput) -> list[d.Finding]:
    return d.DETECTORS[key](inputs)


# --- focusing too much on the product -------------------------------------------------------


def test_a_case_study_the_portfolio_checks_flag_is_a_finding_with_their_fix():
    case = d.CaseRow(7, "New dashboard", "Features without the customer", "3 mentions", "Name them")
    [found] = only("case_feature_talk", data(cases=(case,)))
    assert found.key == "case_feature_talk:case_study:7"
    assert found.mistake == "customer"
    assert "New dashboard" in found.title and "3 mentions" in found.evidence
    assert found.action == d.Action("Name them", "portfolio:case_edit", (7,))
    assert found.records == (d.Ref("case_study", 7, "New dashboard"),)


def test_no_flagged_case_study_means_no_finding():
    assert only("case_feature_talk", data()) == []


def answer(pk: int, points: float, most: int = 20) -> d.AttemptRow:
    return d.AttemptRow(pk, f"Design question {pk}", ago(pk), 55, points, most)


def test_answers_that_skip_the_customer_are_found_as_a_habit():
    answers = (answer(1, 2), answer(2, 0), answer(3, 18), answer(4, 20))
    [found] = only("answer_feature_talk", data(answers=answers))
    assert found.figures == {"weak": 2, "answers": 4}
    assert [r.id for r in found.records] == [1, 2]
    assert found.action.page == "interview:attempt" and found.action.args == (1,)


def test_one_weak_answer_among_good_ones_is_not_a_habit():
    answers = (answer(1, 2), *(answer(i, 18) for i in range(2, 8)))
    assert only("answer_feature_talk", data(answers=answers)) == []
    many_good = (answer(1, 2), answer(2, 3), *(answer(i, 19) for i in range(3, 12)))
    assert only("answer_feature_talk", data(answers=many_good)) == []


# --- not communicating effectively ----------------------------------------------------------


def test_an_application_with_no_follow_up_after_seven_days_is_found():
    [found] = only(
        "application_follow_up", data(awaiting=(app(applied_on=ago(12), stage_changed_on=ago(12)),))
    )
    assert found.key == "application_follow_up:application:1"
    assert found.figures["days"] == 12
    assert "12 days ago" in found.evidence
    assert found.action.page == "jobs:application" and found.action.args == (1,)


def test_a_recent_moved_contacted_or_planned_application_is_not_flagged():
    clean = (
        app(1, applied_on=ago(3), stage_changed_on=ago(3)),  # too recent
        app(2, stage_changed_on=ago(2)),  # moved on since
        app(3, last_contact_on=ago(5)),  # wrote to someone after applying
        app(4, next_action_due=ago(1)),  # a follow-up is planned (next actions bring it up)
        app(5, applied_on=None),
    )
    assert only("application_follow_up", data(awaiting=clean)) == []


def test_the_follow_up_threshold_is_a_setting():
    late = app(applied_on=ago(10), stage_changed_on=ago(10))
    strict = d.Thresholds(follow_up_days=14)
    assert only("application_follow_up", data(awaiting=(late,), thresholds=strict)) == []


def test_an_interview_with_no_word_since_is_found_once_per_application():
    rows = (interview(1, on=ago(8)), interview(2, on=ago(4)))
    [found] = only("interview_follow_up", data(interviews=rows))
    assert found.key == "interview_follow_up:interview:2"  # the latest round only
    assert found.figures["days"] == 4


def test_an_interview_with_an_outcome_a_move_or_a_message_needs_no_follow_up():
    clean = (
        interview(1, application_id=1, outcome="passed"),
        interview(2, application_id=2, stage_changed_on=ago(1)),
        interview(3, application_id=3, last_contact_on=ago(2)),
        interview(4, application_id=4, on=ago(1)),  # too soon
    )
    assert only("interview_follow_up", data(interviews=clean)) == []


def test_an_interview_without_a_thank_you_note_is_found():
    [found] = only("thank_you", data(interviews=(interview(5, on=ago(2)),)))
    assert found.key == "thank_you:interview:5"
    assert found.action == d.Action(found.action.text, "jobs:interview", (5,))
    assert "thank-you" in found.action.text


def test_a_thank_you_counts_as_sent_when_marked_or_when_a_message_was_logged_after():
    clean = (
        interview(1, thank_you_sent_on=ago(3)),
        interview(2, last_contact_on=ago(4)),  # logged on the day of the interview
        interview(3, outcome="cancelled"),
        interview(4, on=TODAY),  # owed from tomorrow
    )
    assert only("thank_you", data(interviews=clean)) == []


def test_overdue_contacts_are_one_finding_naming_the_most_overdue_first():
    contacts = (
        d.ContactRow(3, "Tomás Ferreira", "Monzo", ago(11)),
        d.ContactRow(4, "Ana Silva", "", ago(2)),
    )
    [found] = only("contacts_overdue", data(overdue_contacts=contacts, overdue_total=12))
    assert found.title.startswith("12 contacts overdue")
    assert found.figures == {"overdue": 12, "longest_days": 11}
    assert found.action.page == "network:contact" and found.action.args == (3,)
    assert "Tomás Ferreira" in found.action.text


def test_nobody_overdue_means_no_finding():
    assert only("contacts_overdue", data()) == []


# --- not being open to feedback -------------------------------------------------------------


def test_practice_mostly_without_self_review_is_found():
    rows = (d.AttemptRow(9, "Estimate the number of piano tuners", ago(1)),)
    practice = d.PracticeStats(submitted=8, reviewed=2, unreviewed=rows)
    [found] = only("practice_unreviewed", data(practice=practice))
    assert found.title == "6 of 8 recent answers were never reviewed"
    assert found.action.args == (9,)


def test_practice_mostly_reviewed_or_too_little_is_not_flagged():
    reviewed = d.PracticeStats(submitted=8, reviewed=6)
    assert only("practice_unreviewed", data(practice=reviewed)) == []
    little = d.PracticeStats(submitted=2, reviewed=0)
    assert only("practice_unreviewed", data(practice=little)) == []


def test_mocks_never_shared_are_found_and_shared_ones_are_not():
    mocks = (
        d.MockRow(1, "Mock: Shopify loop", ago(3), False),
        d.MockRow(2, "Mock 2", ago(9), True),
    )
    [found] = only("mocks_unshared", data(mocks=mocks, mock_sharing=True))
    assert found.figures == {"finished": 2, "unshared": 1}
    assert "shared with a reviewer" in found.evidence
    assert found.action == d.Action(found.action.text, "interview:mock", (1,))
    assert only("mocks_unshared", data(mocks=(mocks[1],), mock_sharing=True)) == []


def test_without_sharing_a_mock_counts_as_looked_at_when_its_answers_were_reviewed():
    mocks = (d.MockRow(1, "Mock: Shopify loop", ago(3), False),)
    [found] = only("mocks_unshared", data(mocks=mocks, mock_sharing=False))
    assert "reviewed" in found.evidence and "rate each answer" in found.action.text


def test_low_scores_never_tried_again_are_feedback_not_acted_on():
    old = d.AttemptRow(4, "Improve Google Maps", ago(20), 41, suggestion="Start from the user.")
    [found] = only("feedback_ignored", data(unretried=(old,)))
    assert "Start from the user." in found.evidence
    assert found.action.args == (4,)


def test_a_low_score_still_within_the_retry_window_is_not_flagged():
    fresh = d.AttemptRow(4, "Improve Google Maps", ago(5), 41)
    assert only("feedback_ignored", data(unretried=(fresh,))) == []


# --- not staying up to date -----------------------------------------------------------------


def test_no_reading_for_two_weeks_is_found():
    trends = d.TrendStats(feeds=3, unread=40, last_read_on=ago(20), talking_points=1)
    [found] = only("trends_unread", data(trends=trends))
    assert "20 days ago" in found.evidence
    assert found.action.page == "trends"


def test_no_feeds_at_all_asks_for_a_subscription():
    [found] = only("trends_unread", data())
    assert "no product-management publication" in found.evidence
    assert "Subscribe" in found.action.text


def test_reading_this_week_is_not_flagged():
    trends = d.TrendStats(feeds=3, unread=4, last_read_on=ago(3), talking_points=2)
    assert only("trends_unread", data(trends=trends)) == []


def test_no_talking_points_is_found_and_one_is_enough():
    assert keys(only("no_talking_points", data())) == ["no_talking_points:talking_points"]
    assert only("no_talking_points", data(trends=d.TrendStats(talking_points=1))) == []


# --- job-search specific --------------------------------------------------------------------


def test_applying_cold_where_a_contact_works_is_found():
    warm = d.WarmApp(app(3, company="Figma"), known=2, best_strength=3)
    [found] = only("cold_application", data(warm=(warm,)))
    assert found.key == "cold_application:application:3"
    assert "2 people" in found.title and "Figma" in found.title
    assert found.figures == {"known": 2, "best_strength": 3}


def test_a_referral_a_message_or_nobody_known_is_not_cold():
    clean = (
        d.WarmApp(app(1, referral="Maya"), 2, 3),
        d.WarmApp(app(2, last_contact_on=ago(1)), 2, 3),
        d.WarmApp(app(3), 0, 0),
    )
    assert only("cold_application", data(warm=clean)) == []


def test_applying_far_below_the_match_threshold_is_a_long_shot():
    [found] = only("long_shot", data(scores=((app(1), 31), (app(2), 55))))
    assert found.key == "long_shot:application:1"
    assert found.figures == {"score": 31, "threshold": 60}
    assert found.action == d.Action(found.action.text, "jobs:posting", (101,))


def test_a_score_near_the_threshold_is_not_a_long_shot():
    assert only("long_shot", data(scores=((app(1), 40), (app(2), 75)))) == []


def test_stories_without_a_measured_result_are_found():
    stories = (d.StoryRow(1, "Migration", False), d.StoryRow(2, "Pricing", True))
    [found] = only("story_metrics", data(stories=stories))
    assert found.figures == {"unmeasured": 1, "stories": 2}
    assert found.action == d.Action(found.action.text, "interview:story", (1,))


def test_measured_stories_are_not_flagged():
    assert only("story_metrics", data(stories=(d.StoryRow(2, "Pricing", True),))) == []


def test_skill_gaps_with_nothing_planned_are_one_finding_and_planned_ones_are_left_out():
    gaps = (
        d.GapRow("strategic_thinking", "Strategic thinking", "PM", 0.25, "25% ready.", False),
        d.GapRow("communication", "Communication", "PM", 0.5, "50% ready", True),
        d.GapRow("leadership", "Leadership", "PM", None, "a typical gap", False),
    )
    [found] = only("unplanned_gap", data(gaps=gaps))
    assert found.key == "unplanned_gap:skills:leadership+strategic_thinking"
    assert found.title == "Strategic thinking and Leadership: gaps for PM with nothing planned"
    assert "Strategic thinking (25% ready): 25% ready. Leadership: a typical gap." in found.evidence
    assert [r.id for r in found.records] == ["strategic_thinking", "leadership"]
    assert found.action.page == "career:plan"


def test_every_gap_planned_means_no_finding():
    planned = (d.GapRow("communication", "Communication", "PM", 0.5, "50% ready", True),)
    assert only("unplanned_gap", data(gaps=planned)) == []


# --- running and deciding -------------------------------------------------------------------


def test_run_orders_findings_by_value_and_every_detector_has_a_name():
    inputs = data(
        awaiting=(app(applied_on=ago(30), stage_changed_on=ago(30)),),
        trends=d.TrendStats(talking_points=1),
    )
    found = d.run(inputs)
    assert [f.detector for f in found] == ["application_follow_up", "trends_unread"]
    assert set(d.NAMES) == set(d.DETECTORS)
    assert all(f.mistake in d.MISTAKES for f in found)


def test_decisions_snooze_until_a_day_and_dismiss_for_good():
    inputs = data(
        awaiting=(app(1, applied_on=ago(30), stage_changed_on=ago(30)),),
        interviews=(interview(5, on=ago(4)),),
        trends=d.TrendStats(talking_points=1, feeds=1, last_read_on=ago(1)),
    )
    found = d.run(inputs)
    decisions = [
        d.Decision("application_follow_up:application:1", False, TODAY + timedelta(days=3)),
        d.Decision("thank_you:interview:5", True, None),
        d.Decision("interview_follow_up:interview:5", False, TODAY),  # the snooze has ended
        d.Decision("story_metrics:stories", True, None),  # about a finding that is gone
    ]
    split = d.apply_decisions(found, decisions, TODAY)
    assert keys(split.active) == ["interview_follow_up:interview:5"]
    assert [f.key for f, _ in split.snoozed] == ["application_follow_up:application:1"]
    assert [f.key for f, _ in split.dismissed] == ["thank_you:interview:5"]


def test_the_detectors_import_nothing_from_django():
    import ast
    from pathlib import Path

    for name in ("detectors.py", "next_actions.py"):
        tree = ast.parse((Path(d.__file__).parent / name).read_text())
        imported = [
            n.module if isinstance(n, ast.ImportFrom) else a.name
            for n in ast.walk(tree)
            if isinstance(n, ast.Import | ast.ImportFrom)
            for a in (n.names if isinstance(n, ast.Import) else [n])
        ]
        assert not [m for m in imported if m and m.startswith("django")], name


def test_every_finding_keeps_its_inputs_frozen():
    row = app()
    assert replace(row, id=2).id == 2 and row.id == 1


def test_the_story_finding_reads_well_for_one_and_for_all():
    one_of_two = (d.StoryRow(1, "Migration", False), d.StoryRow(2, "Pricing", True))
    [found] = only("story_metrics", data(stories=one_of_two))
    assert found.evidence == "1 of your 2 stories has no measured result: “Migration”."
    [every] = only("story_metrics", data(stories=(d.StoryRow(1, "Migration", False),)))
    assert every.evidence == "Your only story has no measured result: “Migration”."
    assert every.records_label == "1 story"
