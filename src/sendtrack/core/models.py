"""The audit trail: one insert-only row for every change of state that matters to the partnership."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from sendtrack.accounts.models import LocalArea
from sendtrack.core.fields import CodeField
from sendtrack.core.insert_only import InsertOnly


class AuditVerb(models.TextChoices):
    PLAN_IMPORTED = "plan_imported", "Plan imported"
    PLAN_PUBLISHED = "plan_published", "Plan published"
    PLAN_APPROVAL_CHANGED = "plan_approval_changed", "Plan approval status changed"
    PLAN_INSPECTION_LINKED = "plan_inspection_linked", "Plan linked to an inspection"
    ACTION_UPDATED = "action_updated", "Action updated"
    INSPECTION_RECORDED = "inspection_recorded", "Inspection recorded"
    FINDING_RECORDED = "finding_recorded", "Finding recorded"
    REVISIT_JUDGEMENT_RECORDED = "revisit_judgement_recorded", "Revisit judgement recorded"
    INTERVENTION_RECORDED = "intervention_recorded", "Intervention recorded"
    MEASURE_RECORDED = "measure_recorded", "Measure recorded"
    MEASURE_POINT_RECORDED = "measure_point_recorded", "Measure milestone or actual recorded"
    BOARD_RECORDED = "board_recorded", "Board recorded"
    MEETING_RECORDED = "meeting_recorded", "Board meeting recorded"
    BOARD_REPORT_GENERATED = "board_report_generated", "Board report generated"
    EVENT_RECORDED = "event_recorded", "Case event recorded"
    EVENT_CORRECTED = "event_corrected", "Case event corrected"
    CASE_DETAILS_CHANGED = "case_details_changed", "Case details changed"
    PANEL_MEETING_RECORDED = "panel_meeting_recorded", "Panel meeting recorded"
    CASE_IMPORTED = "case_imported", "Case imported"
    SUBJECT_ACCESS_EXPORTED = "subject_access_exported", "Everything held about a person exported"
    PERSON_ERASED = "person_erased", "Person's record erased at the end of its retention period"
    EHC_PLAN_CHANGED = "ehc_plan_changed", "EHC plan written or changed"
    EHC_PLAN_ISSUED = "ehc_plan_issued", "EHC plan issued"
    EHC_PLAN_CONFIRMED = "ehc_plan_confirmed", "EHC plan sections confirmed by an agency"
    EHC_PLAN_GRADED = "ehc_plan_graded", "EHC plan graded in a quality audit"
    INSPECTION_TASK_DONE = "inspection_task_done", "Inspection task marked done"
    CHILDREN_NAMED = "inspection_children_named", "Children named for tracking by the inspectors"
    CENSUS_EXTRACT_IMPORTED = "census_extract_imported", "School census or social care extract imported"
    INSPECTION_OUTCOME_RECORDED = "inspection_outcome_recorded", "Inspection outcome and findings recorded"
    PRIORITY_ACTION_PLAN_STARTED = "priority_action_plan_started", "Plan started from an inspection report"
    PUBLISHED_TIMELINESS_IMPORTED = "published_timeliness_imported", "DfE's published timeliness imported"
    JOB_STARTED = "job_started", "Job started"
    INSPECTION_LEADS_CHANGED = "inspection_leads_changed", "Inspection leads named or removed"
    TRACKED_CHILD_ADDED = "tracked_child_added", "Child added to an inspection's tracking or sample"
    TRACKING_CONSENT_RECORDED = (
        "tracking_consent_recorded",
        "Family's consent to inspection tracking recorded",
    )
    TRACKING_PACK_MADE = "tracking_pack_made", "Inspection tracking pack made"
    TRACKING_PACK_DOWNLOADED = "tracking_pack_downloaded", "Inspection tracking pack downloaded"
    SELF_EVALUATION_CHANGED = "self_evaluation_changed", "Self-evaluation statement written or changed"
    SELF_EVALUATION_FROZEN = "self_evaluation_frozen", "Self-evaluation frozen as a dated version"
    DOCUMENT_UPLOADED = "document_uploaded", "Document added to a child's record"
    DOCUMENT_CHANGED = "document_changed", "Document's details or sharing changed"
    DOCUMENTS_IMPORTED = "documents_imported", "Documents loaded from a folder"


class AuditEvent(InsertOnly):
    """Who changed what, when, in which local area. Written by `sendtrack.core.audit.audit` only.

    People and local areas named here cannot be deleted (PROTECT): the trail is never rewritten.
    """

    verb = CodeField(max_length=40, codes=AuditVerb)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for changes made by a command or the system",
    )
    local_area = models.ForeignKey(
        LocalArea, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    subject_type = models.CharField(max_length=100, blank=True, help_text="app_label.model of the subject")
    subject_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["local_area", "-at"], name="audit_area_at"),
            models.Index(fields=["subject_type", "subject_id"], name="audit_subject"),
        ]

    if TYPE_CHECKING:

        def get_verb_display(self) -> str: ...  # made by CodeField

    def __str__(self) -> str:
        return f"{self.get_verb_display()} at {self.at:%d %B %Y %H:%M}"


class RecordClass(models.TextChoices):
    """The kinds of record that have their own retention period."""

    CASE_RECORD = "case_record", "A person's record: cases, events, milestones, documents and family links"
    FAMILY_NOTIFICATION = "family_notification", "Emails sent to families"


class RetentionPeriod(models.Model):
    """How long one class of record is kept. Without a row, the defaults in `core.retention` apply.

    Exactly one of `keep_until_age` (the person's birthday, e.g. 31) and `keep_for_days` (after
    the record was made) is set.
    """

    record_class = models.CharField(max_length=40, choices=RecordClass.choices, unique=True)
    keep_until_age = models.PositiveSmallIntegerField(null=True, blank=True)
    keep_for_days = models.PositiveIntegerField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="The retention schedule this comes from")

    class Meta:
        ordering = ["record_class"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(keep_until_age__isnull=True, keep_for_days__isnull=False)
                | models.Q(keep_until_age__isnull=False, keep_for_days__isnull=True),
                name="retention_period_one_rule",
            ),
        ]

    def __str__(self) -> str:
        return self.get_record_class_display()


class LegalHold(models.Model):
    """A person's record must not be erased while a hold is current (litigation, tribunal, inquiry)."""

    person = models.ForeignKey("casework.Person", on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.CharField(max_length=300)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-placed_at"]

    def __str__(self) -> str:
        return f"Legal hold on {self.person_id}"
