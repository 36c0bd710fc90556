from django.urls import path

from pmpath.trends import views

app_name = "trends"

urlpatterns = [
    path("", views.index, name="index"),
    path("mark-all-read", views.mark_all_read, name="mark_all_read"),
    path("entries/<int:pk>/", views.entry, name="entry"),
    path("entries/<int:pk>/read", views.entry_read, name="entry_read"),
    path("entries/<int:pk>/save", views.entry_save, name="entry_save"),
    path("entries/<int:pk>/tags", views.entry_tags, name="entry_tags"),
    path("entries/<int:pk>/note", views.entry_note, name="entry_note"),
    path("entries/<int:pk>/talking-point", views.entry_talking_point, name="entry_talking_point"),
    path("entries/<int:pk>/learn", views.entry_learn, name="entry_learn"),
    path("feeds/", views.feeds, name="feeds"),
    path("feeds/import", views.opml_import, name="opml_import"),
    path("feeds/export.opml", views.opml_export, name="opml_export"),
    path("feeds/suggested/<slug:key>", views.suggestion_subscribe, name="suggestion_subscribe"),
    path("feeds/<int:pk>/remove", views.feed_remove, name="feed_remove"),
    path("feeds/<int:pk>/tags", views.feed_tags, name="feed_tags"),
    path("feeds/<int:pk>/fetch", views.feed_fetch, name="feed_fetch"),
    path("talking-points/", views.talking_points, name="talking_points"),
    path("talking-points/<int:pk>/", views.talking_point, name="talking_point"),
    path("talking-points/<int:pk>/delete", views.talking_point_delete, name="talking_point_delete"),
]
