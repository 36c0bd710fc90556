from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "pmpath.security"
    label = "security"

    def ready(self) -> None:
        # Stamp the session with its log-in time when someone signs in (sessions.py).
        from django.contrib import admin

        from pmpath.security import sessions  # noqa: F401
        from pmpath.security.forms import ThrottledAdminAuthenticationForm

        # The admin's own log-in page is throttled like ours.
        admin.site.login_form = ThrottledAdminAuthenticationForm
