from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "sendtrack.casework"
    label = "casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        from sendtrack.casework import job_runners

        job_runners.register()
