"""EHC plans as versioned documents, the agencies' confirmations, and multi-agency quality audits.

A version's `content` is the plan's structure (`ehcplan.structure.EhcPlan` as JSON). A version is
written while `issued_on` is empty; issuing it (as a draft, a final plan or an amended plan)
records the matching case event and freezes it. A later change starts a new version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from sendtrack.accounts.models import LocalArea, Organisation
from sendtrack.casework.models import Case, CaseEvent
from sendtrack.ehcplan.structure import EhcPlan
from sendtrack.ehcplan.versions import from_json


class PlanKind(models.TextChoices):
    DRAFT = "draft", "Draft plan"
    FINAL = "final", "Final plan"
    AMENDED = "amended", "Amended plan"


class PlanVersion(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=PlanKind.choices)
    content = models.JSONField()
    issued_on = models.DateField(null=True, blank=True)
    reason = models.TextField("why it changed", blank=True)
    event = models.ForeignKey(CaseEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)
    findings = models.JSONField(
        null=True,
        blank=True,
        help_text="The findings of the checks that depend on the words only, kept when the words are saved",
    )

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="plan_version_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number} for {self.case}"

    @property
    def is_open(self) -> bool:
        return self.issued_on is None

    def plan(self) -> EhcPlan:
        return from_json(self.content)


class Agency(models.TextChoices):
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    EDUCATION = "education", "Education"


class AgencyConfirmation(models.Model):
    """An agency asked to confirm, or correct, its sections of a draft plan."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="confirmations")
    agency = models.CharField(max_length=20, choices=Agency.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_on = models.DateField()
    due_on = models.DateField()
    confirmed_on = models.DateField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    corrections = models.TextField(blank=True)
    asked_by_email = models.JSONField(
        default=list,
        blank=True,
        help_text="Each adviser of Section K emailed: name, address, delivered (or null) and why not",
    )

    class Meta:
        ordering = ["due_on", "agency"]
        constraints = [models.UniqueConstraint(fields=["version", "agency"], name="plan_confirmation_unique")]

    def __str__(self) -> str:
        return f"{self.get_agency_display()} confirmation of {self.version}"


class Grade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


class QualityAudit(models.Model):
    """An audit round: a sample of plans graded section by section by auditors from each agency."""

    local_area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    weights = models.JSONField(default=dict, help_text="Weight of each section in the overall grade")
    created_on = models.DateField(default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_on", "name"]

    def __str__(self) -> str:
        return self.name


class AuditAssignment(models.Model):
    audit = models.ForeignKey(QualityAudit, on_delete=models.CASCADE, related_name="assignments")
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="audit_assignments")
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.CharField(max_length=20, choices=Agency.choices)

    class Meta:
        ordering = ["audit", "version", "agency"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "version", "auditor"], name="audit_assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.version} for {self.audit}"


class SectionGrade(models.Model):
    assignment = models.ForeignKey(AuditAssignment, on_delete=models.CASCADE, related_name="grades")
    section = models.CharField(max_length=3)
    grade = models.CharField(max_length=24, choices=Grade.choices)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["assignment", "section"]
        constraints = [models.UniqueConstraint(fields=["assignment", "section"], name="section_grade_unique")]

    def __str__(self) -> str:
        return f"{self.section}: {self.get_grade_display()}"
