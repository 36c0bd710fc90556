from django.urls import path

from pmpath.jobs import views

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
]
