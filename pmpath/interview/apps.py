from django.apps import AppConfig


class InterviewConfig(AppConfig):
    name = "pmpath.interview"
    label = "interview"

    def ready(self) -> None:
        from pmpath.interview import seed  # noqa: F401  (register the question-bank seed)
