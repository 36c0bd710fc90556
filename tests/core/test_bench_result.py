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


def mix(rps: float, errors: int = 0) -> dict:
    from pmpath.bench.load import mix_summary

    report = dict(requests=int(rps * 20), duration_us=20_000_000, socket_errors=0,
                  http_errors=errors, p50_us=20_000, p95_us=40_000, p99_us=60_000,
                  max_us=90_000)  # fmt: skip
    return mix_summary(report, pages=150, target_rps=400)


def test_in_throughput_mode_the_mix_is_judged_and_a_page_alone_is_shown():
    from pmpath.bench.load import passed

    slow_alone = result(30, 60, rps=150.0, target_rps=400.0)
    assert slow_alone.misses == ["req/s"]
    assert passed([slow_alone], mix(450))
    assert not passed([slow_alone], mix(390))
    assert not passed([slow_alone], mix(450, errors=3))
    assert not passed([result(5, 9, rps=900.0, target_rps=400.0, status=500)], mix(450))
    assert not passed([slow_alone], None)  # no mix: every page on its own


def test_the_mix_takes_signed_in_pages_and_api_reads_but_not_public_pages_or_downloads():
    from pmpath.bench.load import in_mix

    def page(**extra) -> Page:
        return Page(name="p", url_name="x", path=lambda user: "/", **extra)

    assert in_mix(page(), 200)
    assert in_mix(page(auth="token"), 200)
    assert not in_mix(page(auth="none"), 200)
    assert not in_mix(page(target_p99_ms=3000), 200)
    assert not in_mix(page(), 404)


def test_a_slower_page_is_loaded_longer_so_its_p99_rests_on_about_as_many_requests():
    from pmpath.bench.load import seconds_for

    assert seconds_for(0.004, samples=100, connections=1, download=False) == 1
    assert seconds_for(0.015, samples=100, connections=1, download=False) == 2
    assert seconds_for(0.028, samples=100, connections=1, download=False) == 3
    assert seconds_for(0.5, samples=100, connections=1, download=False) == 3  # at most 3 s
    assert seconds_for(0.028, samples=100, connections=16, download=False) == 1
    assert seconds_for(0.2, samples=100, connections=1, download=True) == 1
    assert seconds_for(0.9, samples=100, connections=1, download=True) == 3
    assert seconds_for(8.0, samples=100, connections=1, download=True) == 10


def test_a_page_with_no_answer_in_its_time_is_a_miss_not_a_pass():
    assert result(0, 0, requests=0).misses == ["no answer"]
