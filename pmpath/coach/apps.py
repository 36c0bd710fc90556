from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "pmpath.coach"
    label = "coach"
