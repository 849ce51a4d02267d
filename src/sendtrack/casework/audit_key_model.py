"""A person's audit key: the values of their personal details in the audit trail are sealed with it.

A model of the casework app (imported by `casework.models`). Audit rows are insert-only, so erasure
cannot blank a name or date of birth an audit row holds; it deletes this key instead, and the
sealed values in the rows can no longer be read (decision 0023). `casework.audit_values` seals and
opens them.
"""

from __future__ import annotations

from django.db import models

from sendtrack.casework.models import Person


class AuditKey(models.Model):
    """The key that seals one person's details in the audit trail. Deleted when they are erased."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"Audit key of person {self.person_id}"
