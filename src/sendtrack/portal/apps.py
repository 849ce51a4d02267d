from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "sendtrack.portal"
    label = "portal"
    verbose_name = "Families and the public"

    def ready(self) -> None:
        from sendtrack.portal import job_runners

        job_runners.register()
