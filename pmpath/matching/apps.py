from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "pmpath.matching"
    label = "matching"
