"""A deleted document takes its file with it (erasure at the end of the retention period, the admin)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from sendtrack.casework.models import CaseDocument


@receiver(post_delete, sender=CaseDocument, dispatch_uid="documents-delete-file")
def delete_the_file(sender: type[CaseDocument], instance: CaseDocument, **kwargs: Any) -> None:
    """Remove the stored file once the row's deletion has committed (never before: a rollback keeps it)."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
