"""The page benchmark judges each page against DESIGN.md: p50 ≤ 25 ms and p99 ≤ 100 ms (the
same ratio for pages with a larger budget), or requests per second in throughput mode."""

from pmpath.bench.load import Result
from pmpath.bench.registry import Page


def result(p50: float, p99: float, **extra) -> Result:
    values = dict(
        name="page", path="/", requests=100, rps=50.0, p50_ms=p50, p95_ms=p99, p99_ms=p99,
        max_ms=p99, errors=0, status=200, sql=3, target_p99_ms=100.0, target_p50_ms=25.0,
    )  # fmt: skip
    return Result(**(values | extra))


def test_a_page_within_both_targets_passes():
    assert result(20, 90).ok


def test_a_slow_median_is_a_miss_even_with_a_fast_tail():
    assert result(30, 60).misses == ["p50"]


def test_a_slow_tail_is_a_miss_even_with_a_fast_median():
    assert result(10, 120).misses == ["p99"]


def test_errors_fail_a_page_whatever_its_speed():
    assert result(5, 9, errors=1).misses == ["errors"]


def test_throughput_mode_judges_requests_per_second_only():
    assert result(300, 900, target_rps=40.0, target_p50_ms=0.0).ok
    assert result(1, 2, target_rps=400.0, target_p50_ms=0.0).misses == ["req/s"]


def test_an_ordinary_page_is_held_to_25_ms_at_the_median():
    assert Page("page", "x", lambda user: "/").target_p50_ms == 25


def test_a_download_with_a_budget_of_its_own_is_judged_on_that_budget_alone():
    page = Page("export", "x", lambda user: "/", target_p99_ms=1000)
    assert page.target_p50_ms == 0
    assert result(600, 900, target_p99_ms=1000.0, target_p50_ms=page.target_p50_ms).ok
