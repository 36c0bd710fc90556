from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pmpath.core"
    label = "core"

    def ready(self) -> None:
        from pmpath.core import (
            generation,
            pagecache,
            tasks,  # noqa: F401  (registers periodic tasks with Huey)
        )

        generation.connect()
        pagecache.connect()
