"""The portfolio's pages for the page benchmark (pmpath.bench.registry)."""

from pmpath.bench.registry import Page, page

page(Page("portfolio: overview", "portfolio:index", lambda u: "/portfolio/"))
