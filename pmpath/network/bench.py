"""The network area's pages for the page benchmark (pmpath.bench.registry)."""

from pmpath.bench.registry import Page, page

page(Page("network: overview", "network:index", lambda u: "/network/"))
