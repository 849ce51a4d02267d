"""A tracked child's row deleted (erasure at the end of the retention period) takes its pack files with it."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from sendtrack.inspection.models import TrackedChild


@receiver(post_delete, sender=TrackedChild, dispatch_uid="inspection-delete-pack-files")
def delete_the_pack(sender: type[TrackedChild], instance: TrackedChild, **kwargs: Any) -> None:
    """Remove the pack's PDF and zip once the deletion has committed (a rollback keeps them)."""
    for name in (instance.pack_pdf, instance.pack_zip):
        if name:
            transaction.on_commit(lambda name=name: default_storage.delete(name))
