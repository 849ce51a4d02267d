from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "sendtrack.messaging"
    label = "messaging"
    verbose_name = "Messages"
