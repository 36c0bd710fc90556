"""The feedback engine, part by part: each part reacts to what it measures. The frameworks here
are small fixtures in the frameworks.yaml shape, so these tests do not move when the shipped
cue lists are edited."""

# ruff: noqa: RUF001 - answers use the multiplication sign as candidates type it

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmpath.interview.feedback import WEIGHTS, AnswerInput, Step, evaluate, weights_for

PRODUCT = (
    Step("clarify", "Clarify the goal", ("clarify", "goal", "assume", "scope")),
    Step("users", "Pick the users", ("user", "segment", "persona", "commuters")),
    Step("needs", "Find needs", ("need", "pain point", "struggle", "frustrat")),
    Step("solutions", "Generate solutions", ("solution", "idea", "feature", "build")),
    Step("metrics", "Define success", ("metric", "measure", "retention", "success")),
)
STORY = (
    Step("situation", "Situation", ("at my last", "when i was", "our team", "context")),
    Step("task", "Task", ("my task", "responsible for", "i needed to", "goal")),
    Step("action", "Action", ("i decided", "i set up", "i proposed", "i ran")),
    Step("result", "Result", ("result", "as a result", "outcome", "%")),
    Step("reflection", "Reflection", ("i learned", "lesson", "looking back", "next time")),
)
ESTIMATE = (
    Step("clarify", "Clarify what is counted", ("clarify", "do we mean", "scope")),
    Step("assumptions", "State assumptions", ("assume", "let's say", "roughly")),
    Step("calculation", "Calculate", ("times", "=", "×", "gives us")),
)


def run(answer, category="product_sense", steps=PRODUCT, limit=None):
    return evaluate(AnswerInput("Q?", category, answer, steps, "Fixture", limit))


def part(answer, key, **kwargs):
    found = run(answer, **kwargs).part(key)
    assert found is not None, f"no {key} part"
    return found


# --- framework coverage -----------------------------------------------------------------


def test_it_reports_which_steps_an_answer_covers_with_the_covering_sentence():
    answer = "I'd clarify the goal first. Our users are commuters. I would build a feature."
    result = run(answer)
    covered = {s.key: s.sentence for s in result.steps if s.covered}
    skipped = [s.key for s in result.steps if not s.covered]
    assert covered == {
        "clarify": "I'd clarify the goal first.",
        "users": "Our users are commuters.",
        "solutions": "I would build a feature.",
    }
    assert skipped == ["needs", "metrics"]
    framework = result.part("framework")
    assert "Covers 3 of 5 steps" in framework.explanation
    assert "skips Find needs and Define success" in framework.explanation
    assert result.to_dict()["steps"]["skipped"] == [
        {"key": "needs", "name": "Find needs"},
        {"key": "metrics", "name": "Define success"},
    ]


def test_a_step_developed_in_two_sentences_earns_more_than_a_passing_mention():
    once = "The main pain point is waiting. I'd build a feature."
    twice = "The main pain point is waiting. They struggle every morning. I'd build a feature."
    assert part(twice, "framework").points > part(once, "framework").points
    assert "only in passing" in part(once, "framework").explanation


def test_cues_match_other_forms_of_the_word():
    result = run("Commuters were frustrated and prioritising retention measured it.")
    assert {s.key for s in result.steps if s.covered} >= {"users", "needs", "metrics"}


def test_without_framework_steps_the_other_parts_share_the_hundred():
    weights = weights_for("product_sense", has_framework=False)
    assert "framework" not in weights
    assert sum(weights.values()) == 100
    assert [p.key for p in run("Users need speed.", steps=()).parts] == list(weights)


# --- structure --------------------------------------------------------------------------

LOOSE = (
    "Commuters need to know when to leave. A leave-now alert would help them. "
    "It uses live delay data. It is cheap to build. Retention is the metric."
)
ORGANISED = """I'll structure this in three parts: users, a solution, then how to measure it.

1. First, commuters need to know when to leave.
2. Second, a leave-now alert would help them, using live delay data.
3. Finally, retention is the metric.

In summary, I recommend the alert because it is cheap to build."""


def test_structure_rewards_signposts_numbered_points_and_a_closing_summary():
    loose, organised = part(LOOSE, "structure"), part(ORGANISED, "structure")
    assert organised.points > loose.points + 8
    assert "a closing summary" in organised.explanation
    assert "no closing summary" in loose.explanation
    assert "3 numbered or bulleted points" in organised.explanation


def test_spoken_ordinals_count_as_points_without_markdown():
    spoken = (
        "First, I'd pick commuters. Second, I'd find their biggest need. "
        "Third, I'd list solutions. Finally, I'd choose a metric."
    )
    assert "4 numbered or bulleted points (spoken)" in part(spoken, "structure").explanation


def test_a_summary_only_counts_at_the_end():
    early = "In summary, here is my plan. " + LOOSE + " Then we ship it. And we watch it."
    late = LOOSE + " To sum up, the alert is my recommendation."
    assert "no closing summary" in part(early, "structure").explanation
    assert "a closing summary" in part(late, "structure").explanation


# --- customer focus -----------------------------------------------------------------------


def test_customer_focus_drops_when_a_solution_comes_before_any_need():
    need_first = (
        "Commuters struggle to know when to leave. They miss trains and are late. "
        "I'd build a leave-now alert."
    )
    solution_first = (
        "I'd build a leave-now alert. Commuters struggle to know when to leave. "
        "They miss trains and are late."
    )
    first, later = part(need_first, "customer"), part(solution_first, "customer")
    assert first.points > later.points
    assert "comes before the first solution" in first.explanation
    assert "only after the first solution" in later.explanation


def test_a_need_counts_only_when_it_is_someones():
    no_one = "It is hard to say. I can't tell yet. I'd build an alert."
    someone = "Commuters find it hard to plan. They can't see delays. I'd build an alert."
    assert "needs in 0 sentences" in part(no_one, "customer").explanation
    assert "needs in 2 sentences" in part(someone, "customer").explanation


# --- specificity --------------------------------------------------------------------------


def test_specificity_counts_numbers_metrics_segments_and_timeframes():
    vague = "Lots of users would like it. It would grow engagement a lot over time."
    specific = (
        "New users in Berlin drop off at 40%. I'd aim to lift 7-day retention from 20% to 25% "
        "within one quarter, for first-time buyers aged 25-34."
    )
    low, high = part(vague, "specificity"), part(specific, "specificity")
    assert high.points > low.points + 4
    for kind in ("numbers", "timeframes", "segments", "metrics", "names"):
        assert kind in high.explanation
    assert high.evidence


def test_years_are_not_counted_as_quantities():
    assert "numbers" not in part("In 2021 users liked it.", "specificity").explanation


# --- trade-offs ----------------------------------------------------------------------------


def test_tradeoffs_count_costs_risks_and_rejected_alternatives():
    none = "I'd build the alert. Users will love it. It is great."
    some = (
        "I'd build the alert rather than a new app. The downside is notification fatigue, a "
        "risk I'd mitigate with a daily cap."
    )
    assert part(none, "tradeoffs").points == 0
    assert part(some, "tradeoffs").points == part(some, "tradeoffs").max


def test_a_bare_but_counts_half():
    assert part("It helps, but it is slow.", "tradeoffs").ratio == pytest.approx(0.25, abs=0.01)


# --- estimation ---------------------------------------------------------------------------


def test_the_arithmetic_chain_counts_calculations_and_intermediate_results():
    chain = (
        "330M people × 60% = about 200M patients. "
        "200M times 2 visits gives 400M visits. "
        "A dentist sees 8 × 200 = 1,600 visits, so 400M / 1,600 = 250,000 dentists."
    )
    bare = "There are probably about 250,000 dentists."
    good = part(chain, "arithmetic", category="estimation", steps=ESTIMATE)
    poor = part(bare, "arithmetic", category="estimation", steps=ESTIMATE)
    assert good.points == good.max
    assert poor.points == 0
    assert "4 calculations" in good.explanation


def test_stated_assumptions_need_a_number_and_a_sanity_check_adds_to_them():
    vague = "I assume people go to the dentist. Let's say they go sometimes."
    stated = (
        "I'll assume 60% of people see a dentist. Let's say 2 visits a year. "
        "I'll take 200 working days. That seems reasonable against 1 dentist per 1,300 people."
    )
    low = part(vague, "assumptions", category="estimation", steps=ESTIMATE)
    high = part(stated, "assumptions", category="estimation", steps=ESTIMATE)
    assert low.points == 0
    assert high.points == high.max
    assert "a sanity check" in high.explanation


def test_estimation_answers_are_weighted_on_the_chain_not_customer_focus():
    keys = [p.key for p in run("1 × 2 = 2", category="estimation", steps=ESTIMATE).parts]
    assert "arithmetic" in keys and "assumptions" in keys
    assert "customer" not in keys


# --- behavioural ----------------------------------------------------------------------------

STAR = """At my last company I was the PM for checkout, when our lead engineer wanted to delay
a release. My task was to decide whether we slipped it. I decided to ask for the incident data,
and I proposed a two-day refactor instead of ten. I ran the plan past marketing myself. As a
result, payment errors fell by 40% and repeat purchases rose 18% in two months. Looking back,
I learned to ask for the evidence first."""


def test_a_story_covers_every_part_of_star_and_reflection():
    result = run(STAR, category="behavioural", steps=STORY)
    assert all(s.covered for s in result.steps)


def test_the_action_step_is_recognised_from_what_i_did_not_only_from_cue_phrases():
    answer = "I pulled the data and I met the director before the meeting."
    steps = {s.key: s for s in run(answer, category="behavioural", steps=STORY).steps}
    assert steps["action"].covered


def test_the_result_needs_a_number_to_score_in_full():
    unsized = "We launched it and customers were happier."
    sized = "We launched it and repeat purchases rose 18% in two months."
    low = part(unsized, "result", category="behavioural", steps=STORY)
    high = part(sized, "result", category="behavioural", steps=STORY)
    assert high.points == high.max
    assert 0 < low.points < high.points
    assert high.evidence == (sized,)


def test_a_hope_in_the_present_tense_is_not_a_result():
    answer = "I'm a perfectionist and I'm always trying to improve."
    assert part(answer, "result", category="behavioural", steps=STORY).points == 0


def test_ownership_counts_what_i_did_against_what_we_did():
    we = "We decided to redesign it. We launched it. We learned a lot."
    mine = "I decided to redesign it. I wrote the spec and I then ran the tests. We launched it."
    talk = "I think I'm a good communicator and I'm always honest."
    assert part(we, "ownership", category="behavioural", steps=STORY).points == 0
    assert part(talk, "ownership", category="behavioural", steps=STORY).points == 0
    owned = part(mine, "ownership", category="behavioural", steps=STORY)
    assert owned.points > 0
    assert '3 things you did yourself ("I decided", "I wrote")' in owned.explanation
    assert "1 thing the team did" in owned.explanation


# --- length ---------------------------------------------------------------------------------


def words(n):
    return " ".join(["users"] * n)


def test_length_loses_points_when_too_short_and_when_too_long():
    # A 5-minute limit: 700 words at 140 a minute; under 30% (210 words) is short; over
    # 750 words (150 a minute) is long, down to nothing at 1,500.
    limit = 300
    short = part(words(105), "length", limit=limit)
    right = part(words(400), "length", limit=limit)
    long = part(words(1125), "length", limit=limit)
    far = part(words(1600), "length", limit=limit)
    assert short.ratio == pytest.approx(0.5, abs=0.01)
    assert right.ratio == 1
    assert long.ratio == pytest.approx(0.5, abs=0.01)
    assert far.points == 0
    assert "short" in short.explanation and "over the limit" in long.explanation


def test_the_time_limit_defaults_to_the_category_timer():
    assert run("Users.", category="behavioural", steps=STORY).time_limit_seconds == 180
    assert run("Users.", limit=420).time_limit_seconds == 420


# --- the whole ------------------------------------------------------------------------------


def test_every_category_weighs_its_parts_to_exactly_100():
    for category, weights in WEIGHTS.items():
        assert sum(weights.values()) == 100, category


def test_the_weights_in_the_docs_are_the_weights_in_the_code():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "interview-feedback.md").read_text()
    header = next(line for line in doc.splitlines() if line.startswith("| Category |"))
    columns = [c.strip().strip("`") for c in header.strip("|").split("|")][1:]
    for category, weights in WEIGHTS.items():
        row = next(line for line in doc.splitlines() if f"(`{category}`)" in line)
        cells = [c.strip() for c in row.strip("|").split("|")][1:]
        documented = {k: int(v) for k, v in zip(columns, cells, strict=True) if v.isdigit()}
        assert documented == weights, category


def test_the_score_is_the_sum_of_its_parts():
    result = run(ORGANISED)
    assert result.score == round(sum(p.points for p in result.parts))
    assert result.to_dict()["score"] == result.score
    assert [p["key"] for p in result.to_dict()["parts"]] == list(WEIGHTS["product_sense"])


def test_suggestions_come_from_the_parts_that_lost_the_most():
    result = run("I'd build an app. It would be great.")
    assert 1 <= len(result.suggestions) <= 3
    losses = sorted(result.parts, key=lambda p: p.points - p.max)
    assert result.suggestions[0] == losses[0].tip


def test_a_strong_answer_still_gets_one_suggestion():
    assert len(run(ORGANISED * 6).suggestions) >= 1


def test_an_empty_answer_scores_zero_and_says_so():
    result = run("   \n\n  ")
    assert result.score == 0
    assert result.words == 0
    assert result.suggestions[0].startswith("Write an answer first")


def test_the_same_answer_always_gets_the_same_feedback():
    assert run(ORGANISED).to_dict() == run(ORGANISED).to_dict()


def test_the_explanations_are_one_line_each():
    for p in run(STAR, category="behavioural", steps=STORY).parts:
        assert "\n" not in p.explanation and p.explanation.endswith(".")


MARKDOWNISH = st.text(
    alphabet=st.sampled_from(list("abc XYZ 0123456789.,;:!?%$×*/=-+#|>`_[]()\n\t'\"é—€")),
    max_size=400,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answer=st.one_of(st.text(max_size=400), MARKDOWNISH),
    category=st.sampled_from([*WEIGHTS, "unknown"]),
    limit=st.one_of(st.none(), st.integers(min_value=1, max_value=3600)),
)
def test_the_engine_never_raises_and_the_score_stays_between_0_and_100(answer, category, limit):
    result = evaluate(AnswerInput("Q", category, answer, PRODUCT, "Fixture", limit))
    assert 0 <= result.score <= 100
    assert all(0 <= p.points <= p.max for p in result.parts)
    assert 1 <= len(result.suggestions) <= 3
    assert not any(re.search(r"\n", p.explanation) for p in result.parts)
