from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "sendtrack.performance"
    label = "performance"
    verbose_name = "Performance"

    def ready(self) -> None:
        from sendtrack.performance import job_runners

        job_runners.register()
