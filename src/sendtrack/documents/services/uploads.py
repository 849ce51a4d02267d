"""Adding a document to a child's record and changing its details: the one path the page and the
bulk loader take. Each writes its audit row in the transaction of the change."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import User
from sendtrack.casework.models import Case, CaseDocument, CaseEvent
from sendtrack.casework.services import EventRejected, record_event_in_transaction
from sendtrack.core.audit import audit, audited, changes
from sendtrack.core.models import AuditVerb
from sendtrack.documents import files, scanning
from sendtrack.documents.files import FileRefused

DATE_IN_FUTURE = "The date of the document must be today or in the past"
AGENCY_NEEDED = "Select who the advice is from"
AGENCY_ONLY_FOR_ADVICE = "Only advice is from an agency: leave who it is from empty"
EVENT_NOT_OF_CASE = "Link the document to an event of this case"
FINAL_PLAN_ONLY = "Only a final plan can record that the final plan was issued"


class DocumentRefused(ValueError):
    """A document that cannot be kept; `field` names the part that is wrong."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True, slots=True)
class Details:
    """What a person says about a document: its kind, whose advice, title, date, sharing, event."""

    kind: str
    title: str
    date: date
    agency: str = ""
    shared_with_family: bool = False
    event: CaseEvent | None = None


def check_details(case: Case, details: Details) -> None:
    """`DocumentRefused` unless the details fit together and fit the case."""
    if details.kind not in CaseDocument.Kind.values:
        raise DocumentRefused(f"{details.kind!r} is not a type of document", "kind")
    if details.kind == CaseDocument.Kind.ADVICE and not details.agency:
        raise DocumentRefused(AGENCY_NEEDED, "agency")
    if details.kind != CaseDocument.Kind.ADVICE and details.agency:
        raise DocumentRefused(AGENCY_ONLY_FOR_ADVICE, "agency")
    if details.agency and details.agency not in dict(CaseDocument.AGENCIES):
        raise DocumentRefused(f"{details.agency!r} is not an agency that gives advice", "agency")
    if details.date > timezone.localdate():
        raise DocumentRefused(DATE_IN_FUTURE, "date")
    if details.event is not None and details.event.case_id != case.pk:
        raise DocumentRefused(EVENT_NOT_OF_CASE, "event")


def check_upload(stream: files.Stream, *, name: str, size: int, max_bytes: int) -> files.FileType:
    """The file's type once it has passed the type and size limits and the virus scanner."""
    kind = files.check_file(stream, name=name, size=size, max_bytes=max_bytes)
    scanning.scan(stream, name=name)
    return kind


def _fields(document: CaseDocument) -> dict[str, object]:
    return {
        "kind": document.kind,
        "agency": document.agency,
        "title": document.title,
        "date": document.date.isoformat() if document.date else None,
        "shared_with_family": document.shared_with_family,
        "event": document.event_id,
    }


def store_document(
    *,
    case: Case,
    by: User | None,
    upload: File[bytes],
    details: Details,
    file_type: files.FileType,
    sha256: str,
) -> CaseDocument:
    """Save the file through the storage API and its row, inside the caller's transaction.

    The caller deletes the stored file (`document.file`) when its transaction does not commit.
    """
    document = CaseDocument(
        case=case,
        kind=details.kind,
        agency=details.agency,
        title=details.title.strip()[:200],
        date=details.date,
        original_name=(upload.name or "").rsplit("/", 1)[-1][:255],
        size=upload.size or 0,
        content_type=file_type.content_type,
        sha256=sha256,
        uploaded_by=by,
        uploaded_at=timezone.now(),
        shared_with_family=details.shared_with_family,
        event=details.event,
    )
    upload.seek(0)
    document.file.save(document.original_name, upload, save=False)
    try:
        document.save()
    except Exception:
        document.file.storage.delete(document.file.name)
        raise
    return document


@audited(AuditVerb.DOCUMENT_UPLOADED)
def upload_document(
    *,
    case: Case,
    by: User | None,
    upload: File[bytes],
    details: Details,
    record_final_plan: bool = False,
    max_bytes: int = files.DEFAULT_MAX_BYTES,
) -> CaseDocument:
    """Check, scan and keep one document on the case; with `record_final_plan` (a final plan whose
    issue the user confirmed) also record `final_plan_issued` on the document's date, checked by
    the statutory engine like any event, and link the document to it.

    Nothing is kept when the file, the details or the event are refused (`DocumentRefused`).
    """
    check_details(case, details)
    if record_final_plan and details.kind != CaseDocument.Kind.FINAL_PLAN:
        raise DocumentRefused(FINAL_PLAN_ONLY, "record_final_plan")
    name = (upload.name or "").rsplit("/", 1)[-1]
    try:
        file_type = check_upload(upload, name=name, size=upload.size or 0, max_bytes=max_bytes)
    except FileRefused as refused:
        raise DocumentRefused(str(refused), "file") from refused
    sha256 = files.sha256_of(upload)
    stored: list[CaseDocument] = []
    try:
        with transaction.atomic(durable=True):
            if record_final_plan:
                event = {"type": "final_plan_issued", "date": details.date.isoformat()}
                try:
                    recorded = record_event_in_transaction(case=case, by=by, event=event)
                except EventRejected as rejected:
                    raise DocumentRefused(rejected.message, "record_final_plan") from rejected
                details = replace(details, event=recorded)
            document = store_document(
                case=case, by=by, upload=upload, details=details, file_type=file_type, sha256=sha256
            )
            stored.append(document)
            audit(
                actor=by,
                verb=AuditVerb.DOCUMENT_UPLOADED,
                subject=case,
                detail={"document": document.pk, "changes": changes({}, _fields(document))},
            )
    except Exception:
        for document in stored:
            document.file.storage.delete(document.file.name)
        raise
    return document


@audited(AuditVerb.DOCUMENT_CHANGED)
@transaction.atomic(durable=True)
def change_document(*, document: CaseDocument, by: User | None, details: Details) -> CaseDocument:
    """Change what a document is, its title, date, event or whether the family sees it; the file stays."""
    check_details(document.case, details)
    before = _fields(document)
    document.kind, document.agency = details.kind, details.agency
    document.title, document.date = details.title.strip()[:200], details.date
    document.shared_with_family, document.event = details.shared_with_family, details.event
    found = changes(before, _fields(document))
    if found:
        document.save(update_fields=["kind", "agency", "title", "date", "shared_with_family", "event"])
        audit(
            actor=by,
            verb=AuditVerb.DOCUMENT_CHANGED,
            subject=document.case,
            detail={"document": document.pk, "changes": found},
        )
    return document
