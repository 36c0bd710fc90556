"""The knowledge base: parsing the shipped files and reading the ladder."""

import pytest

from bench.conftest import p95
from pmpath.career import knowledge as kn
from pmpath.core.knowledge import read_yaml


def test_bench_parse_and_validate_the_ladder(benchmark):
    benchmark(read_yaml, kn.DATA / "ladder.yaml", kn.Ladder)
    assert p95(benchmark) < 0.100  # every `pmpath setup` checks it


@pytest.mark.django_db
def test_bench_read_the_whole_ladder(benchmark):
    from pmpath.career.queries import ladder

    result = benchmark(ladder)
    assert len(result["levels"]) == 5
    assert p95(benchmark) < 0.010  # read on the dashboard and career pages
