from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "pmpath.coach"
    label = "coach"

    def ready(self) -> None:
        from pmpath.coach import (
            demo,  # noqa: F401  (registers the demo week the coach reads)
            tasks,  # noqa: F401  (registers the weekly digest with Huey)
        )
