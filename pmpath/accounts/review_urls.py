"""The reviewer's addresses, at /review/ (mounted in pmpath/urls.py): see review_views.py."""

from django.urls import path

from pmpath.accounts import review_views

app_name = "review"

urlpatterns = [
    path("", review_views.shared_with_me, name="shared_with_me"),
    path("invite/<str:token>/", review_views.invite, name="invite"),
    path("<int:pk>/", review_views.shared, name="shared"),
    path("<int:pk>/case-studies/<int:case_id>/", review_views.shared_case, name="case"),
    path("<int:pk>/images/<int:image_id>/", review_views.shared_image, name="image"),
    path("<int:pk>/feedback/", review_views.comment, name="comment"),
]
