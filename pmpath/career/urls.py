from django.urls import path

from pmpath.career import views

app_name = "career"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("role/", views.role, name="role"),
    path("levels/<slug:key>/", views.level_detail, name="level"),
    path("backgrounds/<slug:key>/", views.background_detail, name="background"),
    path("profile/", views.onboarding, name="onboarding"),
    path("profile/demo/", views.load_demo_data, name="load_demo"),
]
