from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pmpath.accounts"
    label = "accounts"
