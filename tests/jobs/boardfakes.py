"""Recorded board and page answers, replayed through httpx.MockTransport: the jobs tests
never reach a real server or DNS."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from pmpath.jobs import fetching
from tests.jobs.importers import fixture_bytes

PUBLIC_HOSTS = {
    "boards-api.greenhouse.io",
    "api.lever.co",
    "api.ashbyhq.com",
    "api.smartrecruiters.com",
    "apply.workable.com",
    "careers.example.test",
}
PRIVATE_HOSTS = {"intranet.test": "10.0.0.8"}

Answer = httpx.Response | Callable[[httpx.Request], httpx.Response]


def resolver(host: str, port: int) -> list[str]:
    if host in PRIVATE_HOSTS:
        return [PRIVATE_HOSTS[host]]
    assert host in PUBLIC_HOSTS, f"unexpected host {host}"
    return ["93.184.216.34"]


class Recorder:
    """Answers by exact URL and keeps every request, so tests can see what was asked."""

    def __init__(self, answers: dict[str, Answer]) -> None:
        self.answers = answers
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = str(request.url)
        assert url in self.answers, f"no recorded answer for {url}"
        answer = self.answers[url]
        return answer(request) if callable(answer) else answer

    @property
    def urls(self) -> list[str]:
        return [str(r.url) for r in self.requests]


@contextmanager
def replay(
    answers: dict[str, Answer], *, resolve: Callable[[str, int], list[str]] = resolver
) -> Iterator[Recorder]:
    recorder = Recorder(answers)
    with fetching.replaying(httpx.MockTransport(recorder), resolver=resolve):
        yield recorder


def json_answer(data: Any, **headers: str) -> httpx.Response:
    return httpx.Response(
        200,
        content=json.dumps(data).encode(),
        headers={"Content-Type": "application/json", **headers},
    )


def fixture_answer(name: str, **headers: str) -> httpx.Response:
    return httpx.Response(
        200, content=fixture_bytes(name), headers={"Content-Type": "application/json", **headers}
    )


def greenhouse_url(name: str) -> str:
    return f"https://boards-api.greenhouse.io/v1/boards/{name}/jobs?content=true"


def greenhouse_jobs(*titles: str, start: int = 7000) -> dict[str, Any]:
    """A small Greenhouse payload with these titles (ids from `start`)."""
    return {
        "jobs": [
            {
                "id": start + n,
                "title": title,
                "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{start + n}",
                "location": {"name": "Dublin"},
                "updated_at": "2026-11-02T10:00:00Z",
                "content": "&lt;p&gt;Own the roadmap with customers.&lt;/p&gt;",
            }
            for n, title in enumerate(titles)
        ]
    }
