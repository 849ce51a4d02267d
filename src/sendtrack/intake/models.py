"""What a council told sendtrack about its own files, kept so next month's import needs no questions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from sendtrack.accounts.models import LocalArea


class TrackerMapping(models.Model):
    """Which column of the area's tracker holds which field, as a person confirmed it."""

    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200, default="Tracker")
    mapping = models.JSONField()
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-confirmed_at"]
        constraints = [models.UniqueConstraint(fields=["local_area", "name"], name="tracker_mapping_unique")]

    def __str__(self) -> str:
        return f"{self.name} mapping for {self.local_area}"


class ImportRun(models.Model):
    """One import that was stored, and what came in: the reconciliation its page shows."""

    SEN2 = "sen2"
    TRACKER = "tracker"
    KINDS = [(SEN2, "SEN2 return"), (TRACKER, "Spreadsheet tracker")]

    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=KINDS)
    file_name = models.CharField(max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)
    summary = models.TextField()
    reconciliation = models.JSONField()

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name} into {self.local_area}"
