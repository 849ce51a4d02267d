from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "sendtrack.improvement"
    label = "improvement"
    verbose_name = "Improvement plans"

    def ready(self) -> None:
        from sendtrack.improvement.receivers import connect

        connect()
