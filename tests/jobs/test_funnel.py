"""The funnel engine: plain stages and journeys in, counts, conversions, days and response
rates out."""

from hypothesis import given
from hypothesis import strategies as st

from pmpath.jobs.funnel import DAY, NO_SOURCE, Journey, Move, StageInfo, compute

SAVED, APPLIED, SCREEN, INTERVIEW, OFFER, ACCEPTED, REJECTED, WITHDRAWN = range(1, 9)
STAGES = [
    StageInfo(SAVED, "Saved", "open"),
    StageInfo(APPLIED, "Applied", "open"),
    StageInfo(SCREEN, "Screening", "open"),
    StageInfo(INTERVIEW, "Interviewing", "open"),
    StageInfo(OFFER, "Offer", "open"),
    StageInfo(ACCEPTED, "Accepted", "won"),
    StageInfo(REJECTED, "Rejected", "lost"),
    StageInfo(WITHDRAWN, "Withdrawn", "lost"),
]


def journey(pk, *steps, source="", applied=False):
    """steps: (stage, day) pairs in time order."""
    moves = [Move(stage, day * DAY) for stage, day in steps]
    return Journey(pk, moves, moves[-1].stage_id if moves else SAVED, source, applied)


def run(*journeys):
    return compute(STAGES, journeys, rejection_stage_ids=[REJECTED])


def row(funnel, stage_id):
    return next(r for r in funnel.stages if r.stage.id == stage_id)


def test_it_counts_a_stage_as_reached_when_an_application_went_there_or_further():
    funnel = run(
        journey(1, (SAVED, 0), (APPLIED, 1), (INTERVIEW, 5)),  # skipped Screening
        journey(2, (SAVED, 0), (APPLIED, 2)),
        journey(3, (SAVED, 0)),
    )
    assert [row(funnel, s).reached for s in (SAVED, APPLIED, SCREEN, INTERVIEW, OFFER)] == [
        3,
        2,
        1,
        1,
        0,
    ]
    assert row(funnel, SAVED).now == 1 and row(funnel, INTERVIEW).now == 1


def test_it_keeps_what_was_reached_when_an_application_moves_back():
    funnel = run(journey(1, (SAVED, 0), (APPLIED, 1), (INTERVIEW, 3), (APPLIED, 4)))
    assert row(funnel, INTERVIEW).reached == 1
    assert row(funnel, APPLIED).now == 1


def test_it_converts_each_stage_to_the_next_open_one():
    funnel = run(
        journey(1, (SAVED, 0), (APPLIED, 1), (SCREEN, 4)),
        journey(2, (SAVED, 0), (APPLIED, 1)),
        journey(3, (SAVED, 0), (APPLIED, 1)),
        journey(4, (SAVED, 0), (APPLIED, 1), (SCREEN, 3), (REJECTED, 9)),
    )
    applied = row(funnel, APPLIED)
    assert applied.next_stage.name == "Screening"
    assert applied.conversion == 0.5
    assert row(funnel, INTERVIEW).conversion is None  # nothing reached it
    assert row(funnel, OFFER).next_stage.name == "Accepted"
    assert row(funnel, ACCEPTED).next_stage is None and row(funnel, ACCEPTED).conversion is None


def test_closed_stages_are_off_the_path_and_count_applications_that_entered_them():
    funnel = run(
        journey(1, (SAVED, 0), (APPLIED, 1), (REJECTED, 3), (APPLIED, 4), (REJECTED, 8)),
        journey(2, (SAVED, 0), (WITHDRAWN, 1)),
    )
    rejected = row(funnel, REJECTED)
    assert rejected.on_path is False and rejected.reached == 1 and rejected.conversion is None
    assert row(funnel, WITHDRAWN).reached == 1
    assert row(funnel, SAVED).conversion == 0.5


def test_median_days_counts_only_stays_that_ended():
    funnel = run(
        journey(1, (SAVED, 0), (APPLIED, 2), (SCREEN, 12)),
        journey(2, (SAVED, 0), (APPLIED, 1), (SCREEN, 5)),
        journey(3, (SAVED, 0), (APPLIED, 1), (REJECTED, 31)),
        journey(4, (SAVED, 0), (APPLIED, 3)),  # still waiting: not counted for Applied
    )
    applied = row(funnel, APPLIED)
    assert applied.stays == 3
    assert applied.median_days == 10.0
    assert row(funnel, SCREEN).median_days is None  # nobody has left Screening
    assert row(funnel, REJECTED).median_days is None


def test_several_stays_in_one_stage_add_up_for_the_application():
    funnel = run(journey(1, (SAVED, 0), (APPLIED, 1), (SCREEN, 3), (APPLIED, 4), (SCREEN, 10)))
    assert row(funnel, APPLIED).median_days == 8.0
    assert row(funnel, APPLIED).stays == 1


def test_a_response_is_reaching_screening_or_a_rejection_after_applying():
    funnel = run(
        journey(1, (SAVED, 0), (APPLIED, 1), (SCREEN, 4), source="Referral"),
        journey(2, (SAVED, 0), (APPLIED, 1), (REJECTED, 9), source="LinkedIn"),
        journey(3, (SAVED, 0), (APPLIED, 1), (WITHDRAWN, 9), source="linkedin "),
        journey(4, (SAVED, 0), (APPLIED, 1), source="LinkedIn"),
        journey(5, (SAVED, 0), source="LinkedIn"),  # never sent: not counted
        journey(6, (SAVED, 0), (REJECTED, 2), applied=True),  # applied date, then a no
    )
    assert (funnel.sent, funnel.responded) == (5, 3)
    assert funnel.response_rate == 0.6
    by_source = {s.source: (s.sent, s.responded) for s in funnel.sources}
    assert by_source == {"LinkedIn": (3, 1), "Referral": (1, 1), NO_SOURCE: (1, 1)}
    assert funnel.sources[0].source == "LinkedIn"  # most sent first
    assert funnel.applied_stage.name == "Applied" and funnel.response_stage.name == "Screening"
    assert [s.name for s in funnel.rejection_stages] == ["Rejected"]


def test_an_application_without_moves_counts_in_its_current_stage():
    funnel = run(Journey(1, [], INTERVIEW, "", True))
    assert row(funnel, APPLIED).reached == 1 and row(funnel, INTERVIEW).now == 1
    assert funnel.responded == 1


def test_moves_into_unknown_stages_are_ignored():
    funnel = run(journey(1, (SAVED, 0), (99, 1), (APPLIED, 3)))
    assert row(funnel, APPLIED).reached == 1
    assert row(funnel, SAVED).median_days == 3.0


def test_an_empty_search_has_no_rates():
    funnel = run()
    assert funnel.applications == 0 and funnel.response_rate is None
    assert all(r.reached == 0 and r.conversion is None for r in funnel.stages)
    assert funnel.sources == []


def test_a_pipeline_of_one_stage_still_answers():
    funnel = compute([StageInfo(1, "Tracking", "open")], [Journey(1, [Move(1, 0.0)], 1)])
    assert funnel.stages[0].reached == 1 and funnel.stages[0].conversion is None
    assert funnel.response_stage is None and funnel.sent == 1 and funnel.responded == 0


stage_ids = st.sampled_from([s.id for s in STAGES] + [99])
journeys = st.lists(
    st.builds(
        lambda pk, steps, current, source, applied: Journey(
            pk,
            [Move(stage, at) for stage, at in sorted(steps, key=lambda s: s[1])],
            current,
            source,
            applied,
        ),
        st.integers(1, 10_000),
        st.lists(st.tuples(stage_ids, st.floats(0, 1e9)), max_size=8),
        stage_ids,
        st.sampled_from(["", "LinkedIn", "linkedin", "Referral", " Referral "]),
        st.booleans(),
    ),
    max_size=40,
)
outcomes = st.lists(st.sampled_from(["open", "won", "lost"]), min_size=1, max_size=8)


@given(journeys, outcomes)
def test_rates_stay_between_0_and_1_and_counts_never_grow_along_the_path(journeys, kinds):
    stages = [StageInfo(i + 1, f"S{i}", kind) for i, kind in enumerate(kinds)]
    lost = [s.id for s in stages if s.outcome == "lost"][:1]
    funnel = compute(stages, journeys, rejection_stage_ids=lost)
    path = [r for r in funnel.stages if r.on_path]
    path.sort(key=lambda r: (r.stage.outcome != "open", stages.index(r.stage)))
    counts = [r.reached for r in path]
    assert counts == sorted(counts, reverse=True)
    assert all(0 <= r.reached <= len(journeys) for r in funnel.stages)
    assert sum(r.now for r in funnel.stages) <= len(journeys)
    for r in funnel.stages:
        assert r.conversion is None or 0 <= r.conversion <= 1
        assert r.median_days is None or r.median_days >= 0
    for s in funnel.sources:
        assert 0 <= s.rate <= 1 and s.responded <= s.sent
    assert funnel.responded <= funnel.sent <= funnel.applications == len(journeys)
    assert sum(s.sent for s in funnel.sources) == funnel.sent
