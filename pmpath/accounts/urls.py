from django.urls import path

from pmpath.accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("settings/", views.account_settings, name="settings"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
