from django.apps import AppConfig


class ForecastConfig(AppConfig):
    name = "sendtrack.forecast"
    label = "forecast"
    verbose_name = "Forecast"
