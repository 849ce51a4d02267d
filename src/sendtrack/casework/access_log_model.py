"""The access log: who looked at or exported a person's record, and when. Insert-only.

A model of the casework app (imported by `casework.models`); its own module so that models.py
stays readable. Only `casework.access` writes rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from sendtrack.casework.models import Case, Person
from sendtrack.core.insert_only import InsertOnly


class AccessLog(InsertOnly):
    """Who looked at or exported a person's record, and when. Rows are never changed or deleted."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    action = models.CharField(max_length=40)
    at = models.DateTimeField(default=timezone.now)
    path = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["case", "at"], name="accesslog_case_idx"),
            models.Index(fields=["actor", "at"], name="accesslog_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.action} {self.case_id}"
