"""A document on a child's record: advice, draft and final plans, decision letters, review paperwork.

A model of the casework app (imported by `casework.models`); uploading, downloading, sharing with
the family and the bulk loader are in `sendtrack.documents`. The file itself is kept through
Django's storage API (`STORAGES["default"]`: the file system under `MEDIA_ROOT`, or S3-compatible
object storage), under a random name that says nothing about the child.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone

from sendtrack.casework.models import Case, CaseEvent
from sendtrack.statutory import labels
from sendtrack.statutory.rules import ADVISERS


def document_path(instance: CaseDocument, filename: str) -> str:
    """`case-documents/2026/03/<random>.pdf`: the stored name keeps only the file's extension."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"case-documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class CaseDocument(models.Model):
    """One file kept on a case, with what it is, its date, who added it and whether the family sees it.

    `size`, `content_type` and `sha256` are read from the file's bytes when it is stored, never
    from what the browser said; `sha256` lets the bulk loader run again without adding it twice.
    """

    class Kind(models.TextChoices):
        ADVICE = "advice", labels.DOCUMENT_KIND_LABELS["advice"]
        DRAFT_PLAN = "draft_plan", labels.DOCUMENT_KIND_LABELS["draft_plan"]
        FINAL_PLAN = "final_plan", labels.DOCUMENT_KIND_LABELS["final_plan"]
        DECISION_LETTER = "decision_letter", labels.DOCUMENT_KIND_LABELS["decision_letter"]
        REVIEW = "review", labels.DOCUMENT_KIND_LABELS["review"]
        OTHER = "other", labels.DOCUMENT_KIND_LABELS["other"]

    AGENCIES = [(code, labels.AGENCY_LABELS[code]) for code in ADVISERS]

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("type of document", max_length=20, choices=Kind.choices)
    agency = models.CharField(
        "advice from", max_length=30, choices=AGENCIES, blank=True, help_text="For advice only"
    )
    title = models.CharField(max_length=200)
    date = models.DateField("date of the document", null=True, blank=True)
    file = models.FileField(upload_to=document_path, max_length=200)
    original_name = models.CharField("file name as uploaded", max_length=255, blank=True)
    size = models.PositiveBigIntegerField("size in bytes", default=0)
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    shared_with_family = models.BooleanField(
        default=False, help_text="The parent, carer or young person can see and download it"
    )
    event = models.ForeignKey(
        CaseEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )

    class Meta:
        ordering = ["-uploaded_at"]
        indexes = [
            models.Index(fields=["case", "date"], name="casedocument_case_date_idx"),
            models.Index(fields=["case", "sha256"], name="casedocument_case_sha_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_text(self) -> str:
        """ "Advice from educational psychology", "Decision letter"."""
        return labels.document_kind_label(self.kind, self.agency)

    @property
    def download_name(self) -> str:
        """The name the file is saved under by whoever downloads it."""
        return self.original_name or PurePath(self.file.name).name
