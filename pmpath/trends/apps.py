from django.apps import AppConfig


class TrendsConfig(AppConfig):
    name = "pmpath.trends"
    label = "trends"
