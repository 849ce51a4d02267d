from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "sendtrack.intake"
    label = "intake"
    verbose_name = "Bringing in a council's records"
