"""Long work run by the job queue: what was asked, how far it has gone, and what came of it.

The queue itself is django-tasks' database backend (its own table); a Job is what staff see. It
holds no personal data: parameters are ids, dates and the name of an uploaded file in storage.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from sendtrack.core.fields import CodeField


class JobKind(models.TextChoices):
    IMPORT_CASES = "import_cases", "Case file import"
    BOARD_REPORT = "board_report", "Board report"
    SEN2_EXPORT = "sen2_export", "SEN2 return"
    REFRESH_KPIS = "refresh_kpis", "KPI refresh"
    FAMILY_UPDATES = "family_updates", "Family update emails"
    RETENTION = "retention", "Retention"
    TRACKING_PACKS = "tracking_packs", "Inspection tracking packs"
    SEN2_CHECK = "sen2_check", "SEN2 return check"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Finished"
    FAILED = "failed", "Stopped with problems"


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = CodeField(max_length=32, codes=JobKind)
    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    local_area = models.ForeignKey(
        "accounts.LocalArea", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    schedule = models.CharField(max_length=64, blank=True)
    params = models.JSONField(default=dict, blank=True)
    unit = models.CharField(max_length=32, default="items")
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    summary = models.TextField(blank=True)
    errors = models.JSONField(default=list, blank=True)
    result_file = models.CharField(max_length=255, blank=True)
    result_name = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["schedule", "-created_at"], name="job_schedule_recent")]

    if TYPE_CHECKING:

        def get_kind_display(self) -> str: ...  # made by CodeField

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)


class WorkerHeartbeat(models.Model):
    """Each `sendtrack worker` says it is alive every few seconds; a silent one's running job is requeued."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.worker_id


class ScheduledRun(models.Model):
    """One run of a schedule at one due time; the unique pair stops two schedulers starting it twice."""

    schedule = models.CharField(max_length=64)
    due_at = models.DateTimeField()
    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="scheduled_run")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["schedule", "due_at"], name="one_run_per_due_time")]
        ordering = ["-due_at"]

    def __str__(self) -> str:
        return f"{self.schedule} at {self.due_at:%Y-%m-%d %H:%M}"
