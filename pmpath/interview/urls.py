from django.urls import path

from pmpath.interview import views

app_name = "interview"

urlpatterns = [
    path("", views.index, name="index"),
]
