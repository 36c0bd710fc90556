from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "pmpath.jobs"
    label = "jobs"

    def ready(self) -> None:
        from pmpath.jobs import (
            demo,  # noqa: F401  (registers the demo applications)
            tasks,  # noqa: F401  (registers periodic tasks with Huey)
        )
