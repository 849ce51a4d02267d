from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "sendtrack.inspection"
    verbose_name = "Area SEND inspection readiness"
