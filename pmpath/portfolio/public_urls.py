"""The public link's addresses, at /p/<token>/: the published portfolio, read-only, without
logging in. Mounted in pmpath/urls.py."""

from django.urls import path

from pmpath.portfolio import public_views

app_name = "public_portfolio"

urlpatterns = [
    path("<str:token>/", public_views.index, name="index"),
    path("<str:token>/images/<int:pk>/", public_views.image, name="image"),
    path("<str:token>/<slug:slug>/", public_views.case_study, name="case_study"),
]
