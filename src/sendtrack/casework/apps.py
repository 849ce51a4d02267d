from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "sendtrack.casework"
    label = "casework"
    verbose_name = "Casework"
