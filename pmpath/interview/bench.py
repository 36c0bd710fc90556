"""The interview area's pages for the page benchmark (pmpath.bench.registry)."""

from pmpath.bench.registry import Page, page

page(Page("interview: overview", "interview:index", lambda u: "/interview/"))
