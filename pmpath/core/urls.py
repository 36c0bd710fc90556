from django.urls import path

from pmpath.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("-/patterns", views.patterns, name="patterns"),
    path("-/health", views.health, name="health"),
    *[path(f"{key}/", views.area, {"key": key}, name=key) for key in views.AREAS],
]
