from django.contrib import admin
from django.urls import include, path

from pmpath.api.routes import api

urlpatterns = [
    path("", include("pmpath.core.urls")),
    path("jobs/", include("pmpath.jobs.urls")),
    path("network/", include("pmpath.network.urls")),
    path("interview/", include("pmpath.interview.urls")),
    path("portfolio/", include("pmpath.portfolio.urls")),
    path("p/", include("pmpath.portfolio.public_urls")),
    path("accounts/", include("pmpath.accounts.urls")),
    path("review/", include("pmpath.accounts.review_urls")),
    path("instance/", include("pmpath.accounts.instance_urls")),
    path("career/", include("pmpath.career.urls")),
    path("matching/", include("pmpath.matching.urls")),
    path("trends/", include("pmpath.trends.urls")),
    path("coach/", include("pmpath.coach.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "pmpath.core.errors.not_found"
handler500 = "pmpath.core.errors.server_error"
