from django.urls import path

from pmpath.accounts import share_views, views
from pmpath.core import account_views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("settings/", views.account_settings, name="settings"),
    path("settings/export/", account_views.export_download, name="data_export"),
    path("settings/delete/", account_views.delete_account, name="delete"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("shares/", share_views.share_list, name="shares"),
    path("shares/new/", share_views.share_create, name="share_create"),
    path("shares/<int:pk>/revoke/", share_views.share_revoke, name="share_revoke"),
]
