"""The SEN2 return as last checked: what the problems page reads instead of checking on every visit.

Models of the performance app (imported by `performance.models`). Only `sen2_checks.store_check`
writes checks, from the check job; the page asks `sen2_checks.changed_since` whether the area's
records changed after the check began. `RecordChange` rows are written by PostgreSQL triggers
(migration 0004), never by Python.
"""

from __future__ import annotations

from django.db import models

from sendtrack.accounts.models import LocalArea
from sendtrack.casework.models import Case


class Sen2Check(models.Model):
    """One finished check of an area's return for one census day."""

    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="+")
    census_date = models.DateField()
    # What the check read: on PostgreSQL the database snapshot it began at (`pg_current_snapshot`),
    # elsewhere a digest of the records.
    records_as_of = models.TextField()
    rules = models.CharField("version of the checks", max_length=64)
    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    persons = models.PositiveIntegerField(default=0)
    # How many problems each rule found, so the page does not count them on every visit.
    counts = models.JSONField(default=dict)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()

    class Meta:
        ordering = ["-finished_at"]
        indexes = [
            models.Index(
                fields=["local_area", "census_date", "-finished_at"], name="sen2check_area_census_idx"
            )
        ]

    def __str__(self) -> str:
        return f"SEN2 check of {self.local_area_id} for {self.census_date:%Y-%m-%d}"


class Sen2Problem(models.Model):
    """One problem a check found, at its place in the list (errors first, then by rule and case)."""

    sen2_check = models.ForeignKey(Sen2Check, on_delete=models.CASCADE, related_name="problems")
    position = models.PositiveIntegerField()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    case_ref = models.CharField(max_length=64)
    rule = models.CharField(max_length=16)
    detail = models.TextField()

    class Meta:
        ordering = ["sen2_check", "position"]
        indexes = [
            models.Index(fields=["sen2_check", "position"], name="sen2problem_check_pos_idx"),
            models.Index(fields=["sen2_check", "rule"], name="sen2problem_check_rule_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.case_ref}"


class RecordChange(models.Model):
    """A statement that changed an area's people, cases or events, and the transaction that made it.

    Written by triggers on PostgreSQL only: every writer is seen, raw SQL and bulk loads included.
    Rows older than every kept check's snapshot say nothing and are deleted when a check is kept.
    """

    area_id = models.BigIntegerField()
    xid = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["area_id", "xid"], name="recordchange_area_xid_idx")]

    def __str__(self) -> str:
        return f"change in area {self.area_id} by transaction {self.xid}"
