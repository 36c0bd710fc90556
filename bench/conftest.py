"""Engine benchmarks (pytest-benchmark). Each asserts its DESIGN.md target on the p95 of its
own rounds; run with `make bench` (which also runs the page benchmark)."""

from typing import Any

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    from pmpath.core.knowledge import run_seeds

    with django_db_blocker.unblock():
        run_seeds(force=True)


def p95(benchmark: Any) -> float:
    data = sorted(benchmark.stats.stats.data)
    return data[min(len(data) - 1, int(len(data) * 0.95))]
