from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pmpath.accounts"
    label = "accounts"

    def ready(self) -> None:
        from pmpath.accounts import share_services

        share_services.connect()
