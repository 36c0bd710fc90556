from django.urls import path

from pmpath.portfolio import export_views, views

app_name = "portfolio"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.case_new, name="case_new"),
    path("reorder/", views.case_reorder, name="case_reorder"),
    path("<int:pk>/", views.case_detail, name="case_study"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/delete/", views.case_delete, name="case_delete"),
    path("<int:pk>/publish/", views.case_publish, name="case_publish"),
    path("<int:pk>/move/", views.case_move, name="case_move"),
    path("<int:pk>/images/", views.attachment_add, name="attachment_add"),
    path("images/<int:pk>/", views.attachment_file, name="attachment"),
    path("images/<int:pk>/edit/", views.attachment_update, name="attachment_update"),
    path("images/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    # Exports and the public link (export_views.py).
    path("export/portfolio-site.zip", export_views.export_site, name="export_site"),
    path("export/portfolio.pdf", export_views.export_pdf, name="export_pdf"),
    path("link/", export_views.link_create, name="link_create"),
    path("link/<int:pk>/revoke/", export_views.link_revoke, name="link_revoke"),
]
