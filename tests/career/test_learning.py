"""The learning plan's proposal engine (pure: no database)."""

from pmpath.career.learning import Item, Need, level_distance, propose

ORDER = ["apm", "pm", "senior_pm", "lead_pm", "director"]


def need(skill="strategic_thinking", level="senior_pm", **extra):
    names = {"strategic_thinking": "Strategic thinking", "leadership": "Leadership"}
    return Need(skill, names.get(skill, skill), level, "Senior PM", "assessment", **extra)


def item(pk, name, kind="book", levels=("senior_pm",), skills=("strategic_thinking",), own=False):
    return Item(pk, name, "", kind, tuple(levels), tuple(skills), own=own)


def ids(plans):
    return [[p.item.id for p in np.proposals] for np in plans]


def test_it_proposes_resources_that_teach_the_skill_at_the_level():
    items = [
        item(1, "For senior PMs"),
        item(2, "Wrong skill", skills=("leadership",)),
        item(3, "For directors only", levels=("director",)),
        item(4, "For APMs only", levels=("apm",)),
    ]
    [plan] = propose([need()], items, enrolled={}, level_order=ORDER)
    assert [p.item.name for p in plan.proposals] == ["For senior PMs"]
    assert plan.proposals[0].reason == "For your gap in strategic thinking at Senior PM"
    assert plan.proposals[0].level_fit == "made for this level"


def test_a_made_for_the_level_resource_beats_a_neighbouring_one_and_a_main_skill_a_side_one():
    items = [
        item(1, "A neighbour", levels=("lead_pm",)),
        item(2, "Side skill", skills=("leadership", "strategic_thinking")),
        item(3, "Main skill", kind="course"),
        item(4, "Any level", kind="podcast", levels=()),
    ]
    [plan] = propose([need()], items, enrolled={}, level_order=ORDER, per_need=4)
    assert [p.item.id for p in plan.proposals] == [3, 2, 1, 4]
    assert [p.level_fit for p in plan.proposals][2:] == [
        "pitched at a neighbouring level",
        "suits any level",
    ]


def test_the_first_picks_are_of_different_kinds_and_books_come_before_podcasts():
    items = [item(i, f"Book {i}") for i in range(1, 5)]
    items += [item(10, "A podcast", kind="podcast"), item(11, "A course", kind="course")]
    [plan] = propose([need()], items, enrolled={}, level_order=ORDER)
    assert [p.item.id for p in plan.proposals] == [1, 11, 10]


def test_my_own_resources_come_first_when_otherwise_equal():
    items = [item(1, "A shipped book"), item(2, "Zed, my own book", own=True)]
    [plan] = propose([need()], items, enrolled={}, level_order=ORDER, per_need=1)
    assert ids([plan]) == [[2]]


def test_enrolled_resources_are_not_proposed_but_are_noted_as_on_the_plan():
    items = [item(1, "Already doing"), item(2, "Dropped it"), item(3, "New")]
    [plan] = propose([need()], items, enrolled={1: "active", 2: "dropped"}, level_order=ORDER)
    assert ids([plan]) == [[3]]
    assert plan.on_plan == (1,)


def test_no_resource_is_proposed_for_two_gaps():
    both = item(1, "Both", skills=("strategic_thinking", "leadership"))
    plans = propose(
        [need(), need("leadership")],
        [both, item(2, "Leadership", skills=("leadership",))],
        enrolled={},
        level_order=ORDER,
    )
    assert ids(plans) == [[1], [2]]


def test_a_gap_with_nothing_to_offer_has_no_proposals():
    [plan] = propose([need("leadership")], [item(1, "Strategy")], enrolled={}, level_order=ORDER)
    assert plan.proposals == ()


def test_level_distance_reads_the_ladder_order():
    senior = item(1, "x", levels=("senior_pm",))
    assert [level_distance(senior, lv, ORDER) for lv in ORDER] == [None, 1, 0, 1, None]
    assert level_distance(item(2, "x", levels=()), "director", ORDER) == 1
