"""Company job boards by name ("greenhouse:acme"): download through the SSRF-guarded fetch,
read with the pure parsers in importers/boards.py, store through imports (dedupe and
classification happen there). Every failure becomes one BoardError sentence naming the
board and what to do about it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from pmpath.core.fetch import Fetched, FetchError
from pmpath.jobs import fetching, imports
from pmpath.jobs.importers.base import ImportResult, Problem
from pmpath.jobs.importers.boards import (
    BOARD_URLS,
    board_url,
    parse_ashby,
    parse_greenhouse,
    parse_lever,
    parse_smartrecruiters,
    parse_workable,
    smartrecruiters_next_offset,
)
from pmpath.jobs.services import JobsError

PARSERS: dict[str, Callable[[Any, str], ImportResult]] = {
    "greenhouse": parse_greenhouse,
    "lever": parse_lever,
    "ashby": parse_ashby,
    "smartrecruiters": parse_smartrecruiters,
    "workable": parse_workable,
}
# Where a person sees each board, so "the name" can be explained by the address they know.
BOARD_HOMES = {
    "greenhouse": "boards.greenhouse.io/NAME",
    "lever": "jobs.lever.co/NAME",
    "ashby": "jobs.ashbyhq.com/NAME",
    "smartrecruiters": "jobs.smartrecruiters.com/NAME",
    "workable": "apply.workable.com/NAME",
}
_HOSTS = {
    "boards.greenhouse.io": "greenhouse",
    "job-boards.greenhouse.io": "greenhouse",
    "job-boards.eu.greenhouse.io": "greenhouse",
    "jobs.lever.co": "lever",
    "jobs.eu.lever.co": "lever",
    "jobs.ashbyhq.com": "ashby",
    "jobs.smartrecruiters.com": "smartrecruiters",
    "careers.smartrecruiters.com": "smartrecruiters",
    "apply.workable.com": "workable",
}
# SmartRecruiters pages 100 jobs at a time; 50 pages is far beyond any real board.
MAX_PAGES = 50


class BoardError(JobsError):
    """A board could not be read; the message names it and says why."""


@dataclass
class Download:
    result: ImportResult | None  # None when the board answered 304 Not Modified
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.result is None


def parse_spec(spec: str) -> tuple[str, str]:
    """("greenhouse", "acme") from "greenhouse:acme" or from the board's own address."""
    spec = (spec or "").strip()
    if spec.lower().startswith(("http://", "https://")):
        parts = urlsplit(spec)
        kind = _HOSTS.get((parts.hostname or "").lower())
        segment = next((s for s in parts.path.split("/") if s), "")
        if kind is None or not segment:
            raise BoardError(
                f"{spec}: not a board address pmpath knows; write KIND:NAME, e.g. greenhouse:acme"
            )
        return check(kind, segment)
    kind, colon, name = spec.partition(":")
    if not colon:
        known = ", ".join(BOARD_URLS)
        raise BoardError(f"{spec!r}: write the board as KIND:NAME, with KIND one of {known}")
    return check(kind.strip().lower(), name.strip())


def check(kind: str, name: str) -> tuple[str, str]:
    try:
        board_url(kind, name)
    except ValueError as exc:
        raise BoardError(str(exc)) from None
    return kind, name


def download_board(kind: str, name: str, *, etag: str = "", last_modified: str = "") -> Download:
    """The board's postings, parsed. With validators from an earlier download, asks the
    board for changes only, and answers Download(result=None) when there are none."""
    kind, name = check(kind, name)
    if kind == "smartrecruiters":
        return Download(_smartrecruiters(name))  # paged: one page's validators say little
    got = _get(kind, name, board_url(kind, name), etag=etag, last_modified=last_modified)
    if got.not_modified:
        return Download(None, got.etag or etag, got.last_modified or last_modified)
    result = PARSERS[kind](_json(kind, name, got), name)
    return Download(result, got.etag, got.last_modified)


def _smartrecruiters(name: str) -> ImportResult:
    pages: list[Any] = []
    offset: int | None = 0
    while offset is not None and len(pages) < MAX_PAGES:
        url = board_url("smartrecruiters", name, offset=offset)
        page = _json("smartrecruiters", name, _get("smartrecruiters", name, url))
        pages.append(page)
        offset = smartrecruiters_next_offset(page)
    result = parse_smartrecruiters(pages, name)
    if offset is not None:
        message = f"The board has more than {MAX_PAGES * 100} jobs; only the first were read."
        result.problems.append(Problem("board", "", message))
    return result


def _get(kind: str, name: str, url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
    try:
        return fetching.get(
            url,
            max_bytes=fetching.BOARD_MAX_BYTES,
            etag=etag,
            last_modified=last_modified,
            accept="application/json",
        )
    except FetchError as exc:
        raise BoardError(explain(kind, name, exc)) from None


def explain(kind: str, name: str, exc: FetchError) -> str:
    board = f"{kind}:{name}"
    if exc.reason == "status" and exc.status in (404, 410):
        return (
            f"{board}: there is no such board. Check the name: it is the NAME in "
            f"{BOARD_HOMES[kind]}."
        )
    if exc.reason == "status":
        return f"{board}: the board answered HTTP {exc.status}; try again later."
    if exc.reason == "timeout":
        return f"{board}: the board did not answer in time; try again later."
    if exc.reason == "too_large":
        limit = fetching.BOARD_MAX_BYTES
        size = f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 1024} KB"
        return f"{board}: the board's answer is over the {size} limit, so it was not read."
    return f"{board}: {exc}"


def _json(kind: str, name: str, got: Fetched) -> Any:
    try:
        return json.loads(got.content)
    except ValueError:
        kind_of = re.split(r"[;\s]", got.headers.get("content-type", "unknown"))[0]
        raise BoardError(
            f"{kind}:{name}: the board answered with {kind_of or 'unknown'} content, not JSON."
        ) from None


def import_board(
    user: Any,
    kind: str,
    name: str,
    *,
    company: str = "",
    progress: imports.Progress | None = None,
) -> imports.Outcome:
    """Every job on the board, stored (all or nothing). `company` names the employer when
    the board itself gives only its token (Lever, Ashby)."""
    # No validators are sent, so the board answers in full (never 304).
    result = download_board(kind, name).result or ImportResult(postings=[], problems=[])
    if company.strip():
        for posting in result.postings:
            posting.company = company.strip()
    if not result.postings and not result.problems:
        message = "The board lists no open jobs right now; if you expected some, check the name."
        result.problems.append(Problem("board", "", message))
    return imports.import_postings(user, f"{kind}:{name}", result, progress=progress)
