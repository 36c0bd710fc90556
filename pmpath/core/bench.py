"""The shell's pages, for the page benchmark (pmpath.bench.registry)."""

from pmpath.bench.registry import Page, not_pages, page

page(Page("dashboard", "core:home", lambda u: "/"))
for _key in ():  # areas still shown as a guidance page (core.views.AREAS)
    page(Page(f"area: {_key}", f"core:{_key}", lambda u, k=_key: f"/{k}/"))
page(Page("patterns", "core:patterns", lambda u: "/-/patterns", auth="none"))
page(Page("health", "core:health", lambda u: "/-/health", auth="none"))
page(Page("welcome (anonymous)", "core:home", lambda u: "/", auth="none"))
page(Page("api: me", "api:me", lambda u: "/api/v1/me", auth="token"))
page(Page("api: openapi.json", "api:openapi-json", lambda u: "/api/v1/openapi.json", auth="none"))
not_pages("api:openapi-view", "api:api-root")
page(Page("settings: delete account", "accounts:delete", lambda u: "/accounts/settings/delete/"))
not_pages("accounts:data_export")  # a file download: the whole account, not a page to measure
