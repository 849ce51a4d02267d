from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "sendtrack.performance"
    label = "performance"
    verbose_name = "Performance"
