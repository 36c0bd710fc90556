from django.urls import path

from pmpath.jobs import (
    interview_views,
    research_views,
    stage_views,
    transfer_views,
    views,
    watch_views,
)

app_name = "jobs"

urlpatterns = [
    path("", views.index, name="index"),
    path("board/", views.board, name="board"),
    path("applications/", views.application_list, name="applications"),
    path("applications/new/", views.application_new, name="application_new"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/move/", views.application_move, name="application_move"),
    path("applications/<int:pk>/archive/", views.application_archive, name="application_archive"),
    path("postings/", views.posting_list, name="postings"),
    path("postings/export.csv", views.postings_export, name="postings_export"),
    path("postings/<int:pk>/", views.posting_detail, name="posting"),
    path("postings/<int:pk>/track/", views.posting_track, name="posting_track"),
    path("import/", views.import_page, name="import"),
    path("import/template.csv", views.csv_template, name="csv_template"),
    # Companies and research briefs, stages, exports and the funnel (research_views.py,
    # stage_views.py, transfer_views.py).
    path("companies/", research_views.companies, name="companies"),
    path("companies/<int:pk>/", research_views.company_detail, name="company"),
    path("companies/<int:pk>/research/", research_views.company_research, name="company_research"),
    path("stages/", stage_views.stages, name="stages"),
    path("stages/reorder/", stage_views.stages_reorder, name="stages_reorder"),
    path("stages/<int:pk>/", stage_views.stage_update, name="stage_update"),
    path("stages/<int:pk>/move/", stage_views.stage_move, name="stage_move"),
    path("stages/<int:pk>/delete/", stage_views.stage_delete, name="stage_delete"),
    path(
        "applications/export.csv",
        transfer_views.applications_export,
        name="applications_export",
    ),
    path(
        "applications/export.json",
        transfer_views.applications_export_json,
        name="applications_export_json",
    ),
    path("applications/import/", transfer_views.applications_import, name="applications_import"),
    path(
        "applications/import/template.csv",
        transfer_views.applications_template,
        name="applications_template",
    ),
    path("funnel.csv", transfer_views.funnel_csv, name="funnel_csv"),
    path("activity.csv", transfer_views.activity_csv, name="activity_csv"),
    # The watchlist, its inbox, and the bookmarklet (watch_views.py).
    path("watchlist/", watch_views.watchlist, name="watchlist"),
    path("watchlist/<int:pk>/poll/", watch_views.watch_poll, name="watch_poll"),
    path("watchlist/<int:pk>/pause/", watch_views.watch_pause, name="watch_pause"),
    path("watchlist/<int:pk>/remove/", watch_views.watch_remove, name="watch_remove"),
    path("inbox/<int:pk>/dismiss/", watch_views.inbox_dismiss, name="inbox_dismiss"),
    path("bookmarklet/", watch_views.bookmarklet_create, name="bookmarklet_create"),
    path("bookmarklet/save/", watch_views.bookmarklet_save, name="bookmarklet_save"),
    # Interview rounds and the calendar (interview_views.py).
    path(
        "applications/<int:pk>/interviews/new/",
        interview_views.interview_new,
        name="interview_new",
    ),
    path("interviews/", interview_views.interviews, name="interviews"),
    path("interviews/calendar.ics", interview_views.calendar_download, name="calendar_download"),
    path("interviews/<int:pk>/", interview_views.interview_detail, name="interview"),
    path("interviews/<int:pk>/delete/", interview_views.interview_delete, name="interview_delete"),
    path(
        "interviews/<int:pk>/thank-you/",
        interview_views.interview_thank_you,
        name="interview_thank_you",
    ),
    path(
        "interviews/feeds/<int:pk>/revoke/",
        interview_views.calendar_feed_revoke,
        name="calendar_feed_revoke",
    ),
    path("calendar/<str:token>.ics", interview_views.calendar_feed, name="calendar_feed"),
]
