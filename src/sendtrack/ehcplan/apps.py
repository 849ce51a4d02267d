from django.apps import AppConfig


class EhcPlanConfig(AppConfig):
    name = "sendtrack.ehcplan"
    label = "ehcplan"
    verbose_name = "EHC plans"
