"""Reading a child's documents: the list on the record, the family's shared ones, one to download.

Callers have opened the case through `casework.access.get_visible_case_or_404` first; these read
only the documents of the case they are given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet

from sendtrack.casework.models import Case, CaseDocument, CaseEvent
from sendtrack.documents.files import BY_CONTENT_TYPE, size_in_words
from sendtrack.statutory import labels
from sendtrack.statutory.dates import format_date


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What is known about one document, without its bytes (for pages, packs and exports)."""

    pk: int
    kind: str
    agency: str
    kind_text: str
    title: str
    date: date | None
    file_name: str
    file_type: str
    content_type: str
    size: int
    size_text: str
    uploaded_by: str
    uploaded_at: datetime
    shared_with_family: bool
    event_id: int | None
    event_text: str


def _event_text(event: CaseEvent | None) -> str:
    if event is None:
        return ""
    fields = {name: value for name, value in (event.data or {}).items() if name not in ("type", "date")}
    text = labels.describe_event(event.type, fields)
    return f"{text}, {format_date(event.date)}" if event.date else text


def _summary(document: CaseDocument) -> DocumentSummary:
    file_type = BY_CONTENT_TYPE.get(document.content_type)
    return DocumentSummary(
        pk=document.pk,
        kind=document.kind,
        agency=document.agency,
        kind_text=document.kind_text,
        title=document.title,
        date=document.date,
        file_name=document.download_name,
        file_type=file_type.words.removeprefix("a ") if file_type else "file",
        content_type=document.content_type,
        size=document.size,
        size_text=size_in_words(document.size) if document.size else "",
        uploaded_by=str(document.uploaded_by) if document.uploaded_by else "",
        uploaded_at=document.uploaded_at,
        shared_with_family=document.shared_with_family,
        event_id=document.event_id,
        event_text=_event_text(document.event),
    )


def _in_date_order(documents: QuerySet[CaseDocument]) -> list[DocumentSummary]:
    ordered = documents.select_related("uploaded_by", "event").order_by("date", "uploaded_at", "pk")
    return [_summary(document) for document in ordered]


def documents_for_case(case: Case) -> list[DocumentSummary]:
    """Every document of the case, oldest first by the document's own date (then when it was added)."""
    return _in_date_order(CaseDocument.objects.filter(case=case))


def family_documents(case: Case) -> list[DocumentSummary]:
    """The documents of the case the council shared with the family, oldest first."""
    return _in_date_order(CaseDocument.objects.filter(case=case, shared_with_family=True))


def document_of_case(case: Case, document_id: int, *, family: bool = False) -> CaseDocument | None:
    """One document of this case (one shared with the family, for the family), or None."""
    documents = CaseDocument.objects.filter(case=case, pk=document_id)
    if family:
        documents = documents.filter(shared_with_family=True)
    return documents.select_related("event").first()


def linkable_events(case: Case) -> list[tuple[int, str]]:
    """The case's current events a document can be linked to, latest first, in words."""
    events = (
        CaseEvent.objects.filter(case=case, corrections__isnull=True)
        .exclude(type=CaseEvent.REMOVED)
        .order_by("-date", "-position", "-pk")
    )
    return [(event.pk, _event_text(event)) for event in events]
