from django.urls import path

from pmpath.coach import views

app_name = "coach"

urlpatterns = [
    path("", views.coach, name="index"),
    path("findings/<str:key>/snooze/", views.snooze, name="snooze"),
    path("findings/<str:key>/dismiss/", views.dismiss, name="dismiss"),
    path("decisions/<int:pk>/restore/", views.restore, name="restore"),
    path("digest/", views.digest_page, name="digest"),
    path("digest/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
