from django.apps import AppConfig


class CareerConfig(AppConfig):
    name = "pmpath.career"
    label = "career"

    def ready(self) -> None:
        from pmpath.career import demo, seed  # noqa: F401  (register the seed and demo loaders)
