from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "sendtrack.documents"
    label = "documents"
    verbose_name = "A child's documents"

    def ready(self) -> None:
        from sendtrack.documents import signals  # noqa: F401  (removes a deleted document's file)
