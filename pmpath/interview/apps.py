from django.apps import AppConfig


class InterviewConfig(AppConfig):
    name = "pmpath.interview"
    label = "interview"
