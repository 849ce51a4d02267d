"""The stored forecast of each area: derived rows, rebuilt by `services.refresh_forecast`, never edited.

`ForecastRun` is the latest forecast of one area (its summary for the forecast page);
`StepForecast` one open step's forecast, read by the tracker and the person page; `BacktestReport`
how the forecast scored against the area's own past, which decides whether it is shown at all.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from sendtrack.accounts.models import LocalArea
from sendtrack.casework.models import Case


class ForecastRun(models.Model):
    local_area = models.OneToOneField(LocalArea, on_delete=models.CASCADE, related_name="forecast_run")
    as_of = models.DateField()
    computed_at = models.DateTimeField(default=timezone.now)
    window_months = models.PositiveSmallIntegerField()
    seconds = models.FloatField(default=0)
    summary = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"Forecast of {self.local_area} as of {self.as_of}"


class StepForecast(models.Model):
    """One open statutory step's forecast. `rule` is the milestone's rule key ("advice:health")."""

    run = models.ForeignKey(ForecastRun, on_delete=models.CASCADE, related_name="steps")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="forecasts")
    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(max_length=80)
    journey = models.DateField(null=True, blank=True)
    start = models.DateField()
    due = models.DateField()
    chance_late = models.FloatField(null=True, blank=True)
    expected = models.DateField(null=True, blank=True)
    earliest = models.DateField(null=True, blank=True)
    latest = models.DateField(null=True, blank=True)
    excepted = models.BooleanField(default=False)
    reason = models.TextField()

    class Meta:
        ordering = ["case", "start", "rule"]
        indexes = [
            models.Index(fields=["case", "rule"], name="stepforecast_case_rule_idx"),
            models.Index(fields=["local_area", "rule"], name="stepforecast_area_rule_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} of {self.case_id}"

    @property
    def percent(self) -> int | None:
        return None if self.chance_late is None else round(self.chance_late * 100)


class BacktestReport(models.Model):
    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="backtests")
    ran_at = models.DateTimeField(default=timezone.now)
    first = models.DateField()
    last = models.DateField()
    step = models.CharField(max_length=10, default="month")
    report = models.JSONField(default=dict)
    beats_baselines = models.BooleanField(default=False)

    class Meta:
        ordering = ["-ran_at", "-pk"]

    def __str__(self) -> str:
        return f"Backtest of {self.local_area} from {self.first} to {self.last}"
