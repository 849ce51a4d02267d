from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "sendtrack.jobs"
    label = "jobs"
    verbose_name = "Jobs"

    def ready(self) -> None:
        autodiscover_modules("job_runners")
