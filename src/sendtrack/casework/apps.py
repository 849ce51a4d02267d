from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "sendtrack.casework"
    label = "casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        from sendtrack.casework import job_runners
        from sendtrack.casework.access import sees_section
        from sendtrack.core.navigation import decide_sections_by

        decide_sections_by(sees_section)
        job_runners.register()
