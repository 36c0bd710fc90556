"""The funnel engine over the heavy user's size: 10,000 applications, about 20,000 moves."""

import random

from bench.conftest import p95
from pmpath.jobs.funnel import DAY, Journey, Move, StageInfo, compute

STAGES = [
    StageInfo(1, "Saved", "open"),
    StageInfo(2, "Applied", "open"),
    StageInfo(3, "Screening", "open"),
    StageInfo(4, "Interviewing", "open"),
    StageInfo(5, "Offer", "open"),
    StageInfo(6, "Accepted", "won"),
    StageInfo(7, "Rejected", "lost"),
    StageInfo(8, "Withdrawn", "lost"),
]
SOURCES = ["LinkedIn", "Referral", "Company site", "Recruiter", ""]


def heavy_journeys(count: int = 10_000) -> list[Journey]:
    rng = random.Random(42)
    journeys = []
    for pk in range(count):
        reached = min(5, int(rng.expovariate(0.6)))
        path = [1, 2, 3, 4, 5, 6][: reached + 1]
        if rng.random() < 0.1:
            path.append(rng.choice([7, 8]))
        start = rng.randrange(0, 300) * DAY
        moves = [Move(stage, start + 4 * DAY * i) for i, stage in enumerate(path)]
        journeys.append(Journey(pk, moves, path[-1], rng.choice(SOURCES), reached > 0))
    return journeys


def test_bench_funnel_engine_for_the_heavy_user(benchmark):
    journeys = heavy_journeys()
    assert 15_000 < sum(len(j.moves) for j in journeys) < 25_000
    funnel = benchmark(compute, STAGES, journeys, rejection_stage_ids=[7])
    assert funnel.applications == 10_000
    assert p95(benchmark) < 0.050  # the Jobs overview's whole budget is 100 ms
