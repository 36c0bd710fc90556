from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "pmpath.network"
    label = "network"
