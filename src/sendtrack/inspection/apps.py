from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "sendtrack.inspection"
    verbose_name = "Area SEND inspection readiness"

    def ready(self) -> None:
        from sendtrack.inspection import signals  # noqa: F401  (signals connect on import)
