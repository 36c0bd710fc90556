from django.urls import path

from pmpath.matching import match_views, resume_version_views, resume_views

app_name = "matching"

urlpatterns = [
    # The resume: profile, section editors, imports, exports (resume_views.py).
    path("resume/", resume_views.resume_page, name="resume"),
    path("resume/basics/", resume_views.basics_edit, name="resume_basics"),
    path("resume/json/", resume_views.json_edit, name="resume_json"),
    path("resume/import/", resume_views.import_page, name="resume_import"),
    path("resume/draft/", resume_views.draft_page, name="resume_draft"),
    path("resume/draft/discard/", resume_views.draft_discard, name="resume_draft_discard"),
    path("resume/export.<slug:fmt>", resume_views.export, name="resume_export"),
    # Tailored versions (resume_version_views.py), before the section editors' patterns.
    path("resume/versions/", resume_version_views.versions, name="resume_versions"),
    path("resume/versions/new/", resume_version_views.version_new, name="resume_version_new"),
    path("resume/versions/<int:pk>/", resume_version_views.version_detail, name="resume_version"),
    path(
        "resume/versions/<int:pk>/edit/",
        resume_version_views.version_edit,
        name="resume_version_edit",
    ),
    path(
        "resume/versions/<int:pk>/delete/",
        resume_version_views.version_delete,
        name="resume_version_delete",
    ),
    path(
        "resume/versions/<int:pk>/export.<slug:fmt>",
        resume_version_views.version_export,
        name="resume_version_export",
    ),
    path(
        "resume/versions/<int:pk>/<slug:section>/<int:index>/delete/",
        resume_version_views.version_item_delete,
        name="resume_version_item_delete",
    ),
    path(
        "resume/versions/<int:pk>/<slug:section>/<int:index>/move/",
        resume_version_views.version_item_move,
        name="resume_version_item_move",
    ),
    # One item of a section: work, projects, education, skills, certificates, languages.
    path("resume/<slug:section>/new/", resume_views.item_new, name="resume_item_new"),
    path("resume/<slug:section>/<int:index>/", resume_views.item_edit, name="resume_item"),
    path(
        "resume/<slug:section>/<int:index>/delete/",
        resume_views.item_delete,
        name="resume_item_delete",
    ),
    path(
        "resume/<slug:section>/<int:index>/move/", resume_views.item_move, name="resume_item_move"
    ),
    # The match panel, best matches (match_views.py).
    path("postings/<int:pk>/match/", match_views.posting_panel, name="posting_panel"),
    path("applications/<int:pk>/match/", match_views.application_panel, name="application_panel"),
    path("best/", match_views.best, name="best"),
    path("best/compact/", match_views.best_compact, name="best_compact"),
]
