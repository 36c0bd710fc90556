"""The next-actions ranking, pure: the week's actions from every area, most valuable first,
each with why, when and where it is done."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pmpath.coach import next_actions as na

TODAY = date(2026, 12, 3)  # a Thursday


def at(days: int, hour: int = 15) -> datetime:
    return datetime.combine(TODAY + timedelta(days=days), datetime.min.time()).replace(hour=hour)


def test_an_interview_tomorrow_comes_before_everything_else():
    ranked = na.rank(
        na.NextInput(
            today=TODAY,
            interviews=(na.InterviewSoon(1, 11, "Product sense, PM at Shopify", at(1), False),),
            follow_ups=(
                na.FollowUp(12, "PM at Figma", "Send the case study", TODAY - timedelta(days=3)),
            ),
            contacts_due=4,
            first_contact=(7, "Tomás Ferreira"),
            cards_due=12,
        )
    )
    assert [a.kind for a in ranked] == ["interview", "follow_up", "contacts", "practice"]
    first = ranked[0]
    assert first.action.page == "interview:prep" and first.action.args == (11,)
    assert "tomorrow" in first.why and "no prep notes" in first.why
    assert ranked[1].title == "Send the case study: PM at Figma"
    assert ranked[1].value == 76  # 70 + 2 a day late
    assert ranked[2].action.args == (7,)


def test_an_interview_later_in_the_week_ranks_below_a_late_follow_up():
    ranked = na.rank(
        na.NextInput(
            today=TODAY,
            interviews=(na.InterviewSoon(1, 11, "Recruiter screen", at(5), True),),
            follow_ups=(na.FollowUp(12, "PM at Figma", "", TODAY - timedelta(days=8)),),
        )
    )
    assert [a.kind for a in ranked] == ["follow_up", "interview"]
    assert ranked[0].title == "Follow up: PM at Figma"


def test_goals_behind_the_target_are_actions_that_grow_as_the_week_ends():
    line = na.GoalLine("applications", "Applications sent", 5, 2)
    met = na.GoalLine("outreach", "People reached out to", 3, 3)
    thursday = na.rank(na.NextInput(today=TODAY, goals=(line, met)))
    sunday = na.rank(na.NextInput(today=TODAY + timedelta(days=3), goals=(line,)))
    assert [a.title for a in thursday] == ["Applications sent: 2 of 5 this week"]
    assert thursday[0].action.page == "jobs:postings"
    assert sunday[0].value > thursday[0].value


def test_unplanned_gaps_are_one_action_and_the_least_urgent():
    gaps = tuple(na.GapItem(f"s{i}", f"Skill {i}", "PM") for i in range(3))
    ranked = na.rank(na.NextInput(today=TODAY, cards_due=1, gaps=gaps))
    assert [a.kind for a in ranked] == ["practice", "gap"]
    assert ranked[1].title == "Plan how to grow skill 0, skill 1 and skill 2"


def test_the_list_is_cut_to_the_most_valuable():
    follow = tuple(na.FollowUp(i, f"PM {i}", "Call", TODAY - timedelta(days=i)) for i in range(12))
    ranked = na.rank(na.NextInput(today=TODAY, follow_ups=follow))
    assert len(ranked) == na.LIMIT
    assert ranked[0].title == "Call: PM 11"


def test_a_week_without_targets_suggests_setting_them():
    lines = (na.GoalLine("applications", "Applications sent", 0, 1),)
    [action] = na.rank(na.NextInput(today=TODAY, goals=lines))
    assert action.title == "Set this week's targets" and action.action.page == "career:goals"


def test_nothing_to_do_gives_an_empty_list():
    assert na.rank(na.NextInput(today=TODAY)) == []


def test_valuable_coach_findings_join_the_list_and_minor_ones_do_not():
    from pmpath.coach.detectors import Action, Finding

    thanks = Finding(
        "thank_you",
        "interview:5",
        "communication",
        "Thank-you note not sent: screen",
        "2 days",
        Action("Send it", "jobs:interview", (5,)),
        weight=75,
    )
    minor = Finding(
        "no_talking_points",
        "talking_points",
        "trends",
        "No talking point",
        "none",
        Action("Write one", "trends"),
        weight=30,
    )
    ranked = na.rank(na.NextInput(today=TODAY, cards_due=3, findings=(thanks, minor)))
    assert [(a.kind, a.title) for a in ranked] == [
        ("coach", "Thank-you note not sent: screen"),
        ("practice", "Review 3 practice questions"),
    ]
    assert ranked[0].action.args == (5,)
