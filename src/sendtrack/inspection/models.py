"""An area SEND inspection's notification, its clock, and the census figures the lists need.

The inspection itself is `improvement.Inspection` (framework, dates, outcome); this app adds what
happens in the three weeks after the call. Due dates are never stored: they are worked out from
the notification date by `clock.lay_out` each time they are shown.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from sendtrack.accounts.models import LocalArea
from sendtrack.improvement.models import Finding, Inspection


class Notification(models.Model):
    """The day the inspectors called, and the day they named the children to track."""

    inspection = models.OneToOneField(Inspection, on_delete=models.PROTECT, related_name="notification")
    notified_on = models.DateField()
    children_named_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-notified_on", "-pk"]

    def __str__(self) -> str:
        day = self.notified_on
        return f"Area SEND inspection notified on {day.day} {day:%B %Y}"

    @property
    def local_area(self) -> LocalArea:
        return self.inspection.local_area


class TaskDone(models.Model):
    """A task of the clock marked done, by whom and on which day."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="tasks_done")
    task = models.CharField(max_length=40)
    done_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["notification", "task"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "task"], name="inspection_task_done_once"),
        ]

    def __str__(self) -> str:
        return f"{self.task} done on {self.done_on}"


class CensusFigures(models.Model):
    """One pupil's figures from a school census or children's social care extract.

    Matched to a person by UPN. `period_end` is the last day the figures cover; the lists use the
    latest row whose period ends inside the look-back window before the notification.
    """

    local_area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="+")
    upn = models.CharField("UPN", max_length=13)
    period_end = models.DateField()
    suspensions = models.PositiveIntegerField(null=True, blank=True)
    permanent_exclusions = models.PositiveIntegerField(null=True, blank=True)
    absence_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    pupil_premium = models.BooleanField(null=True, blank=True)
    known_to_social_care = models.BooleanField(null=True, blank=True)
    social_care_team = models.CharField(max_length=80, blank=True)
    sen_support = models.BooleanField(null=True, blank=True)
    main_phase = models.CharField(max_length=30, blank=True)
    subsidiary_phase = models.CharField(max_length=30, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["local_area", "upn", "-period_end"]
        indexes = [models.Index(fields=["local_area", "upn", "period_end"], name="census_area_upn_idx")]

    def __str__(self) -> str:
        return f"Census figures to {self.period_end}"


class PriorityArea(models.Model):
    """The body a report's area for priority action is addressed to (the finding keeps its wording)."""

    finding = models.OneToOneField(Finding, on_delete=models.CASCADE, related_name="priority_area")
    responsible_body = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.responsible_body


class InspectionLead(models.Model):
    """A council caseworker or SEND manager named by a SEND manager to handle the inspectors'
    requests: only named leads see the tracked children and their packs."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="leads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    named_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    named_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["notification", "named_at"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "user"], name="inspection_lead_once"),
        ]

    def __str__(self) -> str:
        return f"Inspection lead {self.user_id}"


class Sample(models.TextChoices):
    """Why a child is in the inspection's packs: named by the inspectors, drawn for a rehearsal,
    or drawn by a theme's filter for case sampling."""

    NAMED = "named", "Named by the inspectors for tracking"
    REHEARSAL = "rehearsal", "Drawn at random for a rehearsal"
    PLANS_ISSUED = "plans_issued", "Plans issued in the last 12 months"
    REVIEWS_OVERDUE = "reviews_overdue", "Reviews overdue"
    ALTERNATIVE_PROVISION = "alternative_provision", "Children in alternative provision"


THEMES = (Sample.PLANS_ISSUED, Sample.REVIEWS_OVERDUE, Sample.ALTERNATIVE_PROVISION)


class Consent(models.TextChoices):
    ASKED = "asked", "Not yet given"
    GIVEN = "given", "Given"
    REFUSED = "refused", "Refused"


class TrackedChild(models.Model):
    """One child in an inspection's tracking or case sample, the family's consent, and the pack.

    The pack's two files sit in Django's default storage under `pack_pdf` and `pack_zip`; they are
    handed out only by the inspection's download page, to the inspection's named leads.
    """

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="tracked")
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="+")
    sample = models.CharField(max_length=30, choices=Sample.choices)
    reason = models.CharField(max_length=200, blank=True)
    consent = models.CharField(max_length=10, choices=Consent.choices, default=Consent.ASKED)
    consent_on = models.DateField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    pack_pdf = models.CharField(max_length=255, blank=True)
    pack_zip = models.CharField(max_length=255, blank=True)
    pack_made_at = models.DateTimeField(null=True, blank=True)
    pack_made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pack_seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["notification", "sample", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "case", "sample"], name="tracked_child_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_sample_display()}: case {self.case_id}"


class SelfEvaluationStatement(models.Model):
    """What the partnership writes under one evaluation area; tokens in it embed live figures."""

    local_area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="+")
    area_key = models.CharField(max_length=40)
    text = models.TextField(blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["local_area", "area_key"]
        constraints = [
            models.UniqueConstraint(fields=["local_area", "area_key"], name="self_evaluation_area_once"),
        ]

    def __str__(self) -> str:
        return f"Self-evaluation: {self.area_key}"


class SelfEvaluationVersion(models.Model):
    """The self-evaluation frozen on a day: every figure as it was, with its source and date."""

    local_area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="+")
    frozen_on = models.DateField()
    frozen_at = models.DateTimeField(default=timezone.now)
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    content = models.JSONField()

    class Meta:
        ordering = ["local_area", "-frozen_at"]

    def __str__(self) -> str:
        return f"Self-evaluation frozen on {self.frozen_on}"
