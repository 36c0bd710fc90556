"""Boards by name and job pages by address, downloaded through recorded answers."""

import httpx
import pytest

from pmpath.jobs import boards_service, fetching, imports
from pmpath.jobs.boards_service import BoardError, download_board, import_board, parse_spec
from pmpath.jobs.models import Company, Posting
from pmpath.jobs.services import JobsError
from tests.jobs.boardfakes import (
    fixture_answer,
    greenhouse_jobs,
    greenhouse_url,
    json_answer,
    replay,
)
from tests.jobs.importers import fixture_bytes

BOARDS = {
    "greenhouse": (
        "northwindanalytics",
        "https://boards-api.greenhouse.io/v1/boards/northwindanalytics/jobs?content=true",
        "greenhouse.json",
        5,
    ),
    "lever": ("ledgerly", "https://api.lever.co/v0/postings/ledgerly?mode=json", "lever.json", 3),
    "ashby": (
        "orbitai",
        "https://api.ashbyhq.com/posting-api/job-board/orbitai?includeCompensation=true",
        "ashby.json",
        3,
    ),
    "workable": (
        "tidewater",
        "https://apply.workable.com/api/v1/widget/accounts/tidewater",
        "workable.json",
        3,
    ),
}
SR = "https://api.smartrecruiters.com/v1/companies/KestrelMobility/postings?offset={}&limit=100"


@pytest.mark.parametrize("kind", list(BOARDS))
def test_it_downloads_and_reads_each_kind_of_board(kind):
    name, url, fixture, count = BOARDS[kind]
    with replay({url: fixture_answer(fixture)}) as recorder:
        download = download_board(kind, name)
    assert recorder.urls == [url]
    assert recorder.requests[0].headers["Accept"] == "application/json"
    assert len(download.result.postings) == count
    assert {p.source for p in download.result.postings} == {kind}


def test_smartrecruiters_is_paged_until_total_found():
    answers = {
        SR.format(0): fixture_answer("smartrecruiters_page1.json"),
        SR.format(3): fixture_answer("smartrecruiters_page2.json"),
    }
    with replay(answers) as recorder:
        result = download_board("smartrecruiters", "KestrelMobility").result
    assert recorder.urls == [SR.format(0), SR.format(3)]
    assert len(result.postings) == 4  # the job on both pages is kept once


def test_smartrecruiters_paging_stops_at_the_page_limit(monkeypatch):
    monkeypatch.setattr(boards_service, "MAX_PAGES", 2)

    def endless(request):
        offset = int(request.url.params["offset"])
        job = {"id": str(offset), "name": f"Product Manager {offset}"}
        return json_answer({"offset": offset, "totalFound": 10_000, "content": [job]})

    answers = {SR.format(n): endless for n in range(3)}
    with replay(answers) as recorder:
        result = download_board("smartrecruiters", "KestrelMobility").result
    assert len(recorder.urls) == 2 and len(result.postings) == 2
    assert "only the first were read" in result.problems[-1].message


def test_it_sends_validators_and_reads_not_modified():
    def answer(request):
        assert request.headers["If-None-Match"] == '"v1"'
        assert request.headers["If-Modified-Since"] == "Mon, 02 Nov 2026 10:00:00 GMT"
        return httpx.Response(304, headers={"ETag": '"v1"'})

    with replay({greenhouse_url("acme"): answer}):
        download = download_board(
            "greenhouse", "acme", etag='"v1"', last_modified="Mon, 02 Nov 2026 10:00:00 GMT"
        )
    assert download.not_modified and download.etag == '"v1"'
    assert download.last_modified == "Mon, 02 Nov 2026 10:00:00 GMT"


def test_it_keeps_the_validators_a_board_sends():
    answer = json_answer(greenhouse_jobs("Product Manager"), ETag='"abc"')
    with replay({greenhouse_url("acme"): answer}):
        download = download_board("greenhouse", "acme")
    assert download.etag == '"abc"' and not download.not_modified


def test_an_unknown_board_name_is_one_clear_message():
    answer = httpx.Response(404, json={"status": 404, "error": "Job board not found"})
    with replay({greenhouse_url("nosuchco"): answer}), pytest.raises(BoardError) as caught:
        download_board("greenhouse", "nosuchco")
    assert str(caught.value) == (
        "greenhouse:nosuchco: there is no such board. Check the name: it is the NAME in "
        "boards.greenhouse.io/NAME."
    )


def test_a_board_that_does_not_answer_in_time_is_one_clear_message():
    def slow(request):
        raise httpx.ReadTimeout("timed out", request=request)

    with replay({greenhouse_url("acme"): slow}) as recorder, pytest.raises(BoardError) as caught:
        download_board("greenhouse", "acme")
    assert "did not answer in time" in str(caught.value)
    assert len(recorder.requests) == 3  # retried twice with back-off first


def test_an_oversized_board_is_refused(monkeypatch):
    monkeypatch.setattr(fetching, "BOARD_MAX_BYTES", 1024)
    big = json_answer({"jobs": [{"title": "x" * 4000}]})
    with replay({greenhouse_url("acme"): big}), pytest.raises(BoardError) as caught:
        download_board("greenhouse", "acme")
    assert str(caught.value) == (
        "greenhouse:acme: the board's answer is over the 1 KB limit, so it was not read."
    )


def test_a_board_host_resolving_to_a_private_address_is_refused():
    with (
        replay({}, resolve=lambda host, port: ["127.0.0.1"]) as recorder,
        pytest.raises(BoardError, match="refused"),
    ):
        download_board("greenhouse", "acme")
    assert recorder.requests == []


def test_an_answer_that_is_not_json_is_one_clear_message():
    page = httpx.Response(200, text="<html>Sign in</html>", headers={"Content-Type": "text/html"})
    with replay({greenhouse_url("acme"): page}), pytest.raises(BoardError) as caught:
        download_board("greenhouse", "acme")
    assert (
        str(caught.value) == "greenhouse:acme: the board answered with text/html content, not JSON."
    )


@pytest.mark.parametrize(
    "spec, expected",
    [
        ("greenhouse:acme", ("greenhouse", "acme")),
        (" Lever:ledgerly ", ("lever", "ledgerly")),
        ("https://boards.greenhouse.io/acme", ("greenhouse", "acme")),
        ("https://jobs.lever.co/ledgerly/5d1c", ("lever", "ledgerly")),
        ("https://jobs.ashbyhq.com/orbitai", ("ashby", "orbitai")),
        ("https://apply.workable.com/tidewater/", ("workable", "tidewater")),
        (
            "https://jobs.smartrecruiters.com/KestrelMobility",
            ("smartrecruiters", "KestrelMobility"),
        ),
    ],
)
def test_a_board_is_named_by_kind_and_name_or_by_its_address(spec, expected):
    assert parse_spec(spec) == expected


@pytest.mark.parametrize(
    "spec, words",
    [
        ("acme", "KIND:NAME"),
        ("monster:acme", "Unknown job board"),
        ("greenhouse:../admin", "not valid"),
        ("https://example.com/jobs", "not a board address"),
    ],
)
def test_a_badly_named_board_says_what_to_write(spec, words):
    with pytest.raises(BoardError, match=words):
        parse_spec(spec)


def test_importing_a_board_stores_its_jobs_once(alice):
    url = BOARDS["greenhouse"][1]
    with replay({url: fixture_answer("greenhouse.json")}):
        first = import_board(alice, "greenhouse", "northwindanalytics")
        again = import_board(alice, "greenhouse", "northwindanalytics")
    assert len(first.saved.created) == 5
    assert again.saved.created == [] and len(again.saved.unchanged) == 5
    assert Posting.objects.filter(user=alice).count() == 5
    assert first.headline.startswith("Imported from greenhouse:northwindanalytics: 5 new")


def test_a_board_import_can_name_the_company(alice):
    name, url, fixture, _ = BOARDS["lever"]
    with replay({url: fixture_answer(fixture)}):
        import_board(alice, "lever", name, company="Ledgerly Ltd")
    assert list(Company.objects.filter(user=alice).values_list("name", flat=True)) == [
        "Ledgerly Ltd"
    ]


def test_an_empty_board_says_so(alice):
    with replay({greenhouse_url("quietco"): json_answer({"jobs": []})}):
        outcome = import_board(alice, "greenhouse", "quietco")
    assert outcome.postings == []
    assert "lists no open jobs" in outcome.problems[0].message


def test_it_imports_a_job_page_by_its_address(alice):
    url = "https://careers.example.test/jobs/42"
    page = httpx.Response(
        200, content=fixture_bytes("jsonld.html"), headers={"Content-Type": "text/html"}
    )
    with replay({url: page}):
        outcome = imports.import_url(alice, url)
    assert len(outcome.postings) == 1 and outcome.postings[0].user == alice


def test_a_page_without_markup_reports_the_missing_google_properties(alice):
    url = "https://careers.example.test/jobs/plain"
    page = httpx.Response(200, content=fixture_bytes("no_markup.html"))
    with replay({url: page}):
        outcome = imports.import_url(alice, url)
    assert "title" in outcome.missing and "datePosted" in outcome.missing
    assert outcome.postings[0].source_url == url


def test_a_private_job_page_address_is_refused_unless_allowed(alice, settings):
    url = "http://intranet.test/jobs/1"
    with replay({url: httpx.Response(200, content=fixture_bytes("jsonld.html"))}) as recorder:
        with pytest.raises(JobsError, match="refused"):
            imports.import_url(alice, url)
        assert recorder.requests == []
        settings.FETCH_ALLOW_HOSTS = ["intranet.test"]
        assert len(imports.import_url(alice, url).postings) == 1


def test_a_missing_job_page_is_one_clear_message(alice):
    url = "https://careers.example.test/gone"
    with replay({url: httpx.Response(404)}), pytest.raises(JobsError) as caught:
        imports.import_url(alice, url)
    assert str(caught.value) == f"url: {url}: the server answered HTTP 404"
