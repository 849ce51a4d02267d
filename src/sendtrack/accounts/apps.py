from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sendtrack.accounts"
    label = "accounts"
    verbose_name = "Organisations and people"
