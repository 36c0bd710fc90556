from django.urls import path

from pmpath.network import views

app_name = "network"

urlpatterns = [
    path("", views.index, name="index"),
]
