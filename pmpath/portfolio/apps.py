from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "pmpath.portfolio"
    label = "portfolio"
