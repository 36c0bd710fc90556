from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "pmpath.portfolio"
    label = "portfolio"

    def ready(self) -> None:
        # Connect the file-removal receivers and register the demo case studies.
        from pmpath.portfolio import demo, signals  # noqa: F401
