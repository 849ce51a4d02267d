from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "sendtrack.portal"
    label = "portal"
    verbose_name = "Families and the public"
