"""KPI summaries, and the figures that come from outside the case records.

`KpiSummary` rows are derived: `services.refresh.refresh_summaries` rebuilds all of an area's rows
from milestones and imported figures, and nothing else writes them. The dashboard reads only these.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from sendtrack.accounts.models import LocalArea


class KpiSummary(models.Model):
    """One KPI's value for one area, period and (optionally) one breakdown value.

    `period` is a calendar year ("2025"), an academic year ("2024/25"), a financial year
    ("2024-25") or "as_of" (a snapshot on the date of the area's `SummaryRefresh`, which every row
    of the area shares: kept there, not on each row, so a refresh writes only the rows whose values
    changed). Area-wide rows have empty `dimension` and `value_key`. `denominator` is None for
    counts; `value` holds what is not a ratio (a median). `refreshed_at` is when the row was last
    written.
    """

    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="+")
    kpi_id = models.CharField("KPI", max_length=80)
    period = models.CharField(max_length=10)
    dimension = models.CharField(max_length=20, blank=True, default="")
    value_key = models.CharField(max_length=80, blank=True, default="")
    numerator = models.BigIntegerField(null=True, blank=True)
    denominator = models.BigIntegerField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)
    refreshed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["local_area", "kpi_id", "period", "dimension", "value_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_area", "kpi_id", "period", "dimension", "value_key"], name="kpi_summary_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["local_area", "dimension", "kpi_id"], name="kpi_summary_area_dim_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.period} {self.dimension} {self.value_key}".strip()


class SummaryRefresh(models.Model):
    """When an area's summaries were last rebuilt, as of which date, and how long it took."""

    local_area = models.OneToOneField(LocalArea, on_delete=models.CASCADE, related_name="+")
    as_of = models.DateField()
    refreshed_at = models.DateTimeField(default=timezone.now)
    seconds = models.FloatField(default=0)
    rows = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.local_area_id} as of {self.as_of}"


class WaitingListEntry(models.Model):
    """One child's referral to a health service, as the provider's waiting list reports it."""

    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="+")
    service = models.CharField(max_length=40)
    child_ref = models.CharField("child reference", max_length=64)
    referral_date = models.DateField()
    first_appointment = models.DateField(null=True, blank=True)
    cancelled_appointments = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["service", "referral_date", "pk"]
        indexes = [models.Index(fields=["local_area", "service"], name="waiting_area_service_idx")]

    def __str__(self) -> str:
        return f"{self.service} {self.child_ref}"


class ExclusionsAndAttendance(models.Model):
    """A term's suspensions, permanent exclusions and attendance for one group of pupils."""

    class Term(models.TextChoices):
        AUTUMN = "autumn", "Autumn"
        SPRING = "spring", "Spring"
        SUMMER = "summer", "Summer"

    class SenStatus(models.TextChoices):
        EHC_PLAN = "ehc_plan", "EHC plan"
        SEN_SUPPORT = "sen_support", "SEN support"

    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="+")
    academic_year = models.CharField(max_length=7, help_text="e.g. 2024/25")
    term = models.CharField(max_length=10, choices=Term.choices)
    sen_status = models.CharField("SEN status", max_length=20, choices=SenStatus.choices)
    pupils = models.PositiveIntegerField()
    suspensions = models.PositiveIntegerField(default=0)
    permanent_exclusions = models.PositiveIntegerField(default=0)
    sessions_possible = models.PositiveIntegerField(default=0)
    sessions_attended = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["academic_year", "term", "sen_status"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_area", "academic_year", "term", "sen_status"], name="exclusions_unique_term"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.academic_year} {self.term} {self.sen_status}"


class HighNeedsBudget(models.Model):
    """The high needs block's funding and spend for one financial year, in whole pounds."""

    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="+")
    financial_year = models.CharField(max_length=7, help_text="e.g. 2024-25")
    funding = models.BigIntegerField()
    spend = models.BigIntegerField()
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["financial_year"]
        constraints = [
            models.UniqueConstraint(fields=["local_area", "financial_year"], name="high_needs_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.financial_year}"


class PublishedTimeliness(models.Model):
    """One row of the DfE's published 20-week timeliness file: this area's, or England's.

    `figures` maps each figure column of the file to its number, or to the suppression code the
    DfE published instead (`c`, `x`, `z`, `low`). Replaced whole by each import.
    """

    class Geography(models.TextChoices):
        AREA = "area", "This local area"
        ENGLAND = "england", "England"

    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="+")
    geography = models.CharField(max_length=10, choices=Geography.choices)
    year = models.PositiveSmallIntegerField(help_text="calendar year the plans were issued in")
    breakdown_topic = models.CharField(max_length=80)
    breakdown = models.CharField(max_length=120)
    figures = models.JSONField(default=dict)
    source_file = models.CharField(max_length=200, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["local_area", "geography", "year", "breakdown_topic", "breakdown"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_area", "geography", "year", "breakdown_topic", "breakdown"],
                name="published_timeliness_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.geography} {self.year} {self.breakdown}"


from sendtrack.performance.sen2_check_models import RecordChange as RecordChange  # noqa: E402
from sendtrack.performance.sen2_check_models import Sen2Check as Sen2Check  # noqa: E402
from sendtrack.performance.sen2_check_models import Sen2Problem as Sen2Problem  # noqa: E402
