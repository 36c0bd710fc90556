from django.urls import path

from pmpath.portfolio import views

app_name = "portfolio"

urlpatterns = [
    path("", views.index, name="index"),
]
