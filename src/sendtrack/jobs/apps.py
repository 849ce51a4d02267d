from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "sendtrack.jobs"
    label = "jobs"
    verbose_name = "Jobs"
