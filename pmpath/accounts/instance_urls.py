"""The instance admin's addresses, at /instance/ (mounted in pmpath/urls.py): see
instance_views.py."""

from django.urls import path

from pmpath.accounts import instance_views

app_name = "instance"

urlpatterns = [
    path("", instance_views.overview, name="overview"),
    path("registration/", instance_views.registration, name="registration"),
    path("users/", instance_views.users, name="users"),
    path("users/<int:pk>/active/", instance_views.user_active, name="user_active"),
    path("users/<int:pk>/admin/", instance_views.user_admin, name="user_admin"),
    path("invitations/", instance_views.invitations, name="invitations"),
    path(
        "invitations/<int:pk>/revoke/",
        instance_views.invitation_revoke,
        name="invitation_revoke",
    ),
]
