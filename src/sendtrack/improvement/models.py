"""Inspections, their findings, the plans that answer them, and the boards that oversee the plans."""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse

from sendtrack.accounts.models import LocalArea
from sendtrack.core.insert_only import InsertOnly
from sendtrack.improvement import rules
from sendtrack.performance import kpis
from sendtrack.performance.kpi_terms import Kpi


class InspectionFramework(models.TextChoices):
    LOCAL_AREA_SEND_2016 = "local_area_send_2016", "Local area SEND inspection (2016 to 2022)"
    AREA_SEND_2023 = "area_send_2023", "Area SEND inspection (from 2023)"


class VisitKind(models.TextChoices):
    INSPECTION = "inspection", "Inspection"
    REVISIT = "revisit", "Revisit"
    MONITORING = "monitoring", "Monitoring inspection"


class Inspection(models.Model):
    local_area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="inspections")
    framework = models.CharField(max_length=32, choices=InspectionFramework.choices)
    visit_kind = models.CharField(max_length=16, choices=VisitKind.choices, default=VisitKind.INSPECTION)
    revisit_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="revisits"
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    letter_published_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=200, blank=True, help_text="As the letter puts it")
    letter_file = models.FileField(upload_to="inspection-letters/", blank=True)
    letter_url = models.URLField(blank=True)
    next_visit_from = models.DateField("revisit or monitoring window opens", null=True, blank=True)
    next_visit_by = models.DateField("revisit or monitoring window closes", null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"{self.get_visit_kind_display()} starting {self.started_on.day} {self.started_on:%B %Y}"


class FindingKind(models.TextChoices):
    SIGNIFICANT_WEAKNESS = "significant_weakness", "Area of significant weakness"
    PRIORITY_ACTION = "priority_action", "Area for priority action"
    IMPROVEMENT = "improvement", "Area for improvement"


class RevisitJudgement(models.TextChoices):
    NONE = "", "Not yet revisited"
    SUFFICIENT = "sufficient", "Sufficient progress"
    INSUFFICIENT = "insufficient", "Not sufficient progress"


class Finding(models.Model):
    local_area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="findings")
    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.PROTECT, related_name="findings"
    )
    kind = models.CharField(max_length=32, choices=FindingKind.choices)
    text = models.TextField()
    revisit_judgement = models.CharField(max_length=16, choices=RevisitJudgement.choices, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class InterventionKind(models.TextChoices):
    IMPROVEMENT_NOTICE = "improvement_notice", "DfE improvement notice"
    STATUTORY_DIRECTION = "statutory_direction", "Statutory direction"
    OTHER = "other", "Other intervention"


class Intervention(models.Model):
    local_area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="interventions")
    kind = models.CharField(max_length=32, choices=InterventionKind.choices)
    issued_on = models.DateField()
    published_on = models.DateField(null=True, blank=True)
    minimum_months = models.PositiveIntegerField("minimum duration in months", default=0)
    link = models.URLField(blank=True)

    class Meta:
        ordering = ["-issued_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} issued {self.issued_on.day} {self.issued_on:%B %Y}"

    @property
    def earliest_end(self) -> dt.date:
        """The first day it can be lifted: the issue date plus the minimum duration."""
        month_index = self.issued_on.month - 1 + self.minimum_months
        year, month = self.issued_on.year + month_index // 12, month_index % 12 + 1
        day = min(self.issued_on.day, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day)


class PlanKind(models.TextChoices):
    WRITTEN_STATEMENT_OF_ACTION = "wsoa", "Written statement of action"
    IMPROVEMENT_PLAN = "improvement_plan", "Improvement plan"
    PRIORITY_ACTION_PLAN = "priority_action_plan", "Priority action plan"
    ACCELERATED_PROGRESS_PLAN = "accelerated_progress_plan", "Accelerated progress plan"


class ApprovalStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted to DfE and NHS England"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"


class ImprovementPlan(models.Model):
    local_area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="improvement_plans")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=PlanKind.choices, default=PlanKind.IMPROVEMENT_PLAN)
    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    approval_status = models.CharField(
        max_length=16, choices=ApprovalStatus.choices, default=ApprovalStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["local_area", "name"]
        constraints = [
            models.UniqueConstraint(fields=["local_area", "name"], name="plan_name_unique_in_area")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("improvement:plan", args=[self.pk])

    @property
    def is_approved(self) -> bool:
        return self.approval_status in {ApprovalStatus.APPROVED, ApprovalStatus.PUBLISHED}


class ApprovalChange(models.Model):
    """The dated log of a plan's approval status."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="approval_changes")
    status = models.CharField(max_length=16, choices=ApprovalStatus.choices)
    changed_on = models.DateField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.changed_on:%d %B %Y}"


class Workstream(models.Model):
    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="workstreams")
    name = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="workstream_name_unique_in_plan")
        ]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    NOT_STARTED = rules.NOT_STARTED, rules.STATUS_LABELS[rules.NOT_STARTED]
    IN_PROGRESS = rules.IN_PROGRESS, rules.STATUS_LABELS[rules.IN_PROGRESS]
    FINAL_STAGES = rules.FINAL_STAGES, rules.STATUS_LABELS[rules.FINAL_STAGES]
    COMPLETE = rules.COMPLETE, rules.STATUS_LABELS[rules.COMPLETE]
    AT_RISK = rules.AT_RISK, rules.STATUS_LABELS[rules.AT_RISK]


class Rag(models.TextChoices):
    NONE = "", "Not rated"
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue (complete)"


class Action(models.Model):
    """One commitment of a plan: the columns of the spreadsheet contract, plus what we learn later."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="actions")
    ref = models.CharField(max_length=40)
    finding = models.ForeignKey(
        Finding, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    workstream = models.ForeignKey(
        Workstream, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    description = models.TextField()
    lead = models.CharField(max_length=200, blank=True)
    organisation = models.CharField("lead organisation", max_length=200, blank=True)
    start_date = models.DateField("planned start", null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    rag = models.CharField("RAG rating", max_length=8, choices=Rag.choices, blank=True)
    latest_update = models.TextField(blank=True)
    measure = models.TextField("success measure", blank=True)
    evidence = models.TextField(blank=True)
    extra = models.JSONField("other columns", default=dict, blank=True)
    actual_start = models.DateField(null=True, blank=True)
    actual_finish = models.DateField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    # Not a column: why the exception report lists the action, set by `selectors.exception_report`.
    reasons: list[str]

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "ref"], name="action_ref_unique_in_plan")]

    def __str__(self) -> str:
        return f"{self.ref}: {self.description[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("improvement:action", args=[self.plan_id, self.ref])

    def state(self) -> rules.ActionState:
        return rules.ActionState(status=self.status, start_date=self.start_date, due_date=self.due_date)

    def is_overdue(self, as_of: dt.date) -> bool:
        return self.status != Status.COMPLETE and self.due_date is not None and self.due_date < as_of

    def is_late_to_start(self, as_of: dt.date) -> bool:
        return self.status == Status.NOT_STARTED and self.start_date is not None and self.start_date < as_of


class UpdateSource(models.TextChoices):
    PAGE = "page", "Recorded on the page"
    IMPORT = "import", "Imported from a spreadsheet"
    API = "api", "Recorded through the API"


class ActionUpdate(InsertOnly):
    """A progress update: append-only; a change of RAG carries its reason."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=8, choices=UpdateSource.choices, default=UpdateSource.PAGE)
    status_from = models.CharField(max_length=16, choices=Status.choices, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices)
    rag_from = models.CharField(max_length=8, choices=Rag.choices, blank=True)
    rag = models.CharField(max_length=8, choices=Rag.choices, blank=True)
    narrative = models.TextField(blank=True)
    reason = models.TextField("reason for the change of RAG", blank=True)
    changes = models.JSONField("other fields changed", default=dict, blank=True)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"Update to {self.action.ref} at {self.recorded_at:%d %B %Y %H:%M}"

    @property
    def status_changed(self) -> bool:
        return bool(self.status_from) and self.status_from != self.status

    @property
    def rag_changed(self) -> bool:
        return self.rag_from != self.rag


class Measure(models.Model):
    """A key performance indicator the plan is judged by."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="measures")
    finding = models.ForeignKey(
        Finding, null=True, blank=True, on_delete=models.SET_NULL, related_name="measures"
    )
    name = models.CharField(max_length=300)
    unit = models.CharField(max_length=40, blank=True, help_text="For example %, weeks or children")
    baseline = models.DecimalField(max_digits=12, decimal_places=2)
    baseline_on = models.DateField()
    higher_is_better = models.BooleanField(default=True)
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    target_on = models.DateField(null=True, blank=True)
    kpi_id = models.CharField(
        "KPI",
        max_length=80,
        blank=True,
        help_text="When set, the actuals come from this KPI of the catalogue and are never typed",
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_bound(self) -> bool:
        return bool(self.kpi_id)

    @property
    def kpi(self) -> Kpi | None:
        return kpis.get(self.kpi_id) if self.kpi_id else None


class MeasurePointKind(models.TextChoices):
    MILESTONE = "milestone", "Milestone"
    ACTUAL = "actual", "Actual"


class MeasurePoint(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="points")
    kind = models.CharField(max_length=12, choices=MeasurePointKind.choices)
    on = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=2)
    from_kpi = models.BooleanField(default=False)
    period = models.CharField("period covered", max_length=120, blank=True)
    numerator = models.BigIntegerField(null=True, blank=True)
    denominator = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["on", "kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value} on {self.on:%d %B %Y}"


class Board(models.Model):
    local_area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="boards")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    deep_dive_theme = models.CharField(max_length=300, blank=True)
    deep_dive_workstream = models.ForeignKey(
        Workstream, null=True, blank=True, on_delete=models.SET_NULL, related_name="deep_dives"
    )
    papers = models.FileField(upload_to="board-papers/", blank=True)
    papers_url = models.URLField(blank=True)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.board} on {self.held_on.day} {self.held_on:%B %Y}"


class PlanVersion(models.Model):
    """A published, frozen copy of a plan: what the public page shows."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="versions"
    )
    unapproved_reason = models.TextField("why it was published before approval", blank=True)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.plan} version {self.number}"
